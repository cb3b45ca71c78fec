#include "checker/kustomize/inline_patch.h"

#include "parsers/yaml/yaml_parser.h"

namespace clause::kustomize {
namespace {

// Maps spans of the inline text to spans of the file.
struct SpanMap {
  std::vector<uint32_t> line_starts;  // offsets in the file of the lines of the text
  uint32_t first_line = 0;            // file line of the text's first line
  uint32_t indent = 0;
  Span whole;  // used when the text does not map line for line
  bool by_line = false;

  void point(uint32_t &line, uint32_t &col, uint32_t &offset) const {
    const uint32_t l = line - 1;
    if (l >= line_starts.size()) {
      line = whole.start_line;
      col = whole.start_col;
      offset = whole.start_offset;
      return;
    }
    line = first_line + l;
    col += indent;
    offset = line_starts[l] + col - 1;
  }
  void map(Span &s) const {
    if (!s.valid()) return;
    if (!by_line) {
      s = whole;
      return;
    }
    point(s.start_line, s.start_col, s.start_offset);
    point(s.end_line, s.end_col, s.end_offset);
  }
  void map(Node &n) const {
    map(n.span);
    for (Node &item : n.items) map(item);
    for (MapEntry &e : n.entries) {
      map(e.key_span);
      map(e.value);
    }
  }
};

SpanMap span_map(const Document &doc, const Node &text) {
  SpanMap m;
  m.whole = text.span;
  const std::string &src = doc.source;
  size_t at = text.span.start_offset;
  if (!text.span.valid() || at >= src.size() || src[at] != '|') return m;
  size_t pos = src.find('\n', at);
  if (pos == std::string::npos) return m;
  ++pos;
  // The indentation of the block: that of its first non-blank line.
  size_t probe = pos;
  while (probe < src.size()) {
    size_t spaces = 0;
    while (probe + spaces < src.size() && src[probe + spaces] == ' ') ++spaces;
    if (probe + spaces < src.size() && src[probe + spaces] != '\n' && src[probe + spaces] != '\r') {
      m.indent = static_cast<uint32_t>(spaces);
      break;
    }
    size_t nl = src.find('\n', probe);
    if (nl == std::string::npos) return m;
    probe = nl + 1;
  }
  m.first_line = text.span.start_line + 1;
  for (size_t line = pos; line <= src.size();) {
    m.line_starts.push_back(static_cast<uint32_t>(line));
    size_t nl = src.find('\n', line);
    if (nl == std::string::npos) break;
    line = nl + 1;
  }
  m.by_line = true;
  return m;
}

}  // namespace

std::vector<Node> parse_inline_patch(const Document &kustomization, const Node &text) {
  Document patch;
  patch.path = kustomization.path;
  patch.source = text.text;
  ParseOptions opts;
  opts.detect_helm_templates = false;
  parse_yaml(patch, opts);
  if (patch.has_errors()) return {};
  const SpanMap m = span_map(kustomization, text);
  for (Node &root : patch.roots) m.map(root);
  return std::move(patch.roots);
}

}  // namespace clause::kustomize
