#pragma once
// What the resource-by-resource rules found in the resources of one
// deployment unit: the share of an evaluation that the unit level of the
// cache keeps (checker/cache/unit_cache.h) and a warm scan takes back
// instead of judging the unit's resources again.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "checker/model/finding.h"
#include "checker/model/report.h"

namespace clause {

struct UnitFindings {
  // In the order the rules built them: resource by resource, the unit's
  // resources in the project's order. The counts say how many each
  // resource built, so that a warm scan puts them back where an uncached
  // evaluation builds them (the report's sort leaves equal findings in that
  // order).
  std::vector<Finding> findings;
  std::vector<Finding> undecided;  // built with --strict only
  std::vector<uint32_t> findings_per_resource;
  std::vector<uint32_t> undecided_per_resource;
  std::map<std::string, RuleTally> tallies;  // by rule id
};

}  // namespace clause
