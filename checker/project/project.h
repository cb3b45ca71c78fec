#pragma once
// Everything known about one scan root after parsing: its documents and the
// infrastructure resources normalised out of them.
#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "checker/model/document.h"
#include "checker/model/report.h"
#include "checker/model/resource.h"

namespace clause {

// A resource that refers to others, found by Terraform evaluation: `from`
// holds, somewhere in its attribute `attribute` (dotted path of map keys,
// "bucket", "rule.destination.bucket"), a reference to each resource of
// group `to` (ResourceReferences::groups) but itself. Indexes are into
// Project::resources.
struct ResourceLink {
  size_t from = 0;
  uint32_t to = 0;  // a group
  std::string attribute;
  bool certain = true;  // false when the reference's instance key was not known
};

// The references graph between resources (built by
// checker/terraform/references.cpp), and the queries rules use on it.
//
// A reference points at a group of resources of one type: those with one
// address, the instances of one counted resource, or those sharing a name
// (`bucket = "logs"` and every aws_s3_bucket named "logs"). Each reference
// is one link to its group, resolved to resources only when queried, so k
// resources that share a name, or k instances referred to by a splat, cost
// O(k) links and not k².
struct ResourceReferences {
  // Group g's resources, in increasing order, are
  // group_members[group_start[g] .. group_start[g + 1]).
  std::vector<uint32_t> group_start;
  std::vector<size_t> group_members;
  // Per resource: the groups it is in (its address, its address without
  // instance key, its name), ascending; kNoGroup where there are fewer.
  static constexpr uint32_t kNoGroup = UINT32_MAX;
  std::vector<std::array<uint32_t, 3>> groups_of;
  std::vector<ResourceLink> links;  // sorted by (to, attribute, type of from, from)
  std::vector<uint32_t> by_from;    // indexes into `links`, sorted by (from, attribute, to)
  // An attribute whose value is unknown without naming a resource: it may
  // point at any resource of its module instance.
  struct Open {
    uint32_t instance = 0;
    size_t from = 0;
    std::string attribute;
  };
  std::vector<Open> open;  // sorted by (instance, from, attribute)
  // Indexes into `open`, sorted by (instance, attribute, type of from,
  // from): the open attributes a `referrers` query can match, without
  // reading every other open attribute of the instance (a root module of
  // 10,000 resources).
  std::vector<uint32_t> open_by_attribute;
  // Per resource: the module instance it belongs to (same number, same
  // instance); empty when nothing was evaluated.
  std::vector<uint32_t> module_instance;

  struct Related {
    const Resource *resource = nullptr;  // nullptr: some resource that is not known
    bool certain = true;                 // false: the link itself is not known
  };
  // Resources of `type` whose attribute `via` refers to `target`; uncertain
  // ones too: a reference whose key is unknown, or an unknown `via` in the
  // target's module instance.
  // `with_open` false: only the resources linked to `target`, without the
  // open attributes (open_referrers lists those).
  std::vector<Related> referrers(const std::vector<Resource> &resources, size_t target, std::string_view type,
                                 std::string_view via, bool with_open = true) const;
  // The open attributes `via` of resources of `type` in `target`'s module
  // instance (indexes into `open`, by resource): what may refer to `target`
  // without a known link. Every resource of one module instance gets the
  // same range (its begin identifies it), so a caller can judge those
  // resources once for all of them instead of once per target: k buckets
  // and k versioning resources with unknown `bucket` are k judgements, not
  // k². The range may hold `target` itself.
  std::span<const uint32_t> open_referrers(const std::vector<Resource> &resources, size_t target,
                                           std::string_view type, std::string_view via) const;
  // Resources of `type` that `source`'s attribute `via` refers to (a null
  // resource, uncertain, when `via` is unknown).
  std::vector<Related> referenced(const std::vector<Resource> &resources, size_t source,
                                  std::string_view type, std::string_view via) const;
};

namespace crossdoc {
class ResourceIndex;
}
namespace infra {
struct KubernetesIndex;
struct TerraformLayout;
}  // namespace infra

struct Project {
  std::string root_abs;
  std::vector<DocumentPtr> documents;  // sorted by path
  std::vector<Resource> resources;     // sorted by document path, then position
  // Deployment units (checker/project/units.h); Resource::unit indexes it.
  std::vector<Unit> units;
  // Agreements that `.clause.yaml` binds to named units (agreement document
  // path -> indexes into `units`); any other agreement binds the units at or
  // below its directory.
  std::map<std::string, std::vector<uint32_t>> agreement_units;
  std::vector<FileDiagnostic> diagnostics;
  // Shown with --strict only: what the scan saw but did not judge (a remote
  // kustomize base, a generator).
  std::vector<FileDiagnostic> strict_notes;
  // Files that findings may point into without being inputs of their own:
  // kustomize patches and kustomizations that are not Kubernetes objects.
  std::vector<DocumentPtr> support_documents;
  std::map<std::string, size_t> files_by_kind;
  ResourceReferences references;
  // Where documents that do not name their region are deployed
  // (CloudFormation stacks, Kubernetes clusters): region by document path,
  // from configuration. A document not listed has an unknown location.
  std::map<std::string, std::string> deployment_regions;
  // The cross-document resource index, built on first use by
  // crossdoc::resource_index() and shared by every cross-document rule.
  mutable std::shared_ptr<const crossdoc::ResourceIndex> resource_index;
  // Provider blocks and module calls, built on first use by
  // infra::terraform_layout() and shared by the account-level checks.
  mutable std::shared_ptr<const infra::TerraformLayout> terraform_layout;
  // Kubernetes objects by kind, unit and namespace, built on first use by
  // infra::kubernetes_index() and shared by the Kubernetes checks.
  mutable std::shared_ptr<const infra::KubernetesIndex> kubernetes_index;

  // A document or support document by path.
  const Document *find_document(std::string_view path) const;
  const Unit *unit_of(const Resource &r) const { return r.unit < units.size() ? &units[r.unit] : nullptr; }
};

}  // namespace clause
