#include "reporters/markdown_html.h"

#include <algorithm>
#include <cctype>
#include <vector>

#include "reporters/xml_escape.h"

namespace clause {
namespace {

// Nesting deeper than this (quotes in lists in quotes ...) is shown as text:
// the input is data and must not be able to exhaust the stack.
constexpr int kMaxDepth = 8;

bool is_space(char c) { return c == ' ' || c == '\t'; }
bool is_alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }
bool is_punct(char c) { return std::ispunct(static_cast<unsigned char>(c)) != 0; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && (is_space(s.front()) || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (is_space(s.back()) || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

size_t indent_of(std::string_view line) {
  size_t n = 0;
  while (n < line.size() && line[n] == ' ') ++n;
  return n;
}

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

class Inline {
 public:
  Inline(const MarkdownHtmlOptions &opts, int depth) : opts_(opts), depth_(depth) {}

  std::string render(std::string_view s) {
    for (size_t i = 0; i < s.size();) i = step(s, i);
    flush();
    return std::move(out_);
  }

 private:
  void flush() {
    out_ += html_escape(pending_);
    pending_.clear();
  }
  void tag(std::string_view html) {
    flush();
    out_ += html;
  }
  std::string nested(std::string_view s) {
    if (depth_ >= kMaxDepth) return html_escape(s);
    return Inline(opts_, depth_ + 1).render(s);
  }

  // Renders what starts at s[i]; returns where the next piece starts.
  size_t step(std::string_view s, size_t i) {
    const char c = s[i];
    if (c == '\\' && i + 1 < s.size() && is_punct(s[i + 1])) {
      pending_.push_back(s[i + 1]);
      return i + 2;
    }
    if (c == '`') return code_span(s, i);
    if (c == '*' || c == '_') return emphasis(s, i);
    if (c == '[') return link(s, i);
    if (c == '<') return autolink(s, i);
    pending_.push_back(c);
    return i + 1;
  }

  size_t code_span(std::string_view s, size_t i) {
    size_t run = 0;
    while (i + run < s.size() && s[i + run] == '`') ++run;
    const std::string fence(run, '`');
    for (size_t at = s.find(fence, i + run); at != std::string_view::npos; at = s.find(fence, at + run)) {
      size_t end_run = 0;
      while (at + end_run < s.size() && s[at + end_run] == '`') ++end_run;
      if (end_run != run) {
        at += end_run - run;
        continue;
      }
      std::string_view code = s.substr(i + run, at - i - run);
      if (code.size() >= 2 && code.front() == ' ' && code.back() == ' ')
        code = code.substr(1, code.size() - 2);
      tag("<code>" + html_escape(code) + "</code>");
      return at + run;
    }
    pending_.append(fence);
    return i + run;
  }

  size_t emphasis(std::string_view s, size_t i) {
    const char c = s[i];
    const bool strong = i + 1 < s.size() && s[i + 1] == c;
    const size_t width = strong ? 2 : 1;
    const std::string delim(width, c);
    const size_t open_end = i + width;
    // An underscore inside a word (snake_case) is text; so is a delimiter
    // followed by a blank.
    const bool word_before = i > 0 && is_alnum(s[i - 1]);
    if (open_end >= s.size() || is_space(s[open_end]) || (c == '_' && word_before)) {
      pending_.append(delim);
      return open_end;
    }
    for (size_t at = s.find(delim, open_end + 1); at != std::string_view::npos; at = s.find(delim, at + 1)) {
      if (is_space(s[at - 1])) continue;
      if (!strong && at + 1 < s.size() && s[at + 1] == c) {  // part of a longer run
        at += 1;
        continue;
      }
      if (c == '_' && at + width < s.size() && is_alnum(s[at + width])) continue;
      const char *name = strong ? "strong" : "em";
      tag(std::string("<") + name + ">" + nested(s.substr(open_end, at - open_end)) + "</" + name + ">");
      return at + width;
    }
    pending_.append(delim);
    return open_end;
  }

  size_t link(std::string_view s, size_t i) {
    const size_t close = s.find(']', i + 1);
    if (close == std::string_view::npos || close + 1 >= s.size() || s[close + 1] != '(') {
      pending_.push_back('[');
      return i + 1;
    }
    // The destination may hold balanced parentheses, as URLs do.
    size_t end = close + 2;
    for (int depth = 0; end < s.size(); ++end) {
      if (s[end] == '(') ++depth;
      if (s[end] == ')' && depth-- == 0) break;
    }
    if (end >= s.size()) {
      pending_.push_back('[');
      return i + 1;
    }
    std::string_view target = trim(s.substr(close + 2, end - close - 2));
    if (size_t sp = target.find_first_of(" \t"); sp != std::string_view::npos) target = target.substr(0, sp);
    if (target.size() >= 2 && target.front() == '<' && target.back() == '>')
      target = target.substr(1, target.size() - 2);
    const std::string text = nested(s.substr(i + 1, close - i - 1));
    const std::string href = safe_href(target, opts_);
    if (href.empty()) {
      tag(text);
    } else {
      tag("<a href=\"" + html_escape(href) + "\">" + text + "</a>");
    }
    return end + 1;
  }

  size_t autolink(std::string_view s, size_t i) {
    const size_t close = s.find('>', i + 1);
    if (close != std::string_view::npos) {
      const std::string_view url = s.substr(i + 1, close - i - 1);
      const bool plain = url.find_first_of(" \t<\"'") == std::string_view::npos;
      if (plain && (starts_with_ci(url, "https://") || starts_with_ci(url, "http://"))) {
        tag("<a href=\"" + html_escape(url) + "\">" + html_escape(url) + "</a>");
        return close + 1;
      }
    }
    pending_.push_back('<');
    return i + 1;
  }

  const MarkdownHtmlOptions &opts_;
  int depth_;
  std::string out_;
  std::string pending_;
};

struct ListMarker {
  bool ordered = false;
  char bullet = 0;   // '-', '*', '+' or the ordered delimiter '.' / ')'
  size_t width = 0;  // of indent, marker and the blank after it
  long start = 1;
};

bool list_marker(std::string_view line, ListMarker &m) {
  const size_t ind = indent_of(line);
  if (ind > 3) return false;
  size_t i = ind;
  if (i < line.size() && (line[i] == '-' || line[i] == '*' || line[i] == '+')) {
    m = ListMarker{false, line[i], 0, 1};
    ++i;
  } else {
    size_t d = i;
    while (d < line.size() && d - i < 9 && std::isdigit(static_cast<unsigned char>(line[d]))) ++d;
    if (d == i || d >= line.size() || (line[d] != '.' && line[d] != ')')) return false;
    m = ListMarker{true, line[d], 0, std::stol(std::string(line.substr(i, d - i)))};
    i = d + 1;
  }
  if (i < line.size() && !is_space(line[i])) return false;
  if (i == line.size()) return false;  // an empty item is not worth the ambiguity
  while (i < line.size() && is_space(line[i])) ++i;
  m.width = i;
  return true;
}

bool is_rule(std::string_view line) {
  const std::string_view t = trim(line);
  if (t.empty() || indent_of(line) > 3) return false;
  const char c = t.front();
  if (c != '-' && c != '*' && c != '_') return false;
  size_t n = 0;
  for (char x : t) {
    if (x == c) {
      ++n;
    } else if (!is_space(x)) {
      return false;
    }
  }
  return n >= 3;
}

size_t fence_run(std::string_view line, char &fence_char) {
  const size_t ind = indent_of(line);
  if (ind > 3 || ind >= line.size() || (line[ind] != '`' && line[ind] != '~')) return 0;
  fence_char = line[ind];
  size_t n = 0;
  while (ind + n < line.size() && line[ind + n] == fence_char) ++n;
  return n >= 3 ? n : 0;
}

int heading_level(std::string_view line) {
  const size_t ind = indent_of(line);
  if (ind > 3) return 0;
  size_t n = 0;
  while (ind + n < line.size() && line[ind + n] == '#') ++n;
  if (n == 0 || n > 6) return 0;
  if (ind + n < line.size() && !is_space(line[ind + n])) return 0;
  return static_cast<int>(n);
}

bool is_quote(std::string_view line) {
  const size_t ind = indent_of(line);
  return ind <= 3 && ind < line.size() && line[ind] == '>';
}

std::vector<std::string_view> split_cells(std::string_view row) {
  row = trim(row);
  if (!row.empty() && row.front() == '|') row.remove_prefix(1);
  if (!row.empty() && row.back() == '|' && (row.size() < 2 || row[row.size() - 2] != '\\'))
    row.remove_suffix(1);
  std::vector<std::string_view> cells;
  size_t start = 0;
  for (size_t i = 0; i < row.size(); ++i) {
    if (row[i] == '\\') {
      ++i;
    } else if (row[i] == '|') {
      cells.push_back(trim(row.substr(start, i - start)));
      start = i + 1;
    }
  }
  cells.push_back(trim(row.substr(start)));
  return cells;
}

// Alignments of a delimiter row ("| --- | :-: |"), or empty when it is not one.
std::vector<std::string> table_alignments(std::string_view line) {
  if (line.find('-') == std::string_view::npos) return {};
  std::vector<std::string> out;
  for (std::string_view cell : split_cells(line)) {
    if (cell.empty()) return {};
    const bool left = cell.front() == ':';
    const bool right = cell.back() == ':';
    std::string_view dashes = cell.substr(left ? 1 : 0);
    if (right && !dashes.empty()) dashes.remove_suffix(1);
    if (dashes.empty() || dashes.find_first_not_of('-') != std::string_view::npos) return {};
    out.push_back(left && right ? "center" : right ? "right" : left ? "left" : "");
  }
  return out;
}

class Blocks {
 public:
  Blocks(const MarkdownHtmlOptions &opts, int depth) : opts_(opts), depth_(depth) {}

  std::string render(const std::vector<std::string_view> &lines) {
    for (size_t i = 0; i < lines.size();) i = block(lines, i);
    return std::move(out_);
  }

 private:
  std::string inline_html(std::string_view s) { return Inline(opts_, depth_).render(s); }

  std::string nested(const std::vector<std::string_view> &lines) {
    if (depth_ >= kMaxDepth) {
      std::string text;
      for (std::string_view l : lines) text.append(l).push_back('\n');
      return "<p>" + html_escape(trim(text)) + "</p>\n";
    }
    return Blocks(opts_, depth_ + 1).render(lines);
  }

  bool starts_block(const std::vector<std::string_view> &lines, size_t i) {
    const std::string_view line = lines[i];
    char f = 0;
    ListMarker m;
    return heading_level(line) != 0 || fence_run(line, f) != 0 || is_rule(line) || is_quote(line) ||
           list_marker(line, m) || starts_table(lines, i);
  }

  bool starts_table(const std::vector<std::string_view> &lines, size_t i) {
    return i + 1 < lines.size() && lines[i].find('|') != std::string_view::npos &&
           !table_alignments(lines[i + 1]).empty();
  }

  size_t block(const std::vector<std::string_view> &lines, size_t i) {
    const std::string_view line = lines[i];
    if (trim(line).empty()) return i + 1;
    char fence_char = 0;
    if (size_t run = fence_run(line, fence_char)) return code_block(lines, i, run, fence_char);
    if (int level = heading_level(line)) {
      std::string_view text = trim(line.substr(indent_of(line) + static_cast<size_t>(level)));
      while (!text.empty() && text.back() == '#') text.remove_suffix(1);
      const std::string tag = "h" + std::to_string(std::min(6, level + opts_.heading_offset));
      out_ += "<" + tag + ">" + inline_html(trim(text)) + "</" + tag + ">\n";
      return i + 1;
    }
    if (is_rule(line)) {
      out_ += "<hr>\n";
      return i + 1;
    }
    if (is_quote(line)) return quote(lines, i);
    ListMarker marker;
    if (list_marker(line, marker)) return list(lines, i, marker);
    if (starts_table(lines, i)) return table(lines, i);
    return paragraph(lines, i);
  }

  size_t code_block(const std::vector<std::string_view> &lines, size_t i, size_t run, char fence_char) {
    std::string_view info = trim(lines[i].substr(indent_of(lines[i]) + run));
    if (size_t sp = info.find_first_of(" \t{"); sp != std::string_view::npos) info = info.substr(0, sp);
    std::string lang;
    for (char c : info)
      if (is_alnum(c) || c == '-' || c == '_' || c == '+') lang.push_back(c);
    std::string code;
    size_t j = i + 1;
    for (; j < lines.size(); ++j) {
      char f = 0;
      if (fence_run(lines[j], f) >= run && f == fence_char &&
          trim(lines[j]).find_first_not_of(f) == std::string_view::npos)
        break;
      code.append(lines[j]);
      if (!code.empty() && code.back() == '\r') code.pop_back();
      code.push_back('\n');
    }
    out_ += lang.empty() ? "<pre><code>" : "<pre><code class=\"language-" + lang + "\">";
    out_ += html_escape(code) + "</code></pre>\n";
    return j < lines.size() ? j + 1 : j;
  }

  size_t quote(const std::vector<std::string_view> &lines, size_t i) {
    std::vector<std::string_view> inner;
    size_t j = i;
    for (; j < lines.size() && is_quote(lines[j]); ++j) {
      std::string_view l = lines[j].substr(indent_of(lines[j]) + 1);
      if (!l.empty() && l.front() == ' ') l.remove_prefix(1);
      inner.push_back(l);
    }
    out_ += "<blockquote>\n" + nested(inner) + "</blockquote>\n";
    return j;
  }

  size_t list(const std::vector<std::string_view> &lines, size_t i, const ListMarker &first) {
    const char *tag = first.ordered ? "ol" : "ul";
    out_ += std::string("<") + tag;
    if (first.ordered && first.start != 1) out_ += " start=\"" + std::to_string(first.start) + "\"";
    out_ += ">\n";
    size_t j = i;
    while (j < lines.size()) {
      ListMarker m;
      if (!list_marker(lines[j], m) || m.ordered != first.ordered || m.bullet != first.bullet) break;
      std::vector<std::string_view> item = {lines[j].substr(m.width)};
      ++j;
      // Continuation: indented lines, and lazy paragraph lines; a blank line
      // ends the item unless indented content follows.
      while (j < lines.size()) {
        const std::string_view l = lines[j];
        if (trim(l).empty()) {
          if (j + 1 < lines.size() && indent_of(lines[j + 1]) >= m.width && !trim(lines[j + 1]).empty()) {
            item.push_back("");
            ++j;
            continue;
          }
          break;
        }
        if (indent_of(l) >= m.width) {
          item.push_back(l.substr(m.width));
        } else if (!starts_block(lines, j)) {
          item.push_back(trim(l));
        } else {
          break;
        }
        ++j;
      }
      std::string body = nested(item);
      // A one-paragraph item is written without its <p>.
      if (body.starts_with("<p>") && body.ends_with("</p>\n") && body.find("<p>", 3) == std::string::npos)
        body = body.substr(3, body.size() - 8);
      while (!body.empty() && body.back() == '\n') body.pop_back();
      out_ += "<li>" + body + "</li>\n";
      // Blank lines between items of one list.
      size_t k = j;
      while (k < lines.size() && trim(lines[k]).empty()) ++k;
      ListMarker next;
      if (k < lines.size() && list_marker(lines[k], next) && next.ordered == first.ordered &&
          next.bullet == first.bullet) {
        j = k;
      }
    }
    out_ += std::string("</") + tag + ">\n";
    return j;
  }

  size_t table(const std::vector<std::string_view> &lines, size_t i) {
    const std::vector<std::string> align = table_alignments(lines[i + 1]);
    const auto row = [&](std::string_view line, const char *cell) {
      const std::vector<std::string_view> cells = split_cells(line);
      std::string html = "<tr>";
      for (size_t c = 0; c < align.size(); ++c) {
        html += std::string("<") + cell;
        if (!align[c].empty()) html += " style=\"text-align:" + align[c] + "\"";
        html += ">" + (c < cells.size() ? inline_html(cells[c]) : std::string()) + "</" + cell + ">";
      }
      return html + "</tr>\n";
    };
    out_ += "<table>\n<thead>\n" + row(lines[i], "th") + "</thead>\n<tbody>\n";
    size_t j = i + 2;
    for (; j < lines.size() && !trim(lines[j]).empty() && lines[j].find('|') != std::string_view::npos; ++j)
      out_ += row(lines[j], "td");
    out_ += "</tbody>\n</table>\n";
    return j;
  }

  size_t paragraph(const std::vector<std::string_view> &lines, size_t i) {
    std::string text(trim(lines[i]));
    size_t j = i + 1;
    for (; j < lines.size() && !trim(lines[j]).empty() && !starts_block(lines, j); ++j) {
      text.push_back('\n');
      text.append(trim(lines[j]));
    }
    out_ += "<p>" + inline_html(text) + "</p>\n";
    return j;
  }

  const MarkdownHtmlOptions &opts_;
  int depth_;
  std::string out_;
};

}  // namespace

std::string markdown_to_html(std::string_view markdown, const MarkdownHtmlOptions &opts) {
  std::vector<std::string_view> lines;
  for (size_t start = 0; start <= markdown.size();) {
    size_t nl = markdown.find('\n', start);
    if (nl == std::string_view::npos) nl = markdown.size();
    std::string_view line = markdown.substr(start, nl - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    start = nl + 1;
  }
  return Blocks(opts, 0).render(lines);
}

std::string markdown_inline_html(std::string_view text, const MarkdownHtmlOptions &opts) {
  return Inline(opts, 0).render(text);
}

}  // namespace clause
