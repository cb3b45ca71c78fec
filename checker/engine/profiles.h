#pragma once
// Rule profiles: named sets of rules a scan runs (docs/configuration.md,
// "Profiles"). A rule lists the profiles it belongs to in its YAML; a scan
// runs the rules of the profiles it selects, `recommended` by default.
//
//   recommended  per-resource rules that are right on real code and matter
//                in a workload repository, and every agreement and
//                cross-document rule (they fire only where an agreement is)
//   conventions  tag and label conventions (keys set in .clause.yaml)
//   account      controls owned by whoever runs the cloud account,
//                organisation or cluster: audit trail, budgets, contacts,
//                guardrails, continuous compliance, platform policy choices
//   all          every rule (not a profile a rule lists)
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace clause {

inline constexpr std::string_view kDefaultProfile = "recommended";
inline constexpr std::string_view kAllProfiles = "all";

// The profiles a rule may list, in the order `clause rules` shows them.
const std::vector<std::string> &known_profiles();

// Whether `name` is a profile a rule may list (not `all`).
bool is_known_profile(std::string_view name);

// Whether a rule listing `rule_profiles` runs under the selection `selected`
// (profile names, `all` included).
bool in_profiles(const std::vector<std::string> &rule_profiles, const std::vector<std::string> &selected);

// Checks a selection's names; returns the first unknown one.
std::optional<std::string> unknown_profile(const std::vector<std::string> &selected);

}  // namespace clause
