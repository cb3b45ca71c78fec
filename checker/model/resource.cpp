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

std::string inputs_named(const AssumedDefault &use) {
  std::string names;
  for (size_t i = 0; i < use.parameters.size(); ++i)
    names += (i ? (i + 1 == use.parameters.size() ? " and " : ", ") : "") + use.parameters[i];
  return std::string(use.variables ? "variable" : "parameter") + (use.parameters.size() > 1 ? "s " : " ") +
         names;
}

std::string default_note(const AssumedDefault &use) {
  return use.note.empty() ? "with the default of " + inputs_named(use) : use.note;
}

const AssumedDefault *default_deciding(const Resource &r, const Node *node, const Span &span) {
  auto within = [](const Span &inner, const Span &outer) {
    return inner.valid() && outer.valid() && inner.start_offset >= outer.start_offset &&
           inner.end_offset <= outer.end_offset;
  };
  const bool at_header = span.start_offset == r.span.start_offset && span.end_offset == r.span.end_offset;
  for (const AssumedDefault &use : r.assumed_defaults) {
    if (!use.removed_path.empty()) continue;
    if ((node && within(node->span, use.span)) || (!at_header && within(use.span, span))) return &use;
  }
  return nullptr;
}

}  // namespace clause
