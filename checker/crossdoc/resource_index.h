#pragma once
// The resource index the cross-document rules share, built once per
// Project: for each infrastructure resource its provider family, effective
// location, tags or labels, module path, whether it holds customer data, and
// lookups by address, by type and by the name other resources use for it
// (bucket names, ARNs). It reads resource bodies as they are in the model,
// so Terraform evaluation (evaluated bodies, reference unknowns) benefits it
// without changes here.
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "checker/crossdoc/effective_location.h"
#include "checker/model/resource.h"
#include "checker/project/project.h"

namespace clause::crossdoc {

// Tags (AWS tags_all / tags, azurerm tags), labels (Google labels, Kubernetes
// metadata.labels) or CloudFormation Tags, as one map. A key the resource
// sets itself is known even when the full set is not (AWS provider
// default_tags can add keys, never override the resource's own).
struct Tags {
  enum class State : uint8_t { None, Unknown, Known };
  State state = State::None;  // of the full set
  const Node *map = nullptr;  // Known: a Map of key -> value
  const Node *own = nullptr;  // the resource's own tags (a Map), if written
  std::string blocked_by;     // Unknown: the expression that hides them

  // The entry for `key`: the resource's own, else from the full set when
  // it is known; nullptr when absent or not known (see unknown_for).
  const MapEntry *entry(std::string_view key) const;
  // Whether `key` may be set by a part that is not known.
  bool unknown_for(std::string_view key) const;
  // The value of `key` as text, when entry() has a scalar.
  std::optional<std::string> value(std::string_view key) const;
};

struct IndexedResource {
  const Resource *resource = nullptr;
  size_t index = 0;  // rank in file and source order (see the constructor)
  ProviderFamily family = ProviderFamily::Other;
  EffectiveLocation location;
  Tags tags;
  bool data_bearing = false;  // the catalogue's data-bearing set (§3.0)
  // Terraform module path ("module.db", "module.a.module.b[0]"), "" in the
  // root module and for other formats.
  std::string module_path;

  const std::string &type() const { return resource->type; }
  const std::string &address() const { return resource->address; }
  const Node *body() const { return resource->body; }
  const Document &document() const { return *resource->document; }
};

// Whether a resource type holds customer data (§3.0 data-bearing set), for
// Terraform (HCL and plan), CloudFormation and Kubernetes types.
bool is_data_bearing(DocKind format, std::string_view type);

class ResourceIndex {
 public:
  explicit ResourceIndex(const Project &project);

  // Infrastructure resources in project order (agreement pseudo-resources
  // are not in the index).
  const std::vector<IndexedResource> &resources() const { return resources_; }
  const IndexedResource *of(const Resource &r) const;
  std::vector<const IndexedResource *> of_type(std::string_view type) const;

  // The resources a value refers to: a Terraform reference
  // (`aws_s3_bucket.b.arn`, `aws_subnet.a[*].id`, an evaluated reference
  // unknown) resolved from `from`'s module; or a known string naming a
  // resource of one of `types` by its name or ARN (bucket, vault, ...).
  // Empty when the value names nothing the index knows.
  std::vector<const IndexedResource *> referenced(const IndexedResource &from, const Node &value,
                                                  std::initializer_list<std::string_view> types) const;
  // Resources of `type` that refer to `target` in attribute `via` (dotted
  // path), e.g. the aws_s3_bucket_versioning whose `bucket` is this bucket.
  std::vector<const IndexedResource *> referrers(const IndexedResource &target, std::string_view type,
                                                 std::string_view via) const;
  // Whether any infrastructure (not only agreements) is in the project.
  bool has_infrastructure() const { return !resources_.empty(); }
  const Project &project() const { return *project_; }

 private:
  const Project *project_;
  std::vector<IndexedResource> resources_;
  std::vector<std::shared_ptr<const Node>> owned_;  // tag maps built from CloudFormation lists
  std::unordered_map<const Resource *, size_t> by_resource_;
  std::unordered_multimap<std::string, size_t> by_address_;  // full and without instance key
  std::unordered_multimap<std::string, size_t> by_type_;
  std::unordered_multimap<std::string, size_t> by_name_;  // "<type>\x1f<name>"

  std::vector<const IndexedResource *> by_address(const IndexedResource &from,
                                                  const std::string &address) const;
};

// The index of `project`, built on first use and kept in the project.
const ResourceIndex &resource_index(const Project &project);

}  // namespace clause::crossdoc
