#pragma once
// Patches written inline in a kustomization (`patch: |-` and YAML strings
// in patchesStrategicMerge): parsed, with every span moved to where the text
// stands in the kustomization file, so a finding on a value a patch sets
// points at that line of the kustomization.
#include <vector>

#include "checker/model/document.h"

namespace clause::kustomize {

// The documents of the patch held by `text` (a string node of `kustomization`).
// A literal block scalar (`|`, `|-`) maps line for line; any other string
// maps every value to the string itself. Parse errors give no documents.
std::vector<Node> parse_inline_patch(const Document &kustomization, const Node &text);

}  // namespace clause::kustomize
