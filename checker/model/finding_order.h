#pragma once
// Sorting a report's findings in finding_less order (finding.h), cheaply:
// the same permutation std::sort with finding_less makes, ties included.
#include <vector>

#include "checker/model/finding.h"

namespace clause {

// Exactly std::sort(findings, finding_less): the comparisons run on small
// keys (the ranks of the paths and rule ids, line, column) and reach the
// message and resource strings only when those agree; every comparison
// answers as finding_less would, so the sort makes the same moves, and the
// findings are moved once at the end instead of at every step.
void sort_findings(std::vector<Finding> &findings);

}  // namespace clause
