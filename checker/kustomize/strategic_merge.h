#pragma once
// Strategic merge patches, as kustomize applies them to Kubernetes objects:
// maps merge key by key (a null value removes the key), lists of objects
// with a merge key merge item by item (containers, volumes, env, ports,
// volumeMounts, ...), other lists are replaced; `$patch: delete` removes a
// map or a list item, `$patch: replace` replaces instead of merging.
#include <string_view>

#include "checker/kustomize/origins.h"
#include "checker/model/node.h"

namespace clause::kustomize {

// The field that identifies items of list `field` (whose items look like
// `sample`), or "" when such a list is replaced rather than merged.
std::string_view merge_key(std::string_view field, const Node &sample);

// Merges `patch` (a map) into `target`. Returns false when the patch deletes
// the whole object (`$patch: delete` at its top).
bool strategic_merge(Node &target, const Node &patch, const PatchSource &source);

// A copy of a patch value without `$patch` and other directives, tagged as
// written in the patch.
Node patch_copy(const Node &value, const PatchSource &source);

}  // namespace clause::kustomize
