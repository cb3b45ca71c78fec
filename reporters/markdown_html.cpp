#include "reporters/markdown_html.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>

#include <algorithm>
#include <cctype>
#include <cstring>

#include "reporters/xml_escape.h"

namespace clause {
namespace {

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(s[i])) != prefix[i]) return false;
  return true;
}

// The href for a link target, or "" when it must not become a link.
std::string safe_href(std::string_view url, const MarkdownHtmlOptions &opts) {
  if (starts_with_ci(url, "https://") || starts_with_ci(url, "http://") || starts_with_ci(url, "mailto:") ||
      (url.size() > 1 && url.front() == '#')) {
    return std::string(url);
  }
  // Another rule's page ("CL-0902.md", "./CL-0902.md"): its section here.
  const size_t slash = url.rfind('/');
  std::string_view file = slash == std::string_view::npos ? url : url.substr(slash + 1);
  if (opts.rule_anchor_prefix.empty() || url.find(':') != std::string_view::npos || !file.ends_with(".md"))
    return "";
  file.remove_suffix(3);
  const size_t dash = file.find('-');
  if (dash == 0 || dash == std::string_view::npos || dash + 1 == file.size()) return "";
  for (size_t i = 0; i < file.size(); ++i) {
    const bool ok = i < dash   ? std::isalpha(static_cast<unsigned char>(file[i])) != 0
                    : i > dash ? std::isdigit(static_cast<unsigned char>(file[i])) != 0
                               : true;
    if (!ok) return "";
  }
  return opts.rule_anchor_prefix + std::string(file);
}

std::string_view text_of(const char *s) { return s ? std::string_view(s) : std::string_view(); }

// Writes HTML from the syntax tree cmark-gfm parses (CommonMark with pipe
// tables). What is ours is the safety policy: raw HTML and every text are
// escaped, links go only to http(s), mailto, this page or another rule's
// section, images show their text, and heading levels are shifted into the
// report's outline. The tree is walked with cmark's iterator: no recursion
// on the input's nesting.
class Writer {
 public:
  explicit Writer(const MarkdownHtmlOptions &opts) : opts_(opts) {}

