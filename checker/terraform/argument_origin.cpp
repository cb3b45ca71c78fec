#include "checker/terraform/argument_origin.h"

#include <set>
#include <string>

#include "checker/model/expr.h"
#include "checker/terraform/input_defaults.h"

namespace clause::tf {
namespace {

// The one input variable an expression reads (`var.NAME`, or a conditional
// or function over it alone); "" when it reads none, several, or is no
// expression.
std::string single_variable(const Node &value) {
  if (!value.is_expression() || !value.expr) return "";
  std::set<std::string> names;
  collect_input_variables(*value.expr, names);
  return names.size() == 1 ? *names.begin() : "";
}

// The entry whose key starts at `offset`, anywhere in a block body (nested
// blocks are lists of maps).
const MapEntry *entry_at(const Node &n, uint32_t offset) {
  if (n.is_list()) {
    for (const Node &item : n.items)
      if (const MapEntry *e = entry_at(item, offset)) return e;
    return nullptr;
  }
  if (!n.is_map()) return nullptr;
  for (const MapEntry &e : n.entries) {
    if (e.key_span.start_offset == offset && e.key_span.valid()) return &e;
    if (e.value.span.valid() && (offset < e.value.span.start_offset || offset >= e.value.span.end_offset))
      continue;
    if (const MapEntry *inner = entry_at(e.value, offset)) return inner;
  }
  return nullptr;
}

// The block of `doc` whose header is `header`.
const Block *block_at(const Document &doc, const Span &header) {
  for (const Block &b : doc.blocks)
    if (b.header.start_offset == header.start_offset && b.header.start_line == header.start_line) return &b;
  return nullptr;
}

Span whole_entry(const MapEntry &e) {
  Span s = e.value.span;
  s.start_line = e.key_span.start_line;
  s.start_col = e.key_span.start_col;
  s.start_offset = e.key_span.start_offset;
  return s;
}

// Follows input variable `name` of the innermost module up the call chain.
std::optional<Location> trace(const Project &project, const Resource &r, std::string name,
                              const Node &actual) {
  for (size_t i = r.call_chain.size(); i-- > 0;) {
    const Location &call = r.call_chain[i];
    const Document *doc = project.find_document(call.path);
    const Block *module = doc ? block_at(*doc, call.span) : nullptr;
    const MapEntry *arg = module ? module->body.entry(name) : nullptr;
    if (!arg || !arg->key_span.valid() || !arg->value.span.valid()) return std::nullopt;
    name = single_variable(arg->value);
    if (!name.empty()) continue;
    // A value written out at the call, and the value the rule judged (not,
    // say, a default a conditional chose instead); an expression there (a
    // local, a function) is reported where the module uses it.
    if (!arg->value.is_scalar() || arg->value.scalar_text() != actual.scalar_text()) return std::nullopt;
    return Location{doc->path, whole_entry(*arg)};
  }
  return std::nullopt;
}

}  // namespace

std::optional<Location> argument_origin(const Project &project, const Resource &r, const Span &at,
                                        const Node &actual) {
  if (r.call_chain.empty() || !r.document || r.format != DocKind::Terraform || !actual.is_scalar())
    return std::nullopt;
  const Block *block = block_at(*r.document, r.span);
  if (!block) return std::nullopt;
  const MapEntry *written = entry_at(block->body, at.start_offset);
  if (!written || !written->value.is_expression() || !written->value.expr) return std::nullopt;
  // The variables the module's expression reads: the value comes from the
  // one whose argument, followed up the calls, is the judged value.
  std::set<std::string> names;
  collect_input_variables(*written->value.expr, names);
  std::optional<Location> found;
  for (const std::string &name : names) {
    std::optional<Location> origin = trace(project, r, name, actual);
    if (!origin) continue;
    if (found) return std::nullopt;  // two arguments could be it: say neither
    found = origin;
  }
  return found;
}

}  // namespace clause::tf
