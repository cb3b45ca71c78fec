#pragma once
// JSON patches (RFC 6902) as kustomize's patchesJson6902 and `patches`
// apply them: add, remove, replace, move, copy and test, with JSON pointer
// paths (`/spec/template/spec/containers/0/image`, `-` appends to a list).
#include <string>

#include "checker/kustomize/origins.h"
#include "checker/model/node.h"

namespace clause::kustomize {

// Applies the operations of `ops` (a list of maps) to `target` in order.
// Returns "" on success, else what went wrong (the first operation that
// could not be applied; the ones before it stay applied, as kustomize
// would have refused the whole build).
std::string apply_json_patch(Node &target, const Node &ops, const PatchSource &source);

}  // namespace clause::kustomize
