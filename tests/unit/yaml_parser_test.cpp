#include "parsers/yaml/yaml_parser.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <string>

#include "tests/unit/yaml_test_support.h"

namespace clause {
namespace {

Document parse(std::string source, ParseOptions opts = {}) {
  return testing::parse_yaml_text(std::move(source), "test.yaml", DocKind::Unknown, opts);
}

// "line:col-line:col" of a span (end column exclusive).
std::string at(const Span &s) {
  return std::to_string(s.start_line) + ":" + std::to_string(s.start_col) + "-" + std::to_string(s.end_line) +
         ":" + std::to_string(s.end_col);
}

const Diagnostic *find_diag(const Document &doc, std::string_view code) {
  for (const auto &d : doc.diagnostics)
    if (d.code == code) return &d;
  return nullptr;
}

TEST(YamlParser, PlainScalarTypesFollowTheCoreSchema) {
  Document doc = parse(
      "t: true\nf: FALSE\ni: 42\nneg: -7\nhex: 0x1F\noct: 0o17\nflt: 1.5e3\ninf: -.inf\nnan: .NaN\n"
      "n1: null\nn2: ~\nn3:\nyes: yes\noff: off\nlead: 010\nunder: 1_000\nver: 1.2.3\n");
  ASSERT_TRUE(doc.diagnostics.empty());
  ASSERT_EQ(doc.roots.size(), 1u);
  const Node &r = doc.roots[0];
  EXPECT_EQ(r.get("t")->kind, NodeKind::Bool);
  EXPECT_TRUE(r.get("t")->boolean);
  EXPECT_EQ(r.get("f")->kind, NodeKind::Bool);
  EXPECT_FALSE(r.get("f")->boolean);
  EXPECT_EQ(r.get("i")->number, 42);
  EXPECT_EQ(r.get("i")->text, "42");
  EXPECT_EQ(r.get("neg")->number, -7);
  EXPECT_EQ(r.get("hex")->kind, NodeKind::Number);
  EXPECT_EQ(r.get("hex")->number, 31);
  EXPECT_EQ(r.get("hex")->text, "0x1F");
  EXPECT_EQ(r.get("oct")->number, 15);
  EXPECT_EQ(r.get("flt")->number, 1500);
  EXPECT_EQ(r.get("flt")->text, "1.5e3");
  EXPECT_TRUE(std::isinf(r.get("inf")->number) && r.get("inf")->number < 0);
  EXPECT_TRUE(std::isnan(r.get("nan")->number));
  EXPECT_TRUE(r.get("n1")->is_null());
  EXPECT_TRUE(r.get("n2")->is_null());
  EXPECT_TRUE(r.get("n3")->is_null());
  // YAML 1.1 booleans stay strings; 010 is decimal; 1_000 is not a number.
  EXPECT_EQ(r.get("yes")->kind, NodeKind::String);
  EXPECT_EQ(r.get("yes")->text, "yes");
  EXPECT_EQ(r.get("off")->kind, NodeKind::String);
  EXPECT_EQ(r.get("lead")->number, 10);
  EXPECT_EQ(r.get("under")->kind, NodeKind::String);
  EXPECT_EQ(r.get("ver")->kind, NodeKind::String);
}

TEST(YamlParser, QuotedAndBlockScalarsAreStrings) {
  Document doc = parse("a: \"3\"\nb: 'true'\nc: |\n  7\nd: !!str 5\ne: !!int 5\n");
  ASSERT_EQ(doc.roots.size(), 1u);
  const Node &r = doc.roots[0];
  EXPECT_EQ(r.get("a")->kind, NodeKind::String);
  EXPECT_EQ(r.get("a")->text, "3");
  EXPECT_EQ(r.get("b")->kind, NodeKind::String);
  EXPECT_EQ(r.get("c")->kind, NodeKind::String);
  EXPECT_EQ(r.get("c")->text, "7\n");
  EXPECT_EQ(r.get("d")->kind, NodeKind::String);
  EXPECT_EQ(r.get("e")->kind, NodeKind::Number);
}

TEST(YamlParser, SpansOfKeysAndScalars) {
  Document doc = parse(
      "name: web  # trailing\n"
      "quoted: \"a # b\"\n"
      "single: 'it''s'\n"
      "multi: first\n"
      "  second\n"
      "list: [x, 'y', 10]\n"
      "block: |\n"
      "  line one\n"
      "  line two\n"
      "\n"
      "after: 1\n");
  ASSERT_TRUE(doc.diagnostics.empty());
  const Node &r = doc.roots[0];
  EXPECT_EQ(at(r.span), "1:1-11:9");
  EXPECT_EQ(at(r.entries[0].key_span), "1:1-1:5");
  EXPECT_EQ(at(r.get("name")->span), "1:7-1:10");
  EXPECT_EQ(r.get("name")->span.start_offset, 6u);
  EXPECT_EQ(r.get("name")->span.end_offset, 9u);
  EXPECT_EQ(at(r.get("quoted")->span), "2:9-2:16");
  EXPECT_EQ(r.get("quoted")->text, "a # b");
  EXPECT_EQ(at(r.get("single")->span), "3:9-3:16");
  EXPECT_EQ(r.get("single")->text, "it's");
  EXPECT_EQ(at(r.get("multi")->span), "4:8-5:9");
  EXPECT_EQ(r.get("multi")->text, "first second");
  const Node *list = r.get("list");
  EXPECT_EQ(at(list->span), "6:7-6:19");
  ASSERT_EQ(list->items.size(), 3u);
  EXPECT_EQ(at(list->items[0].span), "6:8-6:9");
  EXPECT_EQ(at(list->items[1].span), "6:11-6:14");
  EXPECT_EQ(at(list->items[2].span), "6:16-6:18");
  EXPECT_EQ(at(r.get("block")->span), "7:8-9:11");
  EXPECT_EQ(r.get("block")->text, "line one\nline two\n");
  EXPECT_EQ(at(r.entries.back().key_span), "11:1-11:6");
}

TEST(YamlParser, ContainersEndAtTheirLastContent) {
  Document doc = parse("outer:\n  inner:\n    - a\n    - b: 1\n  flow: {k: v}\nz: 0\n");
  const Node &r = doc.roots[0];
  const Node *outer = r.get("outer");
  EXPECT_EQ(at(outer->span), "2:3-5:15");
  EXPECT_EQ(at(outer->get("inner")->span), "3:5-4:11");
  EXPECT_EQ(at(outer->get("inner")->items[1].span), "4:7-4:11");
  EXPECT_EQ(at(outer->get("flow")->span), "5:9-5:15");
}

TEST(YamlParser, ImplicitNullIsLocatedAtItsKey) {
  Document doc = parse("a:\nb: 1\nlist:\n  -\n  - x\nlast:");
  ASSERT_TRUE(doc.diagnostics.empty());
  const Node &r = doc.roots[0];
  EXPECT_TRUE(r.get("a")->is_null());
  EXPECT_EQ(at(r.get("a")->span), "1:3-1:3");  // right after `a:`, not at `b` on line 2
  EXPECT_EQ(at(r.get("list")->items[0].span), "4:4-4:4");
  EXPECT_EQ(at(r.get("last")->span), "6:6-6:6");
  Document explicit_null = parse("a: ~\nb: null\n");
  EXPECT_EQ(at(explicit_null.roots[0].get("a")->span), "1:4-1:5");
  EXPECT_EQ(at(explicit_null.roots[0].get("b")->span), "2:4-2:8");
}

TEST(YamlParser, CloudFormationShortFormTags) {
  Document doc = parse(
      "a: !Ref MyBucket\n"
      "b: !GetAtt Role.Arn\n"
      "c: !GetAtt [Role, Arn]\n"
      "d: !Sub \"${AWS::StackName}-x\"\n"
      "e: !Join\n"
      "  - ''\n"
      "  - [a, !Ref B]\n"
      "f: !If [IsProd, 1, !Ref AWS::NoValue]\n"
      "g: !Condition IsProd\n"
      "h: !Custom keep\n"
      "i: !GetAZs ''\n");
  ASSERT_TRUE(doc.diagnostics.empty());
  const Node &r = doc.roots[0];

  const Node *a = r.get("a");
  ASSERT_TRUE(a->is_map());
  EXPECT_EQ(at(a->span), "1:4-1:17");
  EXPECT_EQ(a->entries[0].key, "Ref");
  EXPECT_EQ(at(a->entries[0].key_span), "1:4-1:8");
  EXPECT_EQ(a->get("Ref")->text, "MyBucket");
  EXPECT_EQ(at(a->get("Ref")->span), "1:9-1:17");

  const Node *b = r.get("b")->get("Fn::GetAtt");
  ASSERT_TRUE(b && b->is_list());
  ASSERT_EQ(b->items.size(), 2u);
  EXPECT_EQ(b->items[0].text, "Role");
  EXPECT_EQ(b->items[1].text, "Arn");
  EXPECT_EQ(at(b->items[0].span), "2:12-2:16");
  EXPECT_EQ(at(b->items[1].span), "2:17-2:20");

  const Node *c = r.get("c")->get("Fn::GetAtt");
  ASSERT_TRUE(c && c->is_list());
  EXPECT_EQ(c->items[1].text, "Arn");

  EXPECT_EQ(r.get("d")->get("Fn::Sub")->text, "${AWS::StackName}-x");

  const Node *join = r.get("e")->get("Fn::Join");
  ASSERT_TRUE(join && join->is_list());
  EXPECT_EQ(at(r.get("e")->span), "5:4-7:16");
  EXPECT_EQ(join->items[0].text, "");
  EXPECT_EQ(join->items[1].items[1].get("Ref")->text, "B");

  const Node *iff = r.get("f")->get("Fn::If");
  ASSERT_EQ(iff->items.size(), 3u);
  EXPECT_EQ(iff->items[1].number, 1);
  EXPECT_EQ(iff->items[2].get("Ref")->text, "AWS::NoValue");

  EXPECT_EQ(r.get("g")->get("Condition")->text, "IsProd");
  EXPECT_EQ(r.get("h")->kind, NodeKind::String);
  EXPECT_EQ(r.get("h")->text, "keep");
  EXPECT_EQ(r.get("i")->get("Fn::GetAZs")->text, "");
}

TEST(YamlParser, TaggedBlockScalarInASequence) {
  // yaml-cpp 0.7 alone rejects this common CloudFormation layout.
  Document doc = parse(
      "UserData:\n"
      "  - !Sub |\n"
      "    echo ${AWS::Region}\n"
      "    done\n"
      "  - !Sub >-\n"
      "    folded\n"
      "    text\n"
      "  - plain\n");
  ASSERT_TRUE(doc.diagnostics.empty()) << doc.diagnostics[0].message;
  const Node *list = doc.roots[0].get("UserData");
  ASSERT_EQ(list->items.size(), 3u);
  const Node &first = list->items[0];
  EXPECT_EQ(at(first.span), "2:5-4:9");
  EXPECT_EQ(at(first.entries[0].key_span), "2:5-2:9");
  EXPECT_EQ(first.get("Fn::Sub")->text, "echo ${AWS::Region}\ndone\n");
  EXPECT_EQ(at(first.get("Fn::Sub")->span), "2:10-4:9");
  EXPECT_EQ(list->items[1].get("Fn::Sub")->text, "folded text");
  EXPECT_EQ(list->items[2].text, "plain");
}

TEST(YamlParser, MergeKeysApplyWithExplicitKeysWinning) {
  Document doc = parse(
      "base: &base\n"
      "  cpu: 1\n"
      "  mem: 2\n"
      "more: &more {mem: 5, disk: 9}\n"
      "one:\n"
      "  <<: *base\n"
      "  cpu: 3\n"
      "two:\n"
      "  <<: [*more, *base]\n");
  ASSERT_TRUE(doc.diagnostics.empty());
  const Node &r = doc.roots[0];
  const Node *one = r.get("one");
  ASSERT_EQ(one->entries.size(), 2u);
  EXPECT_EQ(one->get("cpu")->number, 3);
  EXPECT_EQ(one->get("mem")->number, 2);
  EXPECT_EQ(at(one->get("mem")->span), "3:8-3:9");  // where the merged value is defined
  EXPECT_EQ(one->get("<<"), nullptr);
  const Node *two = r.get("two");
  ASSERT_EQ(two->entries.size(), 3u);
  EXPECT_EQ(two->get("mem")->number, 5);  // the first source wins
  EXPECT_EQ(two->get("disk")->number, 9);
  EXPECT_EQ(two->get("cpu")->number, 1);
}

TEST(YamlParser, AliasesCopyTheAnchoredNodeAtTheAliasLocation) {
  Document doc = parse("a: &x [1, 2]\nb: *x\n");
  const Node &r = doc.roots[0];
  const Node *b = r.get("b");
  ASSERT_TRUE(b->is_list());
  EXPECT_EQ(b->items.size(), 2u);
  EXPECT_EQ(at(b->span), "2:4-2:6");
}

TEST(YamlParser, DuplicateKeysAreKeptAndReported) {
  Document doc = parse("a: 1\nb: 2\na: 3\n");
  ASSERT_EQ(doc.roots.size(), 1u);
  EXPECT_EQ(doc.roots[0].entries.size(), 3u);
  EXPECT_EQ(doc.roots[0].get("a")->number, 1);
  ASSERT_EQ(doc.diagnostics.size(), 1u);
  const Diagnostic &d = doc.diagnostics[0];
  EXPECT_EQ(d.level, DiagLevel::Warning);
  EXPECT_EQ(d.code, "duplicate-key");
  EXPECT_EQ(d.message, "duplicate key 'a' (first defined on line 1)");
  EXPECT_EQ(at(d.span), "3:1-3:2");
}

TEST(YamlParser, ErrorInMiddleDocumentKeepsTheOthers) {
  Document doc = parse("a: 1\n---\nb: [1, 2\nc: 3\n---\nd: |\n  ---\n  text\n...\n---\ne: 5\n");
  ASSERT_EQ(doc.roots.size(), 3u);
  EXPECT_EQ(doc.roots[0].get("a")->number, 1);
  EXPECT_EQ(doc.roots[1].get("d")->text, "---\ntext\n");
  EXPECT_EQ(at(doc.roots[1].span), "6:1-8:7");
  EXPECT_EQ(doc.roots[2].get("e")->number, 5);
  EXPECT_EQ(at(doc.roots[2].get("e")->span), "11:4-11:5");
  ASSERT_EQ(doc.diagnostics.size(), 1u);
  EXPECT_EQ(doc.diagnostics[0].code, "parse-error");
  EXPECT_EQ(doc.diagnostics[0].level, DiagLevel::Error);
  EXPECT_EQ(doc.diagnostics[0].message, "end of sequence flow not found");
  EXPECT_EQ(doc.diagnostics[0].span.start_line, 4u);
}

TEST(YamlParser, ParseErrorCarriesLineAndColumn) {
  Document doc = parse("a:\n  b: 1\n c: 2\n");
  ASSERT_EQ(doc.diagnostics.size(), 1u);
  EXPECT_EQ(doc.diagnostics[0].code, "parse-error");
  EXPECT_EQ(doc.diagnostics[0].span.start_line, 3u);
  EXPECT_EQ(doc.diagnostics[0].span.start_col, 2u);
  EXPECT_TRUE(doc.roots.empty());
}

TEST(YamlParser, EmptyDocumentsAndDirectives) {
  Document doc = parse("%YAML 1.2\n---\na: 1\n---\n---\n# only a comment\n");
  ASSERT_TRUE(doc.diagnostics.empty());
  ASSERT_EQ(doc.roots.size(), 3u);
  EXPECT_EQ(doc.roots[0].get("a")->number, 1);
  EXPECT_TRUE(doc.roots[1].is_null());
  EXPECT_TRUE(doc.roots[2].is_null());
  EXPECT_TRUE(parse("").roots.empty());
  EXPECT_TRUE(parse("# nothing\n").roots.empty());
}

TEST(YamlParser, ByteOrderMarkIsSkipped) {
  Document doc = parse("\xEF\xBB\xBFkey: value # note\nnext: 2\n");
  ASSERT_TRUE(doc.diagnostics.empty());
  const Node &r = doc.roots[0];
  EXPECT_EQ(at(r.entries[0].key_span), "1:1-1:4");
  EXPECT_EQ(r.entries[0].key_span.start_offset, 3u);
  EXPECT_EQ(at(r.get("key")->span), "1:6-1:11");
  ASSERT_EQ(doc.comments.size(), 1u);
  EXPECT_EQ(at(doc.comments[0].span), "1:12-1:18");
}

TEST(YamlParser, CrlfGivesTheSamePositionsAsLf) {
  const std::string lf = "a: 1 # one\nb:\n  - \"x\"\n  - |\n    text\nc: plain words\n";
  std::string crlf;
  for (char c : lf) {
    if (c == '\n') crlf += '\r';
    crlf += c;
  }
  Document d1 = parse(lf);
  Document d2 = parse(crlf);
  ASSERT_TRUE(d1.diagnostics.empty());
  ASSERT_TRUE(d2.diagnostics.empty());
  const Node &r1 = d1.roots[0];
  const Node &r2 = d2.roots[0];
  EXPECT_EQ(at(r2.get("a")->span), at(r1.get("a")->span));
  EXPECT_EQ(at(r2.get("b")->span), at(r1.get("b")->span));
  EXPECT_EQ(at(r2.get("b")->items[1].span), "4:5-5:9");
  EXPECT_EQ(at(r1.get("b")->items[1].span), "4:5-5:9");
  EXPECT_EQ(r2.get("b")->items[1].text, "text\n");
  EXPECT_EQ(at(r2.get("c")->span), "6:4-6:15");
  EXPECT_EQ(r2.get("c")->text, "plain words");
  ASSERT_EQ(d2.comments.size(), 1u);
  EXPECT_EQ(d2.comments[0].text, "# one");
  EXPECT_EQ(at(d2.comments[0].span), at(d1.comments[0].span));
}

TEST(YamlParser, CommentsAreCollectedOutsideScalars) {
  Document doc = parse(
      "# clause:ignore CL-0901 -- reason\n"
      "a: \"# not a comment\"  # real one\n"
      "b: 'x # no' #tight\n"
      "c: value#nospace\n"
      "d: |\n"
      "  # inside block\n"
      "e: [1, # in flow\n"
      "    2]\n"
      "  # indented\n");
  ASSERT_TRUE(doc.diagnostics.empty());
  ASSERT_EQ(doc.comments.size(), 5u);
  EXPECT_EQ(doc.comments[0].text, "# clause:ignore CL-0901 -- reason");
  EXPECT_EQ(at(doc.comments[0].span), "1:1-1:34");
  EXPECT_EQ(doc.comments[1].text, "# real one");
  EXPECT_EQ(at(doc.comments[1].span), "2:23-2:33");
  EXPECT_EQ(doc.comments[2].text, "#tight");
  EXPECT_EQ(doc.comments[3].text, "# in flow");
  EXPECT_EQ(doc.comments[4].text, "# indented");
  EXPECT_EQ(at(doc.comments[4].span), "9:3-9:13");
  EXPECT_EQ(doc.roots[0].get("c")->text, "value#nospace");
  EXPECT_EQ(doc.roots[0].get("d")->text, "# inside block\n");
}

TEST(YamlParser, AliasBombStopsQuickly) {
  std::string bomb = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n";
  std::string prev = "a";
  for (char c = 'b'; c <= 'i'; ++c) {
    std::string name(1, c);
    bomb += name + ": &" + name + " [";
    for (int i = 0; i < 9; ++i) bomb += (i ? ",*" : "*") + prev;
    bomb += "]\n";
    prev = name;
  }
  auto t0 = std::chrono::steady_clock::now();
  Document doc = parse(bomb);
  auto elapsed = std::chrono::steady_clock::now() - t0;
#if defined(__SANITIZE_ADDRESS__)
  const long budget_ms = 2000;  // a Debug + ASan build copies nodes ~25x slower
#else
  const long budget_ms = 500;  // about 20 ms in a RelWithDebInfo build
#endif
  EXPECT_LT(std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count(), budget_ms);
  const Diagnostic *d = find_diag(doc, "limit-alias");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->level, DiagLevel::Error);
  EXPECT_EQ(d->span.start_line, 6u);
  EXPECT_TRUE(doc.roots.empty());
}

TEST(YamlParser, DeepFlowNestingGivesADiagnostic) {
  const size_t depth = 100000;
  Document doc = parse(std::string(depth, '[') + std::string(depth, ']') + "\n");
  ASSERT_EQ(doc.diagnostics.size(), 1u);
  EXPECT_EQ(doc.diagnostics[0].code, "limit-depth");
  EXPECT_EQ(at(doc.diagnostics[0].span), "1:257-1:258");
  EXPECT_TRUE(doc.roots.empty());

  std::string maps;
  for (size_t i = 0; i < depth; ++i) maps += "{a: ";
  Document doc2 = parse(maps + std::string(depth, '}'));
  ASSERT_NE(find_diag(doc2, "limit-depth"), nullptr);
}

TEST(YamlParser, DeepBlockNestingGivesADiagnostic) {
  std::string seq;
  for (int i = 0; i < 100000; ++i) seq += "- ";
  Document doc = parse(seq + "x\n");
  const Diagnostic *d = find_diag(doc, "limit-depth");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->span.start_line, 1u);
  EXPECT_EQ(d->span.start_col, 513u);
  // A configured limit above yaml-cpp's own recursion guard still ends in a
  // diagnostic, not a crash.
  ParseOptions opts;
  opts.max_depth = 100000;
  Document deep = parse(seq + "x\n", opts);
  EXPECT_NE(find_diag(deep, "limit-depth"), nullptr);
  Document deep_flow = parse(std::string(5000, '[') + std::string(5000, ']'), opts);
  EXPECT_FALSE(deep_flow.diagnostics.empty());
}

