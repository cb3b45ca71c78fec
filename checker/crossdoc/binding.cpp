#include "checker/crossdoc/binding.h"

#include <algorithm>

#include "checker/model/attribute.h"
#include "checker/model/unknown.h"
#include "checker/project/units.h"

namespace clause::crossdoc {
namespace {

Membership yes() { return Membership{Membership::State::Yes, ""}; }
Membership no() { return Membership{}; }
Membership unknown(std::string blocked_by) {
  return Membership{Membership::State::Unknown, std::move(blocked_by)};
}

// The better of two answers to "does any of these select it?".
Membership either(const Membership &a, const Membership &b) {
  if (a.yes() || b.yes()) return yes();
  if (a.unknown()) return a;
  return b;
}

// Every key of `wanted` has the same value in `tags`.
Membership labels_match(const Node &wanted, const Tags &tags) {
  if (!wanted.is_map() || wanted.entries.empty()) return no();
  Membership out = yes();
  for (const auto &w : wanted.entries) {
    const MapEntry *have = tags.entry(w.key);
    if (!have) {
      if (!tags.unknown_for(w.key)) return no();
      out = unknown(tags.blocked_by);
      continue;
    }
    if (is_unknown_value(have->value)) {
      out = unknown(unknown_input(have->value));
      continue;
    }
    if (!have->value.is_scalar() || have->value.scalar_text() != w.value.scalar_text()) return no();
  }
  return out;
}

bool in_module(const std::string &module_path, const std::string &wanted) {
  if (wanted.empty() || module_path.size() < wanted.size()) return false;
  if (module_path.compare(0, wanted.size(), wanted) != 0) return false;
  return module_path.size() == wanted.size() || module_path[wanted.size()] == '.' ||
         module_path[wanted.size()] == '[';
}

}  // namespace

Membership selects(const Node &selector, const IndexedResource &r) {
  Membership out = no();
  for (const Node *m : read_attribute(&selector, "modules", kFirstElement).elements())
    if (m->is_string() && in_module(r.module_path, m->text)) return yes();
  const Node *tags = selector.get("tags");
  const Node *k8s = selector.get("k8sLabels");
  if (r.resource->format == DocKind::Kubernetes) {
    if (k8s)
      out = either(out, labels_match(*k8s, r.tags));
    else if (tags)
      out = either(out, labels_match(*tags, r.tags));
  } else if (tags) {
    out = either(out, labels_match(*tags, r.tags));
  }
  return out;
}

Binding::Binding(const AgreementView &agreement, const ResourceIndex &index)
    : agreement_(&agreement), index_(&index) {
  const Project &project = index.project();
  const std::string &path = agreement.document().path;
  bound_units_.assign(project.units.size(), false);
  if (auto named = project.agreement_units.find(path); named != project.agreement_units.end()) {
    for (uint32_t u : named->second)
      if (u < bound_units_.size()) bound_units_[u] = true;
    return;
  }
  const size_t slash = path.rfind('/');
  const std::string dir = slash == std::string::npos ? "" : path.substr(0, slash);
  for (size_t u = 0; u < project.units.size(); ++u)
    bound_units_[u] = path_at_or_below(project.units[u].dir(), dir);
}

bool Binding::binds_unit_of(const IndexedResource &r) const {
  const uint32_t u = r.resource->unit;
  return u >= bound_units_.size() || bound_units_[u];
}

Membership Binding::service_membership(size_t service, const IndexedResource &r) const {
  const auto &services = agreement_->services();
  if (services[service].selector) return selects(*services[service].selector, r);
  // No selector: whatever no other service selects.
  Membership other = no();
  for (size_t i = 0; i < services.size(); ++i)
    if (i != service && services[i].selector) other = either(other, selects(*services[i].selector, r));
  if (other.yes()) return no();
  if (other.unknown()) return other;
  return yes();
}

Membership Binding::in_scope(const IndexedResource &r) const {
  if (!binds_unit_of(r)) return no();
  const auto &services = agreement_->services();
  if (services.empty()) return yes();
  Membership out = no();
  for (size_t i = 0; i < services.size(); ++i) {
    out = either(out, service_membership(i, r));
    if (out.yes()) break;
  }
  return out;
}

Membership Binding::in_service(std::string_view service_id, const IndexedResource &r) const {
  if (!binds_unit_of(r)) return no();
  const auto &services = agreement_->services();
  for (size_t i = 0; i < services.size(); ++i)
    if (!service_id.empty() && services[i].id == service_id) return service_membership(i, r);
  return in_scope(r);
}

}  // namespace clause::crossdoc
