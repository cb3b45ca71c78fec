#pragma once
// A resource's tags (labels on Google Cloud and Kubernetes), read from every
// property the catalogue lists for its format and type (tag_properties.h)
// and merged into one map: AWS `tags` over `tags_all`, autoscaling-group
// `tag` blocks, CloudFormation `Tags`, EFS `FileSystemTags`, global-table
// replica tags, Google `labels`/`user_labels`, Kubernetes labels.
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "checker/model/node.h"
#include "checker/model/resource.h"

namespace clause::catalogue {

struct ResourceTags {
  // The tags that are known, each entry at the key as written (a
  // CloudFormation entry at its Key's value); a Map node. Null when the
  // resource has none written.
  std::shared_ptr<const Node> map;
  // Some tag property could not be evaluated (a variable, an intrinsic, a
  // merge with an unknown part): a key missing from `map` may still be set.
  bool unknown = false;
  std::string blocked_by;  // the first unknown property's text, for --strict

  const MapEntry *entry(std::string_view key) const { return map ? map->entry(key) : nullptr; }
  bool unknown_for(std::string_view key) const { return unknown && !entry(key); }
  // Whether the resource writes any tag property at all.
  bool written() const { return (map && !map->entries.empty()) || unknown; }
};

ResourceTags read_tags(const Resource &r);

}  // namespace clause::catalogue
