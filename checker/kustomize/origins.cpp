#include "checker/kustomize/origins.h"

namespace clause::kustomize {

uint32_t Origins::add(const Document *doc, const Span &span, const std::string &removed) {
  auto key = std::make_tuple(doc, span.start_line, span.start_col, span.end_line, span.end_col);
  auto it = index_.find(key);
  if (it != index_.end()) return it->second;
  table_.push_back(NodeOrigin{doc, span, removed});
  const auto id = static_cast<uint32_t>(table_.size());
  index_.emplace(key, id);
  return id;
}

Span entry_span(const MapEntry &e) {
  Span s = e.key_span.valid() ? e.key_span : e.value.span;
  if (e.value.span.valid() && s.valid()) {
    s.end_line = e.value.span.end_line;
    s.end_col = e.value.span.end_col;
    s.end_offset = e.value.span.end_offset;
  }
  return s;
}

void tag_tree(Node &n, uint32_t origin) {
  n.origin = origin;
  for (Node &item : n.items) tag_tree(item, origin);
  for (MapEntry &e : n.entries) tag_tree(e.value, origin);
}

}  // namespace clause::kustomize