  std::string render(std::string_view markdown) {
    cmark_gfm_core_extensions_ensure_registered();
    cmark_parser *parser = cmark_parser_new(CMARK_OPT_DEFAULT);
    if (cmark_syntax_extension *table = cmark_find_syntax_extension("table"))
      cmark_parser_attach_syntax_extension(parser, table);
    cmark_parser_feed(parser, markdown.data(), markdown.size());
    cmark_node *doc = cmark_parser_finish(parser);
    cmark_iter *it = cmark_iter_new(doc);
    for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;)
      visit(cmark_iter_get_node(it), ev == CMARK_EVENT_ENTER);
    cmark_iter_free(it);
    cmark_node_free(doc);
    cmark_parser_free(parser);
    return std::move(out_);
  }

 private:
  void visit(cmark_node *node, bool entering) {
    switch (cmark_node_get_type(node)) {
      case CMARK_NODE_BLOCK_QUOTE: out_ += entering ? "<blockquote>\n" : "</blockquote>\n"; break;
      case CMARK_NODE_LIST: list(node, entering); break;
      case CMARK_NODE_ITEM: out_ += entering ? "<li>" : "</li>\n"; break;
      case CMARK_NODE_CODE_BLOCK: code_block(node); break;
      case CMARK_NODE_HTML_BLOCK: out_ += "<p>" + html_escape(trimmed(node)) + "</p>\n"; break;
      case CMARK_NODE_PARAGRAPH:
        // In a tight list an item's paragraphs are written without <p>.
        if (!in_tight_list(node)) {
          out_ += entering ? "<p>" : "</p>\n";
        } else if (!entering && cmark_node_next(node)) {
          out_ += "\n";
        }
        break;
      case CMARK_NODE_HEADING: {
        const int level = std::min(6, cmark_node_get_heading_level(node) + opts_.heading_offset);
        out_ += (entering ? "<h" : "</h") + std::to_string(level) + (entering ? ">" : ">\n");
        break;
      }
      case CMARK_NODE_THEMATIC_BREAK: out_ += "<hr>\n"; break;
      case CMARK_NODE_TEXT:
      case CMARK_NODE_HTML_INLINE: out_ += html_escape(text_of(cmark_node_get_literal(node))); break;
      case CMARK_NODE_SOFTBREAK: out_ += "\n"; break;
      case CMARK_NODE_LINEBREAK: out_ += "<br>\n"; break;
      case CMARK_NODE_CODE:
        out_ += "<code>" + html_escape(text_of(cmark_node_get_literal(node))) + "</code>";
        break;
      case CMARK_NODE_EMPH: out_ += entering ? "<em>" : "</em>"; break;
      case CMARK_NODE_STRONG: out_ += entering ? "<strong>" : "</strong>"; break;
      case CMARK_NODE_LINK: {
        // A link that is not safe keeps its text and loses the link.
        const std::string href = safe_href(text_of(cmark_node_get_url(node)), opts_);
        if (!href.empty()) out_ += entering ? "<a href=\"" + html_escape(href) + "\">" : "</a>";
        break;
      }
      default: table(node, entering); break;  // images show their text
    }
  }

  void list(cmark_node *node, bool entering) {
    const bool ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST;
    if (!entering) {
      out_ += ordered ? "</ol>\n" : "</ul>\n";
    } else if (!ordered) {
      out_ += "<ul>\n";
    } else {
      const int start = cmark_node_get_list_start(node);
      out_ += start == 1 ? "<ol>\n" : "<ol start=\"" + std::to_string(start) + "\">\n";
    }
  }

  void code_block(cmark_node *node) {
    // The language becomes a class name: only characters that cannot leave
    // the attribute.
    std::string_view info = text_of(cmark_node_get_fence_info(node));
    info = info.substr(0, info.find_first_of(" \t{"));
    std::string lang;
    for (char c : info)
      if (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '+') lang.push_back(c);
    out_ += lang.empty() ? "<pre><code>" : "<pre><code class=\"language-" + lang + "\">";
    out_ += html_escape(text_of(cmark_node_get_literal(node))) + "</code></pre>\n";
  }

  // The pipe-table extension's nodes: table, table_header / table_row, table_cell.
  void table(cmark_node *node, bool entering) {
    const char *type = cmark_node_get_type_string(node);
    if (std::strcmp(type, "table") == 0) {
      if (entering) {
        out_ += "<table>\n<thead>\n";
      } else {
        out_ += body_open_ ? "</tbody>\n</table>\n" : "</table>\n";
        body_open_ = false;
      }
    } else if (std::strcmp(type, "table_header") == 0 || std::strcmp(type, "table_row") == 0) {
      const bool header = std::strcmp(type, "table_header") == 0;
      if (entering) {
        cell_ = 0;
        if (!header && !body_open_) out_ += "<tbody>\n";
        body_open_ = body_open_ || !header;
        out_ += "<tr>";
      } else {
        out_ += header ? "</tr>\n</thead>\n" : "</tr>\n";
      }
    } else if (std::strcmp(type, "table_cell") == 0) {
      const bool header =
          std::strcmp(cmark_node_get_type_string(cmark_node_parent(node)), "table_header") == 0;
      const char *tag = header ? "th" : "td";
      if (!entering) {
        out_ += std::string("</") + tag + ">";
        return;
      }
      const uint8_t *align =
          cmark_gfm_extensions_get_table_alignments(cmark_node_parent(cmark_node_parent(node)));
      const uint8_t a = align ? align[cell_] : 0;
      ++cell_;
      out_ += std::string("<") + tag;
      if (a == 'l' || a == 'c' || a == 'r')
        out_ += std::string(" style=\"text-align:") +
                (a == 'l'   ? "left"
                 : a == 'c' ? "center"
                            : "right") +
                "\"";
      out_ += ">";
    }
  }

  static bool in_tight_list(cmark_node *paragraph) {
    cmark_node *item = cmark_node_parent(paragraph);
    cmark_node *list = item ? cmark_node_parent(item) : nullptr;
    return item && cmark_node_get_type(item) == CMARK_NODE_ITEM && list && cmark_node_get_list_tight(list);
  }

  static std::string_view trimmed(cmark_node *node) {
    std::string_view s = text_of(cmark_node_get_literal(node));
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.remove_suffix(1);
    return s;
  }

  const MarkdownHtmlOptions &opts_;
  std::string out_;
  bool body_open_ = false;
  size_t cell_ = 0;
};

}  // namespace

std::string markdown_to_html(std::string_view markdown, const MarkdownHtmlOptions &opts) {
  return Writer(opts).render(markdown);
}

}  // namespace clause
