#include "checker/model/resource.h"

namespace clause {

const Document &Resource::document_of(const Node *node) const {
  if (has_origin(node)) {
    const NodeOrigin &o = rendered->origins[node->origin - 1];
    if (o.document) return *o.document;
  }
  return *document;
}

Span Resource::span_of(const Node *node, const Span &own) const {
  if (has_origin(node)) {
    const NodeOrigin &o = rendered->origins[node->origin - 1];
    if (o.span.valid()) return o.span;
  }
  return own;
}

bool Resource::absence_written(const Node *node, std::string_view path) const {
  if (!has_origin(node)) return false;
  const NodeOrigin &o = rendered->origins[node->origin - 1];
  if (!o.span.valid()) return true;
  if (o.removed.empty()) return false;
  size_t pos = 0;
  while (pos <= path.size()) {
    size_t end = path.find('.', pos);
    if (end == std::string_view::npos) end = path.size();
    if (path.substr(pos, end - pos) == o.removed) return true;
    pos = end + 1;
  }
  return false;
}

}  // namespace clause
