#pragma once
// Safe Markdown-to-HTML for rule documentation in the HTML report. cmark-gfm
// parses (CommonMark with pipe tables); the writer escapes every text, shows
// raw HTML in the input as text, makes links only to http(s), mailto, this
// page and other rules' sections, and shows images as their text. Rule pages
// are data from rule packs, so nothing in them may run in the report.
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

}  // namespace clause
