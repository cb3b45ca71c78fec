#include "parsers/terraform/tf_json.h"

#include <gtest/gtest.h>

#include <string>

#include "parsers/json/json_parser.h"
#include "tests/unit/span_expect.h"

namespace clause {
namespace {

Document convert(std::string source) {
  Document doc;
  doc.kind = DocKind::Terraform;
  doc.path = "main.tf.json";
  doc.source = std::move(source);
  parse_json(doc, ParseOptions{});
  terraform_json_blocks(doc);
  return doc;
}

using testing_support::expect_span;

constexpr const char *kConfig = R"({
  "resource": {
    "aws_s3_bucket": {
      "logs": {
        "bucket": "acme-${var.env}-logs",
        "acl": "private",
        "versioning": {"enabled": true},
        "lifecycle_rule": [{"id": "a"}, {"id": "b"}]
      }
    }
  },
  "module": {"db": {"source": "./modules/db", "retention": "${local.days}"}},
  "variable": {"env": {"default": "prod", "description": "costs $${dollars}"}},
  "locals": {"days": 7},
  "output": {"arn": {"value": "${aws_s3_bucket.logs.arn}"}}
}
)";

TEST(TfJson, ResourceBecomesABlockWithTwoLabels) {
  Document doc = convert(kConfig);
  ASSERT_TRUE(doc.diagnostics.empty());
  ASSERT_EQ(doc.blocks.size(), 5u);
  const Block &b = doc.blocks[0];
  EXPECT_EQ(b.type, "resource");
  EXPECT_EQ(b.labels, (std::vector<std::string>{"aws_s3_bucket", "logs"}));
  expect_span(b.header, 4, 7, 4, 13);
  expect_span(b.span, 4, 7, 9, 8);
  EXPECT_TRUE(b.body.is_map());
  EXPECT_TRUE(b.body.from_block);
  expect_span(b.body.span, 4, 15, 9, 8);
  ASSERT_EQ(b.body.entries.size(), 4u);

  const Node *bucket = b.body.get("bucket");
  ASSERT_NE(bucket, nullptr);
  EXPECT_EQ(bucket->kind, NodeKind::Expression);
  EXPECT_EQ(bucket->text, "acme-${var.env}-logs");
  expect_span(bucket->span, 5, 19, 5, 41);
  expect_span(b.body.entries[0].key_span, 5, 9, 5, 17);

  const Node *acl = b.body.get("acl");
  ASSERT_NE(acl, nullptr);
  EXPECT_EQ(acl->kind, NodeKind::String);
  EXPECT_EQ(acl->text, "private");

  // Nested blocks stay as JSON gives them.
  const Node *versioning = b.body.get("versioning");
  ASSERT_NE(versioning, nullptr);
  EXPECT_TRUE(versioning->is_map());
  EXPECT_TRUE(versioning->get("enabled")->boolean);
  const Node *rules = b.body.get("lifecycle_rule");
  ASSERT_NE(rules, nullptr);
  ASSERT_TRUE(rules->is_list());
  ASSERT_EQ(rules->items.size(), 2u);
  EXPECT_EQ(rules->items[1].get("id")->text, "b");
}

TEST(TfJson, ModuleVariableLocalsOutput) {
  Document doc = convert(kConfig);
  ASSERT_EQ(doc.blocks.size(), 5u);

  const Block &module = doc.blocks[1];
  EXPECT_EQ(module.type, "module");
  EXPECT_EQ(module.labels, (std::vector<std::string>{"db"}));
  expect_span(module.header, 12, 14, 12, 18);
  EXPECT_EQ(module.body.get("source")->kind, NodeKind::String);
  EXPECT_EQ(module.body.get("source")->text, "./modules/db");
  EXPECT_EQ(module.body.get("retention")->kind, NodeKind::Expression);
  EXPECT_EQ(module.body.get("retention")->text, "${local.days}");

  const Block &variable = doc.blocks[2];
  EXPECT_EQ(variable.type, "variable");
  EXPECT_EQ(variable.labels, (std::vector<std::string>{"env"}));
  EXPECT_EQ(variable.body.get("default")->text, "prod");
  // `$${` is an escape: a plain string with the literal `${`.
  EXPECT_EQ(variable.body.get("description")->kind, NodeKind::String);
  EXPECT_EQ(variable.body.get("description")->text, "costs ${dollars}");

  const Block &locals = doc.blocks[3];
  EXPECT_EQ(locals.type, "locals");
  EXPECT_TRUE(locals.labels.empty());
  expect_span(locals.header, 14, 3, 14, 11);
  expect_span(locals.span, 14, 3, 14, 24);
  EXPECT_EQ(locals.body.get("days")->text, "7");

  const Block &output = doc.blocks[4];
  EXPECT_EQ(output.type, "output");
  EXPECT_EQ(output.body.get("value")->kind, NodeKind::Expression);
}

