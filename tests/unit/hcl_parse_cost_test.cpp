// What one HCL file costs the parser (issue 23, item 6; docs/limits.md
// "Parse memory of one HCL file"): a string literal, a heredoc or an
// unterminated comment is a handful of syntax nodes, not one per character
// (parsers/hcl/template_chunks.c), and templates nested deeper than the
// grammar's scanner can hold stop the parse at once with a `limit-depth`
// error instead of minutes of error recovery. Asserted on the syntax tree
// and the diagnostics, not on time or memory.
#include <gtest/gtest.h>
#include <tree_sitter/api.h>

#include <string>
#include <utility>

#include "parsers/hcl/hcl_parser.h"
#include "terraform_test_util.h"

extern "C" const TSLanguage *tree_sitter_hcl();

namespace clause {
namespace {

using testing_support::parsed_main_tf;

// Nodes of the whole syntax tree, hidden ones (the literal chunks) too.
size_t syntax_nodes(const std::string &src) {
  TSParser *parser = ts_parser_new();
  ts_parser_set_language(parser, tree_sitter_hcl());
  TSTree *tree = ts_parser_parse_string(parser, nullptr, src.data(), static_cast<uint32_t>(src.size()));
  size_t count = 0;
  TSTreeCursor cursor = ts_tree_cursor_new(ts_tree_root_node(tree));
  for (bool more = true; more;) {
    ++count;
    if (ts_tree_cursor_goto_first_child(&cursor)) continue;
    while (!ts_tree_cursor_goto_next_sibling(&cursor)) {
      if (!ts_tree_cursor_goto_parent(&cursor)) {
        more = false;
        break;
      }
    }
  }
  ts_tree_cursor_delete(&cursor);
  ts_tree_delete(tree);
  ts_parser_delete(parser);
  return count;
}

// 100,000 characters of string, of heredoc (1,000 lines), of unterminated
// comment: a few nodes each, as few as for ten characters (one chunk per
// line of text); each was 100,000 nodes and more.
TEST(HclParseCost, LiteralTextIsOneNodePerLine) {
  const std::string text(100'000, 'x');
  const std::string line = std::string(99, 'y') + "\n";
  std::string lines;
  for (int i = 0; i < 1000; ++i) lines += line;
  const std::string small_string = "a = \"" + std::string(10, 'x') + "\"\n";
  const std::string big_string = "a = \"" + text + "\"\n";
  EXPECT_EQ(syntax_nodes(big_string), syntax_nodes(small_string));
  const size_t one_line_heredoc = syntax_nodes("a = <<EOT\n" + line + "EOT\n");
  EXPECT_LT(syntax_nodes("a = <<EOT\n" + lines + "EOT\n"), one_line_heredoc + 4 * 1000);
  EXPECT_LT(syntax_nodes("/*\n" + lines), 10u * 1000);

  Document d = parsed_main_tf(big_string);
  ASSERT_TRUE(d.diagnostics.empty());
  ASSERT_EQ(d.roots.size(), 1u);
  EXPECT_EQ(d.roots[0].get("a")->text, text);
}

// The text between the quotes, spaces at either end included (the
// grammar's chunks missed the leading ones, and trailing ones before).
TEST(HclParseCost, StringKeepsItsSpaces) {
  Document d = parsed_main_tf("a = \"  a $ b % c  \"\nb = \"x\\ty \"\nc = <<EOT\n  in  $x %y\nEOT\n");
  ASSERT_TRUE(d.diagnostics.empty());
  ASSERT_EQ(d.roots.size(), 1u);
  EXPECT_EQ(d.roots[0].get("a")->text, "  a $ b % c  ");
  EXPECT_EQ(d.roots[0].get("b")->text, "x\ty ");
  EXPECT_EQ(d.roots[0].get("c")->text, "  in  $x %y\n");
}

// 63 nested "${ parse; 64 (128 templates open at once) are more than the
// grammar's scanner can save between tokens: the parse stops there, at
// once, with one error; 5,000 (25 KB, about 10 s of error recovery
// before) the same.
TEST(HclParseCost, TemplatesNestedPastTheGrammarStopAtOnce) {
  auto nested = [](int n) {
    std::string s;
    for (int i = 0; i < n; ++i) s += "\"${";
    s += "1";
    for (int i = 0; i < n; ++i) s += "}\"";
    return "locals {\n  s = " + s + "\n}\n";
  };
  Document fits = parsed_main_tf(nested(63));
  EXPECT_TRUE(fits.diagnostics.empty());
  ASSERT_EQ(fits.blocks.size(), 1u);
  // At the parse's next progress check after the scanner overflowed (every
  // 100 parse steps, so the same place every time): just past the `"${`
  // that overflowed, which begins at column 196.
  for (auto [n, col] : {std::pair{64, 240u}, std::pair{5000, 290u}}) {
    Document d = parsed_main_tf(nested(n));
    ASSERT_EQ(d.diagnostics.size(), 1u) << n;
    EXPECT_EQ(d.diagnostics[0].code, "limit-depth");
    EXPECT_EQ(d.diagnostics[0].level, DiagLevel::Error);
    EXPECT_EQ(
        d.diagnostics[0].message,
        "more than 127 strings, interpolations and heredocs open at once (about 63 nested \"${\"), or a "
        "heredoc marker longer than 127 characters: more than the HCL grammar can hold; the file was not "
        "analysed");
    EXPECT_EQ(d.diagnostics[0].span.start_line, 2u) << n;
    EXPECT_EQ(d.diagnostics[0].span.start_col, col) << n;
    EXPECT_TRUE(d.blocks.empty());
  }
  // The thread's parser is whole again for the next file.
  Document next = parsed_main_tf(nested(2));
  EXPECT_TRUE(next.diagnostics.empty());
  ASSERT_EQ(next.blocks.size(), 1u);
}

}  // namespace
}  // namespace clause
