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

}  // namespace
}  // namespace clause
