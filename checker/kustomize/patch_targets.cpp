#include "checker/kustomize/patch_targets.h"

#include <re2/re2.h>

namespace clause::kustomize {
namespace {

// Kustomize reads `name` and `kind` as anchored regular expressions.
bool matches(const std::string &pattern, const std::string &value) {
  if (pattern.empty()) return true;
  if (pattern == value) return true;
  RE2 re(pattern, RE2::Quiet);
  return re.ok() && RE2::FullMatch(value, re);
}

bool labels_match(const std::string &selector, const Object &o) {
  if (selector.empty()) return true;
  const Node *metadata = o.body.get("metadata");
  const Node *labels = metadata && metadata->is_map() ? metadata->get("labels") : nullptr;
  for (std::string_view piece : split(selector, ',')) {
    const std::string term(piece);
    const size_t eq = term.find('=');
    if (eq == std::string::npos) return false;  // set-based terms are not evaluated: no match
    std::string key = term.substr(0, eq);
    std::string value = term.substr(term[eq + 1] == '=' ? eq + 2 : eq + 1);
    const Node *v = labels && labels->is_map() ? labels->get(key) : nullptr;
    if (!v || !v->is_scalar() || v->scalar_text() != value) return false;
  }
  return true;
}

}  // namespace

bool selects(const Selector &s, const Object &o) {
  const std::string api = o.api_version();
  const size_t slash = api.find('/');
  const std::string group = slash == std::string::npos ? "" : api.substr(0, slash);
  const std::string version = slash == std::string::npos ? api : api.substr(slash + 1);
  if (!s.group.empty() && s.group != group) return false;
  if (!s.version.empty() && s.version != version) return false;
  if (!matches(s.kind, o.kind())) return false;
  if (!s.name.empty()) {
    bool any = matches(s.name, o.name());
    for (const auto &p : o.previous_names) any = any || matches(s.name, p);
    if (!any) return false;
  }
  if (!s.ns.empty() && !matches(s.ns, o.ns())) return false;
  return labels_match(s.label_selector, o);
}

std::vector<Object *> patch_targets(const Node &patch, const std::optional<Selector> &target,
                                    std::vector<Object> &objects) {
  std::vector<Object *> out;
  if (target) {
    for (Object &o : objects)
      if (selects(*target, o)) out.push_back(&o);
    return out;
  }
  const Node *kind = patch.is_map() ? patch.get("kind") : nullptr;
  const std::string name = text_at(patch, "metadata", "name");
  const std::string ns = text_at(patch, "metadata", "namespace");
  if (!kind || !kind->is_string() || name.empty()) return out;
  for (Object &o : objects)
    if (o.kind() == kind->text && o.named(name) && (ns.empty() || o.ns().empty() || o.ns() == ns))
      out.push_back(&o);
  return out;
}

}  // namespace clause::kustomize