TEST(TfJson, ArraysStandForRepeatedObjects) {
  Document doc = convert(R"({
  "provider": {"aws": [{"region": "eu-west-1"}, {"alias": "us", "region": "us-east-1"}]},
  "resource": [
    {"aws_sqs_queue": {"a": {"name": "a"}}},
    {"aws_sqs_queue": {"b": {"name": "b"}}}
  ]
})");
  ASSERT_TRUE(doc.diagnostics.empty());
  ASSERT_EQ(doc.blocks.size(), 4u);
  EXPECT_EQ(doc.blocks[0].type, "provider");
  EXPECT_EQ(doc.blocks[0].labels, (std::vector<std::string>{"aws"}));
  EXPECT_EQ(doc.blocks[0].body.get("region")->text, "eu-west-1");
  EXPECT_EQ(doc.blocks[1].body.get("alias")->text, "us");
  EXPECT_EQ(doc.blocks[2].labels, (std::vector<std::string>{"aws_sqs_queue", "a"}));
  EXPECT_EQ(doc.blocks[3].labels, (std::vector<std::string>{"aws_sqs_queue", "b"}));
  expect_span(doc.blocks[3].header, 5, 24, 5, 27);
}

TEST(TfJson, CommentPropertiesAreCommentsNotAttributes) {
  Document doc = convert(R"({
  "//": "top note",
  "resource": {"aws_s3_bucket": {"b": {
    "//": "clause:ignore CL-0902 -- archive bucket",
    "bucket": "x"
  }}}
})");
  ASSERT_EQ(doc.blocks.size(), 1u);
  ASSERT_EQ(doc.blocks[0].body.entries.size(), 1u);
  EXPECT_EQ(doc.blocks[0].body.entries[0].key, "bucket");
  ASSERT_EQ(doc.comments.size(), 2u);
  EXPECT_EQ(doc.comments[0].text, "// top note");
  expect_span(doc.comments[0].span, 2, 3, 2, 19);
  EXPECT_EQ(doc.comments[1].text, "// clause:ignore CL-0902 -- archive bucket");
  expect_span(doc.comments[1].span, 4, 5, 4, 52);
}

TEST(TfJson, TemplateDetection) {
  auto kind_of = [](const char *text) { return terraform_json_string(Node::make_string(text)).kind; };
  EXPECT_EQ(kind_of("plain"), NodeKind::String);
  EXPECT_EQ(kind_of("${var.x}"), NodeKind::Expression);
  EXPECT_EQ(kind_of("a %{ if var.x }b%{ endif }"), NodeKind::Expression);
  EXPECT_EQ(kind_of("$5 and 100%"), NodeKind::String);
  EXPECT_EQ(kind_of("$${not} ${var.yes}"), NodeKind::Expression);
  EXPECT_EQ(terraform_json_string(Node::make_string("%%{x} $${y}")).text, "%{x} ${y}");
}

TEST(TfJson, StructureProblemsWarnAndSkip) {
  Document doc = convert(R"({"resource": {"aws_s3_bucket": "oops"}, "locals": {"a": 1}, "unknown_top": 3})");
  ASSERT_EQ(doc.blocks.size(), 1u);
  EXPECT_EQ(doc.blocks[0].type, "locals");
  ASSERT_EQ(doc.diagnostics.size(), 1u);
  EXPECT_EQ(doc.diagnostics[0].code, "tf-json-structure");
  EXPECT_EQ(doc.diagnostics[0].level, DiagLevel::Warning);
  expect_span(doc.diagnostics[0].span, 1, 32, 1, 38);
}

TEST(TfJson, NothingFromABrokenOrEmptyFile) {
  EXPECT_TRUE(convert("").blocks.empty());
  Document broken = convert("{\"resource\": ");
  EXPECT_TRUE(broken.blocks.empty());
  EXPECT_TRUE(broken.has_errors());
}

}  // namespace
}  // namespace clause
