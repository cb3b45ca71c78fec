#pragma once
// Which resources an agreement's promises apply to. A service's
// `infraSelector` binds it to resources: `tags` (cloud tags or labels, all
// must match; Kubernetes labels too when `k8sLabels` is not given),
// `k8sLabels` (Kubernetes metadata.labels, all must match) and `modules`
// (Terraform module paths); a resource matching any of the three belongs to
// the service. A service without a selector covers every resource no other
// service of the agreement selects; an agreement without services covers
// every deployment unit it binds. Tags that cannot be known make the
// binding unknown, so rules do not fire on it (--strict names the tags).
//
// An agreement binds the deployment units at or below its own directory
// (one at the top of the scan root binds them all), or the units
// `.clause.yaml` names for it (Project::agreement_units); a resource of a
// unit it does not bind is never in its scope.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "checker/crossdoc/agreement_view.h"
#include "checker/crossdoc/resource_index.h"

namespace clause::crossdoc {

struct Membership {
  enum class State : uint8_t { No, Unknown, Yes };
  State state = State::No;
  std::string blocked_by;  // Unknown: what hides the tags

  bool yes() const { return state == State::Yes; }
  bool no() const { return state == State::No; }
  bool unknown() const { return state == State::Unknown; }
};

// Whether `selector` (an infraSelector map) selects `r`.
Membership selects(const Node &selector, const IndexedResource &r);

class Binding {
 public:
  Binding(const AgreementView &agreement, const ResourceIndex &index);

  // Whether the agreement-wide promises (data location, retention, deletion,
  // ...) apply to `r`.
  Membership in_scope(const IndexedResource &r) const;
  // Whether `r` belongs to the service `service_id`; an id the agreement
  // does not list (or "") means the agreement-wide scope.
  Membership in_service(std::string_view service_id, const IndexedResource &r) const;

  using Scoped = std::pair<const IndexedResource *, Membership>;
  // The resources in scope (not No), in project order, filtered by `keep`.
  template <typename Keep>
  std::vector<Scoped> scope(Keep keep) const {
    std::vector<Scoped> out;
    for (const auto &r : index_->resources()) {
      if (!keep(r)) continue;
      Membership m = in_scope(r);
      if (!m.no()) out.emplace_back(&r, m);
    }
    return out;
  }
  template <typename Keep>
  std::vector<Scoped> service_scope(std::string_view service_id, Keep keep) const {
    std::vector<Scoped> out;
    for (const auto &r : index_->resources()) {
      if (!keep(r)) continue;
      Membership m = in_service(service_id, r);
      if (!m.no()) out.emplace_back(&r, m);
    }
    return out;
  }

  const AgreementView &agreement() const { return *agreement_; }
  const ResourceIndex &index() const { return *index_; }

 private:
  const AgreementView *agreement_;
  const ResourceIndex *index_;
  std::vector<bool> bound_units_;  // by unit index
  bool binds_unit_of(const IndexedResource &r) const;
  Membership service_membership(size_t service, const IndexedResource &r) const;
};

}  // namespace clause::crossdoc
