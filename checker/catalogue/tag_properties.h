#pragma once
// Where each kind of resource keeps its tags or labels, as the tag reader
// (resource_tags.h) walks them: the provider catalogue's tag properties
// (catalogue/resources.yaml: each provider's, then each type's), one row per
// property; a resource reads every row that applies to its format and type.
#include <string_view>
#include <vector>

#include "checker/catalogue/provider_catalogue.h"
#include "checker/model/document.h"
#include "checker/model/resource.h"

namespace clause::catalogue {

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
