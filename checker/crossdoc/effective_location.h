#pragma once
// Where a resource's data lives (rule catalogue §3.0, effective location):
//  - Terraform AWS: the resource's own `region` (provider 6 enhanced region
//    support), else the `region` of the provider configuration it uses
//    (`provider = aws.x` selects an alias; a module without its own
//    configuration inherits its caller's, or the one its call passes in
//    `providers`);
//  - Google: the resource's `location` / `region` / `zone`, else the
//    provider's `region` / `zone`; azurerm: the resource's `location`;
//  - Terraform plan: the resource's values, else the plan's provider
//    configuration;
//  - CloudFormation and Kubernetes: the templates do not say; the region
//    comes from configuration (Project::deployment_regions), else unknown.
// A provider `region = var.x` takes the variable's literal default when the
// configuration is not evaluated otherwise. Anything else that cannot be
// known is Unknown with the expression that blocked it; it is never guessed.
#include <optional>
#include <string>
#include <vector>

#include "checker/model/resource.h"
#include "checker/project/project.h"

namespace clause::crossdoc {

struct EffectiveLocation {
  enum class State : uint8_t {
    None,     // no location concept (global resource, unknown provider)
    Unknown,  // it has one, but it cannot be known statically
    Known,
  };
  State state = State::None;
  std::string region;  // as written: "eu-central-1", "westeurope", "EU", "europe-west3-a"
  ProviderFamily family = ProviderFamily::Other;  // whose tables read `region` (Other: any)
  const Document *doc = nullptr;                  // where the value is written (nullptr: configuration)
  Span span;
  std::string via;         // "its region argument", "provider aws.replica", ...
  std::string blocked_by;  // Unknown: the expression or the missing setting

  bool known() const { return state == State::Known; }
  bool unknown() const { return state == State::Unknown; }
  // The countries the region may hold data in; nullopt when the region
  // tables do not know it (treat as unknown).
  std::optional<std::vector<std::string>> countries() const;
  // The region without an availability-zone suffix ("eu-central-1a" ->
  // "eu-central-1", "europe-west3-a" -> "europe-west3"), lower-case, for
  // telling regions apart.
  std::string region_key() const;
};

// The countries of a region written without saying whose it is (deployment
// tables, ARNs): tried against AWS, then Azure, then Google.
std::optional<std::vector<std::string>> countries_of_any_region(ProviderFamily family,
                                                                const std::string &region);
std::string region_key_of(ProviderFamily family, const std::string &region);

class LocationResolver {
 public:
  explicit LocationResolver(const Project &project);
  ~LocationResolver();
  LocationResolver(const LocationResolver &) = delete;
  LocationResolver &operator=(const LocationResolver &) = delete;

  EffectiveLocation resolve(const Resource &r) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace clause::crossdoc
