// Input that nests as deep as it likes (issue 23, item 3): every parser, the
// model dump and `clause merge` stop at the documented depth limit
// (docs/limits.md: 256, `limit-depth`) or walk with an explicit stack; none
// takes a stack frame per level of input. Each shape is generated here,
// 20,000 to 100,000 levels deep (a few hundred KB at most), and must come
// back with its exact diagnostic, not a crash.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "checker/project/loader.h"
#include "parsers/hcl/hcl_parser.h"
#include "tests/unit/cli_support.h"

namespace clause {
namespace {

constexpr size_t kDeep = 20'000;

std::string repeat(const std::string &s, size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (size_t i = 0; i < n; ++i) out += s;
  return out;
}

DocumentPtr parse_as(const std::string &name, Syntax syntax, DocKind hint, std::string text) {
  const SourceFile file{"/deep/" + name, name, syntax, hint, text.size()};
  ParseOptions opts;
  opts.keep_unknown_diagnostics = true;  // deep.json is classified as nothing of ours
  return parse_document(file, std::move(text), opts);
}

DocumentPtr hcl(const std::string &value) {
  return parse_as("main.tf", Syntax::Hcl, DocKind::Terraform, "locals {\n  x = " + value + "\n}\n");
}

// The codes of a document's diagnostics, in order.
std::vector<std::string> codes(const Document &doc) {
  std::vector<std::string> out;
  for (const Diagnostic &d : doc.diagnostics) out.push_back(d.code);
  return out;
}

const Diagnostic *find(const Document &doc, const std::string &code) {
  for (const Diagnostic &d : doc.diagnostics)
    if (d.code == code) return &d;
  return nullptr;
}

// One limit-depth error, where the 256th level starts.
void expect_depth_limit(const Document &doc, uint32_t line, uint32_t col) {
  const Diagnostic *d = find(doc, "limit-depth");
  ASSERT_NE(d, nullptr) << ::testing::PrintToString(codes(doc));
  EXPECT_EQ(d->level, DiagLevel::Error);
  EXPECT_EQ(d->span.start_line, line);
  EXPECT_EQ(d->span.start_col, col);
}

TEST(DeepInput, HclParentheses) {
  // 20,000 `(` around a literal: the crash of issue 23.
  DocumentPtr doc = hcl(repeat("(", kDeep) + "1" + repeat(")", kDeep));
  EXPECT_EQ(codes(*doc), std::vector<std::string>{"limit-depth"});
  EXPECT_EQ(doc->diagnostics[0].message,
            "nesting deeper than 256 levels; the rest of this value is not analysed");
  expect_depth_limit(*doc, 2, 7 + 253);  // the attribute and the block are two levels
  // The local is still there, as an expression nobody can know.
  ASSERT_EQ(doc->blocks.size(), 1u);
  const Node *x = doc->blocks[0].body.get("x");
  ASSERT_NE(x, nullptr);
  EXPECT_EQ(x->kind, NodeKind::Expression);
}

TEST(DeepInput, HclParenthesesBelowTheLimitStayALiteral) {
  DocumentPtr doc = hcl(repeat("(", 100) + "\"v\"" + repeat(")", 100));
  EXPECT_TRUE(doc->diagnostics.empty());
  const Node *x = doc->blocks.at(0).body.get("x");
  ASSERT_NE(x, nullptr);
  EXPECT_EQ(x->kind, NodeKind::String);
  EXPECT_EQ(x->text, "v");
}

TEST(DeepInput, HclUnclosedParenthesesReportSyntaxErrors) {
  // Nothing closes: the syntax errors are collected without recursion.
  DocumentPtr doc = hcl(repeat("(", kDeep));
  ASSERT_EQ(codes(*doc), std::vector<std::string>{"parse-error"});
  EXPECT_EQ(doc->diagnostics[0].message, "syntax error: unexpected 'locals {'");
  EXPECT_EQ(doc->diagnostics[0].span.start_line, 1u);
  EXPECT_EQ(doc->diagnostics[0].span.end_line, 4u);
}

TEST(DeepInput, HclExpressionShapes) {
  struct Shape {
    const char *what;
    std::string text;
    uint32_t col;  // where the limit is reported, on line 2
  };
  const Shape shapes[] = {
      {"calls", repeat("f(", kDeep) + "1" + repeat(")", kDeep), 175},
      {"tuples", repeat("[", kDeep) + repeat("]", kDeep), 133},
      {"objects", repeat("{a=", kDeep) + "1" + repeat("}", kDeep), 385},
      {"indexes", "x" + repeat("[x", kDeep) + repeat("]", kDeep), 259},
      {"negations", repeat("!", kDeep) + "true", 91},
      {"conditionals", repeat("a ? b : ", kDeep) + "c", 7},
      {"sums", repeat("1 + ", kDeep) + "1", 7},
  };
  for (const Shape &s : shapes) {
    DocumentPtr doc = hcl(s.text);
    ASSERT_EQ(codes(*doc), std::vector<std::string>{"limit-depth"}) << s.what;
    EXPECT_EQ(doc->diagnostics[0].span.start_line, 2u) << s.what;
    EXPECT_EQ(doc->diagnostics[0].span.start_col, s.col) << s.what;
  }
  // A `for` expression is kept unevaluated, as its source text: nothing nests.
  DocumentPtr loops = hcl(repeat("[for v in ", kDeep) + "[]" + repeat(" : v]", kDeep));
  EXPECT_TRUE(loops->diagnostics.empty());
}

TEST(DeepInput, HclBlocks) {
  const std::string text = repeat("a {\n", kDeep) + repeat("}\n", kDeep);
  DocumentPtr doc = parse_as("main.tf", Syntax::Hcl, DocKind::Terraform, text);
  expect_depth_limit(*doc, 129, 1);  // a block and its body are two levels
}

TEST(DeepInput, JsonArraysAndObjects) {
  DocumentPtr arrays =
      parse_as("deep.json", Syntax::Json, DocKind::Unknown, repeat("[", 5 * kDeep) + repeat("]", 5 * kDeep));
  expect_depth_limit(*arrays, 1, 257);
  DocumentPtr objects = parse_as("deep.tf.json", Syntax::Json, DocKind::Terraform,
                                 repeat("{\"a\":", kDeep) + "1" + repeat("}", kDeep));
  expect_depth_limit(*objects, 1, 1 + 256 * 5);
}

TEST(DeepInput, YamlFlowBlockAndMappings) {
  const std::string head = "apiVersion: v1\nkind: ConfigMap\ndata:\n  ";
  DocumentPtr flow = parse_as("flow.yaml", Syntax::Yaml, DocKind::Unknown,
                              head + repeat("[", 5 * kDeep) + repeat("]", 5 * kDeep) + "\n");
  expect_depth_limit(*flow, 4, 3 + 256);
  DocumentPtr maps = parse_as("maps.yaml", Syntax::Yaml, DocKind::Unknown,
                              head + repeat("{a: ", kDeep) + "1" + repeat("}", kDeep) + "\n");
  expect_depth_limit(*maps, 4, 3 + 256 * 4);
  DocumentPtr block =
      parse_as("block.yaml", Syntax::Yaml, DocKind::Unknown, head + repeat("- ", kDeep) + "x\n");
  ASSERT_NE(find(*block, "limit-depth"), nullptr) << ::testing::PrintToString(codes(*block));
  // Indented mappings grow as the square of their depth: 2,000 levels.
  std::string indented = "apiVersion: v1\nkind: ConfigMap\ndata:\n";
  for (size_t i = 1; i <= 2000; ++i) indented += std::string(i, ' ') + "a:\n";
  DocumentPtr nested =
      parse_as("nested.yaml", Syntax::Yaml, DocKind::Unknown, indented + std::string(2001, ' ') + "1\n");
  ASSERT_NE(find(*nested, "limit-depth"), nullptr) << ::testing::PrintToString(codes(*nested));
}

// `clause dump` writes the model as JSON: it is as deep as the model, which
// the parsers keep within the limit.
TEST(DeepInput, DumpOfDeepFiles) {
  testing::ScratchDir dir("clause-deep-dump");
  const std::string tf =
      dir.write("parens.tf", "locals {\n  x = " + repeat("(", kDeep) + "1" + repeat(")", kDeep) + "\n}\n");
  testing::CliRun r = testing::run_clause("dump " + tf);
  EXPECT_EQ(r.exit_code, 0) << r.out.substr(0, 2000);
  EXPECT_NE(r.out.find("\"code\": \"limit-depth\""), std::string::npos) << r.out.substr(0, 2000);
  const std::string json = dir.write("deep.json", repeat("[", 5 * kDeep) + repeat("]", 5 * kDeep));
  r = testing::run_clause("dump " + json);
  EXPECT_EQ(r.exit_code, 0) << r.out.substr(0, 2000);
  EXPECT_NE(r.out.find("\"code\": \"limit-depth\""), std::string::npos) << r.out.substr(0, 2000);
}

}  // namespace
}  // namespace clause
