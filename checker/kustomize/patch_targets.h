#pragma once
// Which objects a patch applies to: those a `target:` selector matches
// (kind and name as regular expressions, group, version, namespace, and
// `key=value` label selectors), or, for a strategic merge patch without a
// target, the object of the patch's own kind and name (and namespace, when
// the patch names one).
#include <vector>

#include "checker/kustomize/kustomization.h"
#include "checker/kustomize/object.h"

namespace clause::kustomize {

bool selects(const Selector &selector, const Object &object);
std::vector<Object *> patch_targets(const Node &patch, const std::optional<Selector> &target,
                                    std::vector<Object> &objects);

}  // namespace clause::kustomize