TEST(YamlParser, NodeLimit) {
  ParseOptions opts;
  opts.max_nodes = 10;
  Document doc = parse("[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]\n---\na: 1\n", opts);
  const Diagnostic *d = find_diag(doc, "limit-nodes");
  ASSERT_NE(d, nullptr);
  EXPECT_TRUE(doc.roots.empty());
}

TEST(YamlParser, UnrenderedHelmTemplateIsANote) {
  Document doc = parse(
      "apiVersion: apps/v1\nkind: Deployment\n{{- if .Values.enabled }}\nmetadata:\n"
      "  name: {{ include \"x.fullname\" . }}\n{{- end }}\n");
  ASSERT_EQ(doc.diagnostics.size(), 1u);
  EXPECT_EQ(doc.diagnostics[0].level, DiagLevel::Note);
  EXPECT_EQ(doc.diagnostics[0].code, "helm-template");
  EXPECT_EQ(doc.diagnostics[0].message, "unrendered Helm template; skipped");
  EXPECT_EQ(doc.diagnostics[0].span.start_line, 3u);
  EXPECT_TRUE(doc.roots.empty());
}

TEST(YamlParser, StrayFlowIndicatorDoesNotHang) {
  // yaml-cpp 0.7 alone loops forever on a stray `,`, returning empty documents.
  Document doc = parse("a: 1\n---\n, b\n---\nc: 2\n");
  ASSERT_EQ(doc.roots.size(), 2u);
  EXPECT_EQ(doc.roots[1].get("c")->number, 2);
  ASSERT_EQ(doc.diagnostics.size(), 1u);
  EXPECT_EQ(doc.diagnostics[0].code, "parse-error");
  EXPECT_EQ(doc.diagnostics[0].message, "unexpected ','");
  EXPECT_EQ(at(doc.diagnostics[0].span), "3:1-3:1");
  for (const char *source : {",e: v\n", "]\n", "}\n"})
    EXPECT_NE(find_diag(parse(source), "parse-error"), nullptr) << source;
}

TEST(YamlParser, BinaryGarbageDoesNotCrash) {
  std::string junk;
  for (int i = 0; i < 4096; ++i) junk += static_cast<char>((i * 7919 + 13) % 256);
  Document doc = parse(junk);  // must simply return
  for (const auto &d : doc.diagnostics) EXPECT_FALSE(d.code.empty());
  Document unterminated = parse("a: \"abc");
  EXPECT_NE(find_diag(unterminated, "parse-error"), nullptr);
}

}  // namespace
}  // namespace clause
