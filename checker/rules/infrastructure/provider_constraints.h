#pragma once
// Terraform provider version constraints as CL-0202 judges them: where each
// module directory constrains a provider (required_providers, the legacy
// string form, a provider block's `version`), which local modules each
// directory calls, and whether a set of constraints bounds the version from
// above.
#include <map>
#include <set>
#include <string>
#include <vector>

#include "checker/model/document.h"
#include "checker/project/project.h"

namespace clause::infra {

struct ProviderConstraint {
  const Document *doc = nullptr;
  Span at;                 // the entry or attribute that states it
  std::string constraint;  // "" when the entry states none
};

struct ModuleProviders {
  // provider name -> where the directory names it, in source order
  std::map<std::string, std::vector<ProviderConstraint>> required;
  // provider blocks configured here: name -> the block header
  std::map<std::string, std::pair<const Document *, Span>> configured;
  bool backend = false;             // `terraform { backend ... }` or `cloud {}`: state is kept here
  bool receives_providers = false;  // `configuration_aliases`: its callers pass provider configurations

  // A configuration that is deployed from here, rather than a reusable
  // module (which configures no provider and keeps no state of its own, or
  // declares the provider configurations its callers pass in).
  bool deployable() const { return (backend || !configured.empty()) && !receives_providers; }
};

// Per directory of .tf files (relative to the scan root).
std::map<std::string, ModuleProviders> provider_constraints(const Project &project);

// Whether one of `constraints` caps the version ("~> 5.0", "< 6", "= 5.1.0",
// "5.1.0"): a new major release cannot be picked up unnoticed.
bool bounds_from_above(const std::vector<std::string> &constraints);

}  // namespace clause::infra
