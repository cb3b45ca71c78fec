#pragma once
// Findings on rendered objects. Each carries the kustomization that renders
// it as a related location; a base line reached through several
// kustomizations (two overlays of one base) is reported once, with every
// one of them as a related location, not once per overlay.
#include <vector>

#include "checker/model/finding.h"
#include "checker/model/resource.h"

namespace clause::kustomize {

inline constexpr const char *kRenderedByMessage = "rendered and deployed by this kustomization";

RelatedLocation rendered_by(const RenderedFrom &from);

// `findings` sorted by finding_less: merges findings of one rule at one
// location that come from renderings (they carry a rendered_by location).
void merge_rendered_findings(std::vector<Finding> &findings);

}  // namespace clause::kustomize
