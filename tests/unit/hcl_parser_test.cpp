#include <gtest/gtest.h>

#include "checker/model/expr.h"
#include "parsers/hcl/hcl_parser.h"
#include "tests/unit/hcl_test_support.h"

namespace clause {
namespace {

Document parse(std::string src) { return testing::parse_hcl_text(std::move(src)); }

TEST(HclParser, ResourceBlockWithLiteralsAndLocations) {
  Document d = parse(
      "# header comment\n"
      "resource \"aws_db_instance\" \"main\" {\n"
      "  engine                  = \"postgres\"\n"
      "  backup_retention_period = 3\n"
      "  multi_az                = true\n"
      "  tags = {\n"
      "    service = \"ledger\"\n"
      "  }\n"
      "}\n");
  ASSERT_TRUE(d.diagnostics.empty());
  ASSERT_EQ(d.blocks.size(), 1u);
  const Block &b = d.blocks[0];
  EXPECT_EQ(b.type, "resource");
  ASSERT_EQ(b.labels.size(), 2u);
  EXPECT_EQ(b.labels[0], "aws_db_instance");
  EXPECT_EQ(b.labels[1], "main");
  EXPECT_EQ(b.header, (Span{2, 1, 2, 34, 17, 50}));
  EXPECT_EQ(b.span.start_line, 2u);
  EXPECT_EQ(b.span.end_line, 9u);

  const MapEntry *retention = b.body.entry("backup_retention_period");
  ASSERT_NE(retention, nullptr);
  EXPECT_EQ(retention->value.kind, NodeKind::Number);
  EXPECT_EQ(retention->value.number, 3);
  EXPECT_EQ(retention->key_span.start_line, 4u);
  EXPECT_EQ(retention->key_span.start_col, 3u);
  EXPECT_EQ(retention->value.span.start_col, 29u);
  EXPECT_EQ(retention->value.span.end_col, 30u);

  EXPECT_EQ(b.body.get("engine")->text, "postgres");
  EXPECT_TRUE(b.body.get("multi_az")->boolean);
  const Node *tags = b.body.get("tags");
  ASSERT_TRUE(tags && tags->is_map());
  EXPECT_EQ(tags->get("service")->text, "ledger");
  ASSERT_EQ(d.comments.size(), 1u);
  EXPECT_EQ(d.comments[0].text, "# header comment");
}

TEST(HclParser, NestedBlocksBecomeListsOfMaps) {
  Document d = parse(
      "resource \"aws_security_group\" \"sg\" {\n"
      "  ingress {\n"
      "    from_port = 443\n"
      "  }\n"
      "  ingress {\n"
      "    from_port = 80\n"
      "  }\n"
      "  dynamic \"egress\" {\n"
      "    for_each = var.rules\n"
      "    content {}\n"
      "  }\n"
      "}\n");
  ASSERT_EQ(d.blocks.size(), 1u);
  const Node *ingress = d.blocks[0].body.get("ingress");
  ASSERT_TRUE(ingress && ingress->is_list() && ingress->from_block);
  ASSERT_EQ(ingress->items.size(), 2u);
  EXPECT_EQ(ingress->items[1].get("from_port")->number, 80);
  EXPECT_EQ(ingress->items[1].span.start_line, 5u);
  const Node *dyn = d.blocks[0].body.get("dynamic");
  ASSERT_TRUE(dyn && dyn->is_list());
  EXPECT_EQ(dyn->items[0].text, "egress");
  EXPECT_TRUE(dyn->items[0].get("for_each")->is_expression());
}

TEST(HclParser, ExpressionsKeepSourceAndStructure) {
  Document d = parse(
      "locals {\n"
      "  a = var.region\n"
      "  b = \"${var.env}-logs\"\n"
      "  c = lookup(var.m, \"k\", 7)\n"
      "  d = var.on ? 1 : 0\n"
      "  e = aws_s3_bucket.logs.id\n"
      "  f = 1 + 2 * 3\n"
      "  g = [for x in var.l : x]\n"
      "  h = var.list[0]\n"
      "}\n");
  ASSERT_TRUE(d.diagnostics.empty());
  const Node &body = d.blocks[0].body;
  const Node *a = body.get("a");
  ASSERT_TRUE(a->is_expression());
  EXPECT_EQ(a->text, "var.region");
  ASSERT_TRUE(a->expr);
  EXPECT_EQ(a->expr->op, Expr::Op::GetAttr);
  EXPECT_EQ(a->expr->name, "region");
  EXPECT_EQ(a->expr->args[0].op, Expr::Op::Variable);
  EXPECT_EQ(a->expr->args[0].name, "var");

  const Node *b = body.get("b");
  ASSERT_TRUE(b->expr);
  EXPECT_EQ(b->expr->op, Expr::Op::Template);
  ASSERT_EQ(b->expr->args.size(), 2u);
  EXPECT_EQ(b->expr->args[1].value().text, "-logs");

  const Node *c = body.get("c");
  EXPECT_EQ(c->expr->op, Expr::Op::Call);
  EXPECT_EQ(c->expr->name, "lookup");
  ASSERT_EQ(c->expr->args.size(), 3u);
  EXPECT_EQ(c->expr->args[2].value().number, 7);

  EXPECT_EQ(body.get("d")->expr->op, Expr::Op::Conditional);
  const Node *e = body.get("e");
  EXPECT_EQ(e->expr->op, Expr::Op::GetAttr);
  EXPECT_EQ(e->expr->name, "id");
  EXPECT_EQ(e->expr->args[0].name, "logs");

  const Node *f = body.get("f");
  EXPECT_EQ(f->expr->op, Expr::Op::Binary);
  EXPECT_EQ(f->expr->name, "+");
  EXPECT_EQ(f->expr->args[1].op, Expr::Op::Binary);
  EXPECT_EQ(f->expr->args[1].name, "*");

  EXPECT_EQ(body.get("g")->expr->op, Expr::Op::For);
  const Node *h = body.get("h");
  EXPECT_EQ(h->expr->op, Expr::Op::Index);
  EXPECT_EQ(h->expr->args[1].value().number, 0);
}

TEST(HclParser, StringsHeredocsAndMixedCollections) {
  Document d = parse(
      "locals {\n"
      "  s = \"a\\\"b\\n\\u00e9\"\n"
      "  h = <<-EOT\n"
      "    line1\n"
      "      line2\n"
      "    EOT\n"
      "  m = { x = 1, y = var.y, \"z\" = \"q\" }\n"
      "  l = [1, \"two\", null]\n"
      "}\n");
  ASSERT_TRUE(d.diagnostics.empty());
  const Node &body = d.blocks[0].body;
  EXPECT_EQ(body.get("s")->text, "a\"b\n\xC3\xA9");
  EXPECT_EQ(body.get("h")->text, "line1\n  line2\n");
  const Node *m = body.get("m");
  ASSERT_TRUE(m->is_map());
  EXPECT_EQ(m->get("x")->number, 1);
  EXPECT_TRUE(m->get("y")->is_expression());
  EXPECT_EQ(m->get("z")->text, "q");
  const Node *l = body.get("l");
  ASSERT_EQ(l->items.size(), 3u);
  EXPECT_TRUE(l->items[2].is_null());
}

TEST(HclParser, SyntaxErrorIsLocatedAndRestSurvives) {
  Document d = parse(
      "resource \"aws_s3_bucket\" \"a\" {\n"
      "  acl = = \"private\"\n"
      "}\n"
      "resource \"aws_s3_bucket\" \"b\" {\n"
      "  bucket = \"b\"\n"
      "}\n");
  ASSERT_FALSE(d.diagnostics.empty());
  EXPECT_EQ(d.diagnostics[0].code, "parse-error");
  EXPECT_EQ(d.diagnostics[0].span.start_line, 2u);
  bool found_b = false;
  for (const auto &b : d.blocks)
    if (b.labels.size() == 2 && b.labels[1] == "b") found_b = true;
  EXPECT_TRUE(found_b);
}

TEST(HclParser, TfvarsAttributesGoToRoot) {
  Document d = parse("region = \"eu-west-1\"\nretention = 30\n");
  ASSERT_EQ(d.roots.size(), 1u);
  EXPECT_EQ(d.roots[0].get("region")->text, "eu-west-1");
  EXPECT_EQ(d.roots[0].get("retention")->number, 30);
}

TEST(HclParser, DeepNestingIsLimitedNotCrashing) {
  std::string src = "x = ";
  src += std::string(100000, '[');
  src += std::string(100000, ']');
  src += "\n";
  Document d = parse(src);
  bool limit = false;
  for (const auto &diag : d.diagnostics)
    if (diag.code == "limit-depth") limit = true;
  EXPECT_TRUE(limit);
}

TEST(HclParser, CrlfAndBomKeepColumns) {
  Document d = parse("\xEF\xBB\xBFlocals {\r\n  a = 1\r\n}\r\n");
  ASSERT_TRUE(d.diagnostics.empty());
  ASSERT_EQ(d.blocks.size(), 1u);
  const MapEntry *a = d.blocks[0].body.entry("a");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->key_span.start_line, 2u);
  EXPECT_EQ(a->key_span.start_col, 3u);
}

// Nodes with many children (comments, attributes, elements) are read with a
// cursor rather than by index (parsers/hcl/ts_children.h): every child is
// kept, in order, named-only where it should be.
TEST(HclParser, LongSequencesKeepEveryChildInOrder) {
  std::string src;
  for (int i = 0; i < 300; ++i) src += "# top " + std::to_string(i) + "\n";
  src += "resource \"aws_s3_bucket\" \"b\" {\n";
  for (int i = 0; i < 40; ++i) src += "  a" + std::to_string(i) + " = " + std::to_string(i) + "\n";
  src += "  list = [";
  for (int i = 0; i < 30; ++i) src += (i ? ", " : "") + std::to_string(i);
  src += "]\n  obj = {\n";
  for (int i = 0; i < 20; ++i) src += "    k" + std::to_string(i) + " = \"v" + std::to_string(i) + "\"\n";
  src += "  }\n}\n";
  Document d = parse(src);
  ASSERT_TRUE(d.diagnostics.empty());
  ASSERT_EQ(d.comments.size(), 300u);
  for (uint32_t i = 0; i < 300; ++i) {
    EXPECT_EQ(d.comments[i].span.start_line, i + 1);
    EXPECT_EQ(d.comments[i].text, "# top " + std::to_string(i));
  }
  ASSERT_EQ(d.blocks.size(), 1u);
  const Node &body = d.blocks[0].body;
  ASSERT_EQ(body.entries.size(), 42u);
  for (uint32_t i = 0; i < 40; ++i) {
    EXPECT_EQ(body.entries[i].key, "a" + std::to_string(i));
    EXPECT_EQ(body.entries[i].value.number, i);
    EXPECT_EQ(body.entries[i].key_span.start_line, 302 + i);
  }
  const Node *list = body.get("list");
  ASSERT_TRUE(list && list->is_list());
  ASSERT_EQ(list->items.size(), 30u);
  for (uint32_t i = 0; i < 30; ++i) EXPECT_EQ(list->items[i].number, i);
  const Node *obj = body.get("obj");
  ASSERT_TRUE(obj && obj->is_map());
  ASSERT_EQ(obj->entries.size(), 20u);
  for (uint32_t i = 0; i < 20; ++i) {
    EXPECT_EQ(obj->entries[i].key, "k" + std::to_string(i));
    EXPECT_EQ(obj->entries[i].value.text, "v" + std::to_string(i));
  }
}

}  // namespace
}  // namespace clause

