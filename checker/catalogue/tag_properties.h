#pragma once
// Where each kind of resource keeps its tags or labels: provider facts as
// data, read by the tag reader (resource_tags.h). One row per property; a
// resource reads every row that applies to its format and type.
#include <string_view>
#include <vector>

#include "checker/model/document.h"
#include "checker/model/resource.h"

namespace clause::catalogue {

enum class TagShape : uint8_t {
  Map,             // {key: value}: Terraform tags/labels, Kubernetes labels
  KeyValueList,    // [{Key: k, Value: v}]: CloudFormation Tags
  KeyValueBlocks,  // repeated blocks or objects {key = k, value = v}: Terraform `tag` of an autoscaling group
};

struct TagProperty {
  DocKind format;         // Terraform rows apply to plans too
  ProviderFamily family;  // Other: any provider of the format
  std::string_view type;  // "" = every type of the format and family
  std::string_view path;  // dotted path in the resource body; `*` fans out over a list
  TagShape shape;
};

// Every row, in the order they are read: a key found in an earlier row wins.
const std::vector<TagProperty> &tag_properties();

}  // namespace clause::catalogue
