#pragma once
// A Terraform plan JSON made from evaluated .tf resources, as `terraform
// show -json` would write it for a first apply: `planned_values` (known
// values; values known only at apply marked in `resource_changes`'
// `after_unknown`) and `configuration` (each attribute written as a
// `constant_value` when known, as the `references` it holds otherwise, in
// the module that declares it). Every line of `planned_values` that holds a
// value knows the .tf line it came from, so findings on the plan map back
// to the source. Tests only: it stands in for a terraform binary.
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "checker/model/resource.h"

namespace clause::testing {

struct PlanFromHcl {
  std::string json;
  // plan line -> (.tf path, line) of the value or resource header written there
  std::map<uint32_t, std::pair<std::string, uint32_t>> source_line;
};

// `resources`: evaluated Terraform resources (other formats are skipped).
PlanFromHcl plan_from_hcl(const std::vector<Resource> &resources);

}  // namespace clause::testing
