#include "reporters/markdown_html.h"

#include <gtest/gtest.h>

namespace clause {
namespace {

// One paragraph's inline HTML: what markdown_to_html writes inside <p>.
std::string markdown_inline_html(std::string_view text) {
  std::string html = markdown_to_html(text);
  if (html.starts_with("<p>") && html.ends_with("</p>\n")) return html.substr(3, html.size() - 8);
  return "not one paragraph: " + html;
}

TEST(MarkdownHtml, HeadingsParagraphsAndInline) {
  EXPECT_EQ(
      markdown_to_html(
          "# CL-0901 ops.backup\n\nKeeps **backups** for *7* days; see `backup_retention_period`.\n"
          "Second line.\n"),
      "<h3>CL-0901 ops.backup</h3>\n"
      "<p>Keeps <strong>backups</strong> for <em>7</em> days; see <code>backup_retention_period</code>.\n"
      "Second line.</p>\n");
  EXPECT_EQ(markdown_to_html("## Why ##\n###### deep"), "<h4>Why</h4>\n<h6>deep</h6>\n");
}

TEST(MarkdownHtml, FencedCodeIsEscapedVerbatim) {
  EXPECT_EQ(markdown_to_html("```hcl\nresource \"a\" \"b\" {\n  x = \"<script>\" # **no**\n}\n```\nafter"),
            "<pre><code class=\"language-hcl\">resource &quot;a&quot; &quot;b&quot; {\n  x = "
            "&quot;&lt;script&gt;&quot; # **no**\n}\n</code></pre>\n<p>after</p>\n");
  // An info string cannot inject attributes; an unclosed fence runs to the end.
  EXPECT_EQ(markdown_to_html("~~~ x\"onload=1\nbody"),
            "<pre><code class=\"language-xonload1\">body\n</code></pre>\n");
}

TEST(MarkdownHtml, Lists) {
  EXPECT_EQ(markdown_to_html("- one\n- two `x`\n  continued\n\n- three\n"),
            "<ul>\n<li><p>one</p>\n</li>\n<li><p>two "
            "<code>x</code>\ncontinued</p>\n</li>\n<li><p>three</p>\n</li>\n"
            "</ul>\n");
  // Without the blank line the list is tight: no paragraphs in its items.
  EXPECT_EQ(markdown_to_html("- one\n- two\n"), "<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n");
  EXPECT_EQ(markdown_to_html("3. c\n4. d\n"), "<ol start=\"3\">\n<li>c</li>\n<li>d</li>\n</ol>\n");
  EXPECT_EQ(markdown_to_html("- a\n  - b\n"), "<ul>\n<li>a\n<ul>\n<li>b</li>\n</ul>\n</li>\n</ul>\n");
}

TEST(MarkdownHtml, TablesQuotesRules) {
  EXPECT_EQ(markdown_to_html("| a | b |\n|---|--:|\n| `1` | 2 |\n"),
            "<table>\n<thead>\n<tr><th>a</th><th style=\"text-align:right\">b</th></tr>\n</thead>\n<tbody>\n"
            "<tr><td><code>1</code></td><td style=\"text-align:right\">2</td></tr>\n</tbody>\n</table>\n");
  EXPECT_EQ(markdown_to_html("> quoted *text*\n> more\n\n---\n"),
            "<blockquote>\n<p>quoted <em>text</em>\nmore</p>\n</blockquote>\n<hr>\n");
}

TEST(MarkdownHtml, LinksOnlyWhenSafe) {
  EXPECT_EQ(markdown_inline_html("[docs](https://example.org/a?b=1&c=2)"),
            "<a href=\"https://example.org/a?b=1&amp;c=2\">docs</a>");
  EXPECT_EQ(markdown_inline_html("[x](javascript:alert(1))"), "x");
  EXPECT_EQ(markdown_inline_html("[x](data:text/html,hi)"), "x");
  EXPECT_EQ(markdown_inline_html("[CL-0902](CL-0902.md)"), "<a href=\"#rule-CL-0902\">CL-0902</a>");
  EXPECT_EQ(markdown_inline_html("[guide](../guide.md)"), "guide");
  EXPECT_EQ(markdown_inline_html("[top](#matrix)"), "<a href=\"#matrix\">top</a>");
  EXPECT_EQ(markdown_inline_html("<https://example.org>"),
            "<a href=\"https://example.org\">https://example.org</a>");
  EXPECT_EQ(markdown_inline_html("[a \"b\"](https://x.org/\"onmouseover=\"1)"),
            "<a href=\"https://x.org/&quot;onmouseover=&quot;1\">a &quot;b&quot;</a>");
}

TEST(MarkdownHtml, RawHtmlIsText) {
  EXPECT_EQ(markdown_to_html("<script>alert('x')</script>\n<img src=x onerror=alert(1)>"),
            "<p>&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt;</p>\n<p>&lt;img src=x "
            "onerror=alert(1)&gt;</p>\n");
  EXPECT_EQ(markdown_inline_html("a <b>bold</b> & c"), "a &lt;b&gt;bold&lt;/b&gt; &amp; c");
}

TEST(MarkdownHtml, EdgeCasesStayLiteral) {
  EXPECT_EQ(markdown_inline_html("snake_case_name and 2 * 3 * 4"), "snake_case_name and 2 * 3 * 4");
  EXPECT_EQ(markdown_inline_html("**unclosed and `open"), "**unclosed and `open");
  EXPECT_EQ(markdown_inline_html("\\*not em\\*"), "*not em*");
  EXPECT_EQ(markdown_inline_html("``a ` b``"), "<code>a ` b</code>");
  EXPECT_EQ(markdown_inline_html("bad \xff byte"), "bad \xEF\xBF\xBD byte");
}

TEST(MarkdownHtml, DeepNestingIsBounded) {
  std::string quotes(5000, '>');
  quotes += " deep";
  const std::string html = markdown_to_html(quotes);
  EXPECT_NE(html.find("deep"), std::string::npos);
  std::string stars;
  for (int i = 0; i < 2000; ++i) stars += "**a ";
  for (int i = 0; i < 2000; ++i) stars += "b**";
  EXPECT_FALSE(markdown_inline_html(stars).empty());
}

}  // namespace
}  // namespace clause
