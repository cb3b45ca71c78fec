#pragma once
// What a Terraform plan says about the objects already deployed: its
// `prior_state` (the state as refreshed before planning) and its
// `resource_drift` (what the refresh found changed outside Terraform).
//
// For a resource the plan keeps (actions `no-op` or `update`: the object
// exists and is not replaced), an attribute unknown after apply that the
// plan's `configuration` does not set keeps what the deployed object holds:
// the provider's default applies when an object is created, not to one that
// exists. Its value is taken from `prior_state`, with a note saying so.
//
// A planned value that equals what `resource_drift` found changed outside
// Terraform (and that the configuration does not set, so the plan keeps
// the change) is noted as such. A drift the plan reverts (the configuration
// sets the attribute) needs no note: the planned value is the configured one.
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "checker/model/node.h"
#include "checker/model/resource.h"

namespace clause {

inline constexpr const char *kDeployedNote = "as deployed: the plan's prior_state";
inline constexpr const char *kDriftNote = "changed outside Terraform: the plan's resource_drift";

// The deployed objects of a plan, by address; nullptr values are absent.
struct PlanState {
  std::unordered_map<std::string, const Node *> prior;  // prior_state `values` of each resource
  struct Drift {
    const Node *before = nullptr;
    const Node *after = nullptr;
  };
  std::unordered_map<std::string, Drift> drift;
  std::unordered_map<std::string, std::vector<std::string>> actions;  // resource_changes actions

  // Whether the plan keeps the deployed object of `address` (no-op, update).
  bool keeps(const std::string &address) const;
};

PlanState plan_state(const Node &root);

// For a resource the plan keeps: replaces in `body` each value unknown after
// apply that `expressions` (the configuration) does not set with the value
// `prior` holds, and adds a note for each to `notes` (a drift note when
// `drift` changed that attribute). Nested blocks are followed as in the
// configuration.
void take_deployed_values(Node &body, const Node &expressions, const Node &prior,
                          const PlanState::Drift *drift, std::vector<AssumedDefault> &notes);

// Notes each attribute of `body` whose planned value is the one `drift`
// found changed outside Terraform, unless `expressions` (nullptr: no
// configuration section) sets it.
void note_drift(const Node &body, const Node *expressions, const PlanState::Drift &drift,
                std::vector<AssumedDefault> &notes);

}  // namespace clause
