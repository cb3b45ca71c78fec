#pragma once
// A small, safe Markdown-to-HTML renderer for rule documentation in the HTML
// report. It knows the subset our rule pages use — ATX headings, paragraphs,
// fenced code, bullet and numbered lists, block quotes, pipe tables,
// horizontal rules, `code`, **strong**, *emphasis*, links and autolinks —
// and escapes everything else: raw HTML in the input is shown as text, and
// only http(s), mailto and in-page links become links. Rule pages are data
// from rule packs, so nothing in them may run in the report.
#include <string>
#include <string_view>

namespace clause {

struct MarkdownHtmlOptions {
  int heading_offset = 2;  // "# x" becomes <h3> inside the report (capped at h6)
  // A relative link to "CL-0902.md" (another rule page) becomes a link to
  // this prefix + the id, e.g. "#rule-CL-0902"; empty: shown as text.
  std::string rule_anchor_prefix = "#rule-";
};

std::string markdown_to_html(std::string_view markdown, const MarkdownHtmlOptions &opts = {});

// The inline part alone (code spans, emphasis, links) of one line of text.
std::string markdown_inline_html(std::string_view text, const MarkdownHtmlOptions &opts = {});

}  // namespace clause
