#include "parsers/yaml/yaml_text.h"

#include <algorithm>

namespace clause::yaml {

namespace {

constexpr size_t npos = std::string_view::npos;

size_t line_end(std::string_view t, size_t p) {
  size_t e = t.find('\n', p);
  return e == npos ? t.size() : e;
}

// `---` or `...` at `p` followed by a space, a line break or the end.
bool is_marker(std::string_view t, size_t p, char c) {
  if (p + 3 > t.size() || t[p] != c || t[p + 1] != c || t[p + 2] != c) return false;
  return p + 3 == t.size() || is_space(t[p + 3]);
}

bool is_flow_indicator(char c) { return c == ',' || c == '[' || c == ']' || c == '{' || c == '}'; }

bool is_block_indicator_char(char c) { return c == '+' || c == '-' || (c >= '0' && c <= '9'); }

size_t skip_bom(std::string_view t, size_t p) {
  if (p == 0 && t.substr(0, 3) == "\xEF\xBB\xBF") return 3;
  return p;
}

}  // namespace

LineIndex::LineIndex(std::string_view text, size_t first_line_start) {
  starts_.push_back(first_line_start);
  for (size_t p = text.find('\n', first_line_start); p != npos; p = text.find('\n', p + 1))
    starts_.push_back(p + 1);
}

void LineIndex::locate(size_t offset, uint32_t &line, uint32_t &col) const {
  auto it = std::upper_bound(starts_.begin(), starts_.end(), offset);
  if (it == starts_.begin()) {  // inside the BOM
    line = 1;
    col = 1;
    return;
  }
  --it;
  line = static_cast<uint32_t>(it - starts_.begin()) + 1;
  col = static_cast<uint32_t>(offset - *it) + 1;
}

uint32_t LineIndex::line_of(size_t offset) const {
  uint32_t line = 0, col = 0;
  locate(offset, line, col);
  return line;
}

Span LineIndex::span(size_t begin, size_t end) const {
  Span s;
  if (end < begin) end = begin;
  locate(begin, s.start_line, s.start_col);
  locate(end, s.end_line, s.end_col);
  s.start_offset = static_cast<uint32_t>(begin);
  s.end_offset = static_cast<uint32_t>(end);
  return s;
}

size_t skip_space_and_comments(std::string_view t, size_t p) {
  const size_t n = t.size();
  while (p < n) {
    if (is_space(t[p])) {
      ++p;
    } else if (t[p] == '#') {
      p = line_end(t, p);
    } else {
      break;
    }
  }
  return p;
}

size_t skip_double_quoted(std::string_view t, size_t p, bool *closed) {
  const size_t n = t.size();
  if (closed) *closed = true;
  for (size_t q = p + 1; q < n; ++q) {
    if (t[q] == '\\') {
      ++q;
    } else if (t[q] == '"') {
      return q + 1;
    }
  }
  if (closed) *closed = false;
  return n;
}

size_t skip_single_quoted(std::string_view t, size_t p, bool *closed) {
  const size_t n = t.size();
  if (closed) *closed = true;
  for (size_t q = p + 1; q < n; ++q) {
    if (t[q] != '\'') continue;
    if (q + 1 < n && t[q + 1] == '\'') {
      ++q;
    } else {
      return q + 1;
    }
  }
  if (closed) *closed = false;
  return n;
}

BlockExtent block_scalar_extent(std::string_view t, size_t p) {
  const size_t n = t.size();
  size_t ls = p;
  while (ls > 0 && t[ls - 1] != '\n') --ls;
  ls = skip_bom(t, ls);
  // Content must be indented deeper than the line holding the header (as
  // yaml-cpp reads it, even for a top-level `--- |`).
  long parent = 0;
  while (ls + static_cast<size_t>(parent) < n && t[ls + static_cast<size_t>(parent)] == ' ') ++parent;
  size_t q = p + 1;
  while (q < n && is_block_indicator_char(t[q])) ++q;
  BlockExtent out{q, n};
  size_t cur = line_end(t, q);
  if (cur >= n) return out;
  ++cur;
  long content_indent = -1;
  while (cur < n) {
    size_t le = line_end(t, cur);
    size_t i = cur;
    while (i < le && t[i] == ' ') ++i;
    size_t j = i;
    while (j < le && is_space(t[j])) ++j;
    if (j == le) {  // blank line: part of the scalar only if content follows
      cur = le < n ? le + 1 : n;
      continue;
    }
    long indent = static_cast<long>(i - cur);
    if (content_indent < 0) {
      if (indent <= parent) break;
      content_indent = indent;
    } else if (indent < content_indent) {
      break;
    }
    if (indent == 0 && (is_marker(t, cur, '-') || is_marker(t, cur, '.'))) break;
    size_t e = le;
    if (e > i && t[e - 1] == '\r') --e;
    out.content_end = e;
    cur = le < n ? le + 1 : n;
  }
  out.region_end = cur;
  return out;
}

Properties skip_properties(std::string_view t, size_t p) {
  const size_t n = t.size();
  Properties out{p, p};
  size_t q = p;
  while (q < n && (t[q] == '!' || t[q] == '&')) {
    if (t[q] == '!' && q + 1 < n && t[q + 1] == '<') {  // verbatim tag !<...>
      size_t close = t.find('>', q);
      q = close == npos ? n : close + 1;
    }
    while (q < n && !is_space(t[q]) && t[q] != ',' && t[q] != ']' && t[q] != '}') ++q;
    out.end = q;
    q = skip_space_and_comments(t, q);
    out.value_begin = q;
  }
  return out;
}

size_t match_plain(std::string_view t, size_t p, std::string_view v) {
  const size_t n = t.size();
  size_t i = 0, q = p, end = p;
  while (i < v.size() && q < n) {
    if (v[i] == t[q]) {
      ++i;
      ++q;
      end = q;
    } else if (is_space(t[q])) {
      // Line folding: a run of spaces and breaks in the text stands for a
      // space or line feeds in the value.
      while (q < n && is_space(t[q])) ++q;
      while (i < v.size() && (v[i] == ' ' || v[i] == '\n')) ++i;
    } else {
      break;
    }
  }
  return end;
}

TextScan scan_text(std::string_view t, size_t begin, size_t max_flow_depth) {
  TextScan out;
  const size_t n = t.size();
  Segment cur{begin, n, npos};
  bool has_content = false;  // the current segment holds more than comments/directives
  bool end_after_line = false;
  size_t depth = 0;
  bool line_start = true, token_start = true, prev_space = true;
  // The properties in front of the current token, when they are one local tag.
  size_t tag_begin = npos, tag_end = npos;
  bool single_tag = false;

  auto new_segment = [&](size_t at) {
    cur.end = at;
    if (cur.end > cur.begin) out.segments.push_back(cur);
    cur = Segment{at, n, npos};
    has_content = false;
    depth = 0;
  };
  auto add_comment = [&](size_t from) {
    size_t e = line_end(t, from);
    size_t ce = e;
    if (ce > from && t[ce - 1] == '\r') --ce;
    out.comments.emplace_back(from, ce);
    return e;
  };

  size_t p = begin;
  while (p < n) {
    if (line_start) {
      line_start = false;
      token_start = true;
      prev_space = true;
      tag_begin = npos;
      if (is_marker(t, p, '-')) {
        if (has_content) new_segment(p);
        has_content = true;
        p += 3;
        continue;
      }
      if (is_marker(t, p, '.')) {
        end_after_line = true;
        p += 3;
        continue;
      }
      if (t[p] == '%' && depth == 0 && !has_content) {  // directive line
        p = line_end(t, p);
        continue;
      }
    }
    const char c = t[p];
    if (c == '\n') {
      ++p;
      line_start = true;
      if (end_after_line) {
        end_after_line = false;
        new_segment(p);
      }
      continue;
    }
    if (is_space(c)) {
      prev_space = true;
      ++p;
      continue;
    }
    if (c == '#' && prev_space) {
      p = add_comment(p);
      continue;
    }
    prev_space = false;
    has_content = true;
    if (c != '!' && c != '&' && c != '|' && c != '>') tag_begin = npos;
    if (token_start) {
      switch (c) {
        case '"':
          p = skip_double_quoted(t, p);
          token_start = false;
          continue;
        case '\'':
          p = skip_single_quoted(t, p);
          token_start = false;
          continue;
        case '|':
        case '>':
          if (depth == 0) {
            size_t q = p + 1;
            while (q < n && is_block_indicator_char(t[q])) ++q;
            size_t e = line_end(t, q);
            while (q < e && is_space(t[q])) ++q;
            if (q < e && t[q] == '#') add_comment(q);
            if (tag_begin != npos && single_tag)
              out.tagged_blocks.push_back(TaggedBlock{tag_begin, tag_end, p});
            tag_begin = npos;
            p = std::max(block_scalar_extent(t, p).region_end, e);
            line_start = p < n && p > 0 && t[p - 1] == '\n';
            continue;
          }
          break;
        case '-':
        case '?':
        case ':':
          if (p + 1 >= n || is_space(t[p + 1]) || (depth > 0 && is_flow_indicator(t[p + 1]))) {
            ++p;
            continue;
          }
          break;
        case '!':
        case '&':
        case '*': {
          size_t from = p;
          while (p < n && !is_space(t[p]) && !(depth > 0 && is_flow_indicator(t[p]))) ++p;
          token_start = c != '*';
          if (c == '!' && tag_begin == npos && p - from > 1 && t[from + 1] != '!' && t[from + 1] != '<') {
            tag_begin = from;
            tag_end = p;
            single_tag = true;
          } else if (c != '*') {
            single_tag = false;
            if (tag_begin == npos) tag_begin = from;
          }
          continue;
        }
        case '[':
        case '{':
          if (++depth > max_flow_depth && cur.too_deep_at == npos) cur.too_deep_at = p;
          ++p;
          continue;
        case ']':
        case '}':
          if (depth > 0) --depth;
          ++p;
          token_start = false;
          continue;
        case ',':
          if (depth > 0) {
            ++p;
            continue;
          }
          break;
        default: break;
      }
      token_start = false;
      ++p;
      continue;
    }
    // Inside a plain scalar, or right after a quoted scalar or a bracket.
    if (c == ':' && (depth > 0 || p + 1 >= n || is_space(t[p + 1]))) {
      token_start = true;
    } else if (depth > 0 && c == ',') {
      token_start = true;
    } else if (depth > 0 && (c == ']' || c == '}')) {
      --depth;
    }
    ++p;
  }
  cur.end = n;
  if (cur.end > cur.begin || out.segments.empty()) out.segments.push_back(cur);
  return out;
}

}  // namespace clause::yaml
