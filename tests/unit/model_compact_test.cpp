#include <gtest/gtest.h>

#include "checker/model/compact.h"
#include "checker/model/expr.h"
#include "tests/unit/hcl_test_support.h"

namespace clause {
namespace {

// A vector grown by appending three elements has room for four: the parser
// must hand over models without that spare room (a scan holds them all).
TEST(ModelCompact, HclParserLeavesNoSpareCapacity) {
  Document d = testing::parse_hcl_text(
      "resource \"aws_s3_bucket\" \"b\" {\n"
      "  a = 1\n"
      "  b = 2\n"
      "  c = var.on ? \"x\" : \"y\"\n"
      "  d = [1, 2, 3]\n"
      "  e = merge(var.tags, { k1 = local.a, k2 = local.b, k3 = local.c })\n"
      "  rule {}\n"
      "  rule {}\n"
      "  rule {}\n"
      "}\n"
      "locals {}\n"
      "locals {}\n"
      "locals {}\n");
  ASSERT_TRUE(d.diagnostics.empty());
  ASSERT_EQ(d.blocks.size(), 4u);
  EXPECT_EQ(d.blocks.capacity(), 4u);
  const Node &body = d.blocks[0].body;
  ASSERT_EQ(body.entries.size(), 6u);
  EXPECT_EQ(body.entries.capacity(), 6u);
  const Node *rules = body.get("rule");
  ASSERT_NE(rules, nullptr);
  ASSERT_EQ(rules->items.size(), 3u);
  EXPECT_EQ(rules->items.capacity(), 3u);
  const Node *list = body.get("d");
  ASSERT_EQ(list->items.size(), 3u);
  EXPECT_EQ(list->items.capacity(), 3u);
  const Node *cond = body.get("c");
  ASSERT_TRUE(cond->expr);
  ASSERT_EQ(cond->expr->args.size(), 3u);
  EXPECT_EQ(cond->expr->args.capacity(), 3u);
  const Node *call = body.get("e");
  ASSERT_TRUE(call->expr);
  ASSERT_EQ(call->expr->args.size(), 2u);
  const Expr &object = call->expr->args[1];
  EXPECT_EQ(object.op, Expr::Op::Object);
  ASSERT_EQ(object.args.size(), 6u);
  EXPECT_EQ(object.args.capacity(), 6u);
}

TEST(ModelCompact, ShrinksAnExprTreeAndAnEmptyDocument) {
  Expr e;
  e.args.resize(3);
  e.args.reserve(16);
  e.args[1].args.reserve(8);
  shrink_to_fit(e);
  EXPECT_EQ(e.args.capacity(), 3u);
  EXPECT_EQ(e.args[1].args.capacity(), 0u);
  Document empty;
  empty.blocks.reserve(4);
  shrink_to_fit(empty);
  EXPECT_EQ(empty.blocks.capacity(), 0u);
}

// Only Literal Exprs hold a Node (out of line); the others carry none, and
// value() then gives a null Node without a span.
TEST(ModelCompact, OnlyLiteralExprsHoldANode) {
  Document d = testing::parse_hcl_text("locals {\n  a = \"${var.x}-logs\"\n}\n");
  ASSERT_TRUE(d.diagnostics.empty());
  const Node *a = d.blocks.at(0).body.get("a");
  ASSERT_TRUE(a && a->expr);
  ASSERT_EQ(a->expr->args.size(), 2u);
  const Expr &ref = a->expr->args[0];
  const Expr &lit = a->expr->args[1];
  EXPECT_EQ(ref.op, Expr::Op::GetAttr);
  EXPECT_EQ(ref.literal, nullptr);
  EXPECT_EQ(ref.args.at(0).literal, nullptr);
  EXPECT_TRUE(ref.value().is_null());
  EXPECT_FALSE(ref.value().span.valid());
  ASSERT_EQ(lit.op, Expr::Op::Literal);
  ASSERT_NE(lit.literal, nullptr);
  EXPECT_EQ(lit.value().text, "-logs");
  EXPECT_EQ(lit.value().span, (Span{2, 16, 2, 21, 24, 29}));
  // An Expr is now smaller than the Node it once held whole (and no source text).
  EXPECT_LT(sizeof(Expr), sizeof(Node));
}

// A parsed expression's source text is held once: as its node's text.
TEST(ModelCompact, ExpressionSourceIsKeptOnce) {
  Document d = testing::parse_hcl_text("locals {\n  b = var.enabled ? aws_s3_bucket.logs.id : null\n}\n");
  ASSERT_TRUE(d.diagnostics.empty());
  const Node *b = d.blocks.at(0).body.get("b");
  ASSERT_TRUE(b && b->expr);
  EXPECT_EQ(b->text, "var.enabled ? aws_s3_bucket.logs.id : null");
  EXPECT_EQ(b->expr->op, Expr::Op::Conditional);
}

}  // namespace
}  // namespace clause
