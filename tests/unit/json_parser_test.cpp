#include "parsers/json/json_parser.h"

#include <gtest/gtest.h>

#include <string>

#include "tests/unit/span_expect.h"

namespace clause {
namespace {

Document parse(std::string source, ParseOptions opts = {}) {
  Document doc;
  doc.path = "test.json";
  doc.source = std::move(source);
  parse_json(doc, opts);
  return doc;
}

using testing_support::expect_span;

// The source bytes a span covers.
std::string_view covered(const Document &doc, const Span &s) {
  return std::string_view(doc.source).substr(s.start_offset, s.end_offset - s.start_offset);
}

TEST(JsonParser, EveryValueTypeWithExactSpans) {
  Document doc = parse(R"({"s": "x", "n": -12.5e1, "t": true, "f": false, "z": null, "l": [1], "m": {}})");
  ASSERT_TRUE(doc.diagnostics.empty());
  ASSERT_EQ(doc.roots.size(), 1u);
  const Node &root = doc.roots[0];
  ASSERT_EQ(root.kind, NodeKind::Map);
  expect_span(root.span, 1, 1, 1, 78);
  EXPECT_EQ(root.span.start_offset, 0u);
  EXPECT_EQ(root.span.end_offset, 77u);
  ASSERT_EQ(root.entries.size(), 7u);

  const MapEntry &s = root.entries[0];
  EXPECT_EQ(s.key, "s");
  expect_span(s.key_span, 1, 2, 1, 5);
  EXPECT_EQ(s.value.kind, NodeKind::String);
  EXPECT_EQ(s.value.text, "x");
  expect_span(s.value.span, 1, 7, 1, 10);

  const Node &n = root.entries[1].value;
  EXPECT_EQ(n.kind, NodeKind::Number);
  EXPECT_DOUBLE_EQ(n.number, -125.0);
  EXPECT_EQ(n.text, "-12.5e1");
  expect_span(n.span, 1, 17, 1, 24);

  const Node &t = root.entries[2].value;
  EXPECT_EQ(t.kind, NodeKind::Bool);
  EXPECT_TRUE(t.boolean);
  expect_span(t.span, 1, 31, 1, 35);

  const Node &f = root.entries[3].value;
  EXPECT_EQ(f.kind, NodeKind::Bool);
  EXPECT_FALSE(f.boolean);
  expect_span(f.span, 1, 42, 1, 47);

  const Node &z = root.entries[4].value;
  EXPECT_EQ(z.kind, NodeKind::Null);
  expect_span(z.span, 1, 54, 1, 58);

  const Node &l = root.entries[5].value;
  EXPECT_EQ(l.kind, NodeKind::List);
  expect_span(l.span, 1, 65, 1, 68);
  ASSERT_EQ(l.items.size(), 1u);
  expect_span(l.items[0].span, 1, 66, 1, 67);

  const Node &m = root.entries[6].value;
  EXPECT_EQ(m.kind, NodeKind::Map);
  EXPECT_TRUE(m.entries.empty());
  expect_span(m.span, 1, 75, 1, 77);
}

TEST(JsonParser, ScalarRoot) {
  Document doc = parse("  42  ");
  ASSERT_EQ(doc.roots.size(), 1u);
  EXPECT_EQ(doc.roots[0].text, "42");
  expect_span(doc.roots[0].span, 1, 3, 1, 5);
}

TEST(JsonParser, EscapesAndUnicodeCountBytes) {
  // `é` is two bytes in UTF-8; columns count bytes.
  Document doc = parse("{\"k\\n\\\"\": \"caf\\u00e9 \\t\\/\", \"é\": \"ü\", \"x\": 1}");
  ASSERT_TRUE(doc.diagnostics.empty());
  const Node &root = doc.roots[0];
  ASSERT_EQ(root.entries.size(), 3u);
  EXPECT_EQ(root.entries[0].key, "k\n\"");
  expect_span(root.entries[0].key_span, 1, 2, 1, 9);
  EXPECT_EQ(root.entries[0].value.text, "caf\xC3\xA9 \t/");
  expect_span(root.entries[0].value.span, 1, 11, 1, 27);
  EXPECT_EQ(covered(doc, root.entries[0].value.span), "\"caf\\u00e9 \\t\\/\"");
  EXPECT_EQ(root.entries[1].key, "é");
  expect_span(root.entries[1].key_span, 1, 29, 1, 33);
  expect_span(root.entries[1].value.span, 1, 35, 1, 39);
  expect_span(root.entries[2].key_span, 1, 41, 1, 44);
  expect_span(root.entries[2].value.span, 1, 46, 1, 47);
}

TEST(JsonParser, NumbersRightBeforeClosingBrackets) {
  Document doc = parse("{\"a\":[1,-2.5,3e2],\"b\":7}");
  ASSERT_TRUE(doc.diagnostics.empty());
  const Node &root = doc.roots[0];
  const Node &a = root.entries[0].value;
  ASSERT_EQ(a.items.size(), 3u);
  EXPECT_EQ(a.items[0].text, "1");
  expect_span(a.items[0].span, 1, 7, 1, 8);
  EXPECT_EQ(a.items[1].text, "-2.5");
  expect_span(a.items[1].span, 1, 9, 1, 13);
  EXPECT_EQ(a.items[2].text, "3e2");
  EXPECT_DOUBLE_EQ(a.items[2].number, 300.0);
  expect_span(a.items[2].span, 1, 14, 1, 17);
  expect_span(a.span, 1, 6, 1, 18);
  const Node &b = root.entries[1].value;
  EXPECT_EQ(b.text, "7");
  expect_span(b.span, 1, 23, 1, 24);
  expect_span(root.span, 1, 1, 1, 25);
}

TEST(JsonParser, NestedObjectsOverLines) {
  Document doc = parse("{\n  \"outer\": {\n    \"inner\": [\n      {\"k\": \"v\"}\n    ]\n  }\n}\n");
  ASSERT_TRUE(doc.diagnostics.empty());
  const Node &root = doc.roots[0];
  expect_span(root.span, 1, 1, 7, 2);
  const MapEntry &outer = root.entries[0];
  expect_span(outer.key_span, 2, 3, 2, 10);
  expect_span(outer.value.span, 2, 12, 6, 4);
  const MapEntry &inner = outer.value.entries[0];
  expect_span(inner.key_span, 3, 5, 3, 12);
  expect_span(inner.value.span, 3, 14, 5, 6);
  const Node &obj = inner.value.items[0];
  expect_span(obj.span, 4, 7, 4, 17);
  expect_span(obj.entries[0].key_span, 4, 8, 4, 11);
  expect_span(obj.entries[0].value.span, 4, 13, 4, 16);
  EXPECT_EQ(obj.get("k")->text, "v");
  EXPECT_EQ(root.subtree_size(), 5u);
}

TEST(JsonParser, DuplicateKeysKeepEveryEntryAndWarn) {
  Document doc = parse("{\"a\": 1,\n \"b\": 2,\n \"a\": 3}");
  ASSERT_EQ(doc.roots.size(), 1u);
  const Node &root = doc.roots[0];
  ASSERT_EQ(root.entries.size(), 3u);
  EXPECT_EQ(root.get("a")->text, "1");
  EXPECT_EQ(root.entries[2].key, "a");
  EXPECT_EQ(root.entries[2].value.text, "3");
  ASSERT_EQ(doc.diagnostics.size(), 1u);
  const Diagnostic &d = doc.diagnostics[0];
  EXPECT_EQ(d.level, DiagLevel::Warning);
  EXPECT_EQ(d.code, "duplicate-key");
  expect_span(d.span, 3, 2, 3, 5);
  EXPECT_FALSE(doc.has_errors());
}

TEST(JsonParser, DuplicateKeysInLargeObjects) {
  std::string src = "{";
  for (int i = 0; i < 100; ++i) src += "\"k" + std::to_string(i) + "\": " + std::to_string(i) + ", ";
  src += "\"k7\": 0, \"k99\": 1}";
  Document doc = parse(src);
  ASSERT_EQ(doc.roots.size(), 1u);
  EXPECT_EQ(doc.roots[0].entries.size(), 102u);
  ASSERT_EQ(doc.diagnostics.size(), 2u);
  EXPECT_EQ(doc.diagnostics[0].message, "duplicate key \"k7\"; every entry is kept");
  EXPECT_EQ(doc.diagnostics[1].message, "duplicate key \"k99\"; every entry is kept");
}

TEST(JsonParser, ByteOrderMarkIsSkippedAndNotCounted) {
  Document doc = parse("\xEF\xBB\xBF{\"a\": 1}");
  ASSERT_TRUE(doc.diagnostics.empty());
  const Node &root = doc.roots[0];
  expect_span(root.span, 1, 1, 1, 9);
  EXPECT_EQ(root.span.start_offset, 3u);  // offsets index the source bytes
  expect_span(root.entries[0].key_span, 1, 2, 1, 5);
  expect_span(root.entries[0].value.span, 1, 7, 1, 8);
}

TEST(JsonParser, CrLfLineEnds) {
  Document doc = parse("{\r\n  \"a\": \"x\",\r\n  \"b\": [true]\r\n}\r\n");
  ASSERT_TRUE(doc.diagnostics.empty());
  const Node &root = doc.roots[0];
  expect_span(root.span, 1, 1, 4, 2);
  expect_span(root.entries[0].key_span, 2, 3, 2, 6);
  expect_span(root.entries[0].value.span, 2, 8, 2, 11);
  expect_span(root.entries[1].value.span, 3, 8, 3, 14);
  expect_span(root.entries[1].value.items[0].span, 3, 9, 3, 13);
}

TEST(JsonParser, MissingCommaPointsAtTheOffendingToken) {
  Document doc = parse("{\n  \"a\": 1\n  \"b\": 2\n}");
  EXPECT_TRUE(doc.roots.empty());
  ASSERT_EQ(doc.diagnostics.size(), 1u);
  const Diagnostic &d = doc.diagnostics[0];
  EXPECT_EQ(d.level, DiagLevel::Error);
  EXPECT_EQ(d.code, "parse-error");
  expect_span(d.span, 3, 3, 3, 6);  // the whole `"b"`
  EXPECT_EQ(d.message, "invalid JSON in object: unexpected string literal; expected ',' or '}'");
}

TEST(JsonParser, ErrorPositions) {
  struct Case {
    const char *source;
    uint32_t line, col;
  };
  const Case cases[] = {
      {"[1,,2]", 1, 4},           // the second comma
      {"[1 2]", 1, 4},            // a number after a number
      {"[tru]", 1, 2},            // a bad literal
      {"{\"a\":1,}", 1, 8},       // trailing comma
      {"{} x", 1, 4},             // trailing garbage
      {"[1,", 1, 4},              // end of input
      {"[\n  \"a\\q\"]", 2, 3},   // bad escape: the string's start
      {"{\"a\" 1}", 1, 6},        // missing colon
      {"\xEF\xBB\xBF [x", 1, 3},  // after a BOM
  };
  for (const Case &c : cases) {
    Document doc = parse(c.source);
    ASSERT_EQ(doc.diagnostics.size(), 1u) << c.source;
    EXPECT_EQ(doc.diagnostics[0].code, "parse-error") << c.source;
    EXPECT_EQ(doc.diagnostics[0].span.start_line, c.line) << c.source;
    EXPECT_EQ(doc.diagnostics[0].span.start_col, c.col) << c.source;
    EXPECT_TRUE(doc.roots.empty()) << c.source;
  }
}

TEST(JsonParser, InvalidUtf8IsAParseError) {
  Document doc = parse("{\"a\": \"\xFF\"}");
  ASSERT_EQ(doc.diagnostics.size(), 1u);
  EXPECT_EQ(doc.diagnostics[0].code, "parse-error");
  EXPECT_EQ(doc.diagnostics[0].span.start_col, 7u);
}

TEST(JsonParser, HundredThousandDeepNestingHitsTheDepthLimit) {
  Document doc = parse(std::string(100000, '[') + std::string(100000, ']'));
  EXPECT_TRUE(doc.roots.empty());
  ASSERT_EQ(doc.diagnostics.size(), 1u);
  const Diagnostic &d = doc.diagnostics[0];
  EXPECT_EQ(d.level, DiagLevel::Error);
  EXPECT_EQ(d.code, "limit-depth");
  EXPECT_EQ(d.span.start_line, 1u);
  EXPECT_EQ(d.span.start_col, 257u);  // the first bracket past the default 256 levels
}

TEST(JsonParser, DepthIsCappedWhateverTheOptionsSay) {
  // Deeper trees would overflow the stack in later recursive walks.
  ParseOptions opts;
  opts.max_depth = 1'000'000;
  Document doc = parse(std::string(100000, '[') + std::string(100000, ']'), opts);
  EXPECT_TRUE(doc.roots.empty());
  ASSERT_EQ(doc.diagnostics.size(), 1u);
  EXPECT_EQ(doc.diagnostics[0].code, "limit-depth");
  EXPECT_EQ(doc.diagnostics[0].message, "nesting deeper than 10000 levels; the file was not analysed");
  EXPECT_EQ(doc.diagnostics[0].span.start_col, 10001u);
}

TEST(JsonParser, DepthLimitIsInclusive) {
  ParseOptions opts;
  opts.max_depth = 3;
  EXPECT_TRUE(parse("[[{}]]", opts).diagnostics.empty());
  Document doc = parse("[[[[]]]]", opts);
  ASSERT_EQ(doc.diagnostics.size(), 1u);
  EXPECT_EQ(doc.diagnostics[0].code, "limit-depth");
}

TEST(JsonParser, NodeLimit) {
  ParseOptions opts;
  opts.max_nodes = 3;
  EXPECT_TRUE(parse("[1, 2]", opts).diagnostics.empty());
  Document doc = parse("[1, 2, 3]", opts);
  EXPECT_TRUE(doc.roots.empty());
  ASSERT_EQ(doc.diagnostics.size(), 1u);
  EXPECT_EQ(doc.diagnostics[0].code, "limit-nodes");
  expect_span(doc.diagnostics[0].span, 1, 8, 1, 9);
}

TEST(JsonParser, EmptyInputHasNoRootAndNoDiagnostic) {
  for (const char *src : {"", "  \n\t ", "\xEF\xBB\xBF"}) {
    Document doc = parse(src);
    EXPECT_TRUE(doc.roots.empty());
    EXPECT_TRUE(doc.diagnostics.empty());
  }
}

}  // namespace
}  // namespace clause