namespace clause {
namespace {

// `1e9` is a Terraform number; the grammar reads an exponent only after a
// fraction, so it was a syntax error that dropped the attributes after it.
TEST(HclParser, ExponentWithoutAFractionIsANumber) {
  Document d = parse(
      "locals {\n"
      "  a = 1e9\n"
      "  b = 2\n"
      "  c = \"1e9\"\n"
      "  d = 1.5e3\n"
      "  e = 3E-2\n"
      "  f = 4e+1 + 1\n"
      "  g = x1e9 # 1e9\n"
      "}\n");
  EXPECT_TRUE(d.diagnostics.empty()) << d.diagnostics.front().message;
  ASSERT_EQ(d.blocks.size(), 1u);
  const Node &body = d.blocks[0].body;
  ASSERT_EQ(body.entries.size(), 7u);
  const Node *a = body.get("a");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->kind, NodeKind::Number);
  EXPECT_EQ(a->number, 1e9);
  EXPECT_EQ(a->text, "1e9");
  EXPECT_EQ(a->span, (Span{2, 7, 2, 10, 15, 18}));
  EXPECT_EQ(body.get("b")->number, 2);
  EXPECT_EQ(body.get("c")->kind, NodeKind::String);
  EXPECT_EQ(body.get("c")->text, "1e9");
  EXPECT_EQ(body.get("d")->number, 1500);
  EXPECT_EQ(body.get("e")->number, 0.03);
  EXPECT_EQ(body.get("e")->text, "3E-2");
  const Node *f = body.get("f");
  ASSERT_TRUE(f->expr);
  EXPECT_EQ(f->expr->op, Expr::Op::Binary);
  EXPECT_EQ(f->expr->args.at(0).value().number, 40);
  EXPECT_EQ(body.get("g")->text, "x1e9");
  ASSERT_EQ(d.comments.size(), 1u);
  EXPECT_EQ(d.comments[0].text, "# 1e9");
}

// Each thread reuses one tree-sitter parser: a parse its deadline halted
// must not be resumed by the thread's next file.
TEST(HclParser, ParserReusedAfterATimeout) {
  std::string many;
  for (int i = 0; i < 20000; ++i)
    many += "resource \"aws_s3_bucket\" \"b" + std::to_string(i) + "\" {\n  bucket = \"x\"\n}\n";
  Document slow;
  slow.source = many;
  ParseOptions hurried;
  hurried.timeout = std::chrono::milliseconds(1);
  parse_hcl(slow, hurried);
  ASSERT_EQ(slow.diagnostics.size(), 1u);
  EXPECT_EQ(slow.diagnostics[0].code, "limit-parse-time");
  EXPECT_TRUE(slow.blocks.empty());

  Document d = parse("variable \"region\" {\n  default = \"eu-west-1\"\n}\n");
  EXPECT_TRUE(d.diagnostics.empty());
  ASSERT_EQ(d.blocks.size(), 1u);
  EXPECT_EQ(d.blocks[0].type, "variable");
  ASSERT_EQ(d.blocks[0].labels.size(), 1u);
  EXPECT_EQ(d.blocks[0].labels[0], "region");
  EXPECT_EQ(d.blocks[0].span, (Span{1, 1, 3, 2, 0, 45}));
  EXPECT_EQ(d.blocks[0].body.get("default")->text, "eu-west-1");
}

}  // namespace
}  // namespace clause
