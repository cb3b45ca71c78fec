#include "checker/model/scenarios.h"

namespace clause {

const std::vector<Scenario> &scenarios() {
  // Short labels in our own words; the standard is cited by clause number.
  static const std::vector<Scenario> kScenarios = {
      {"5.1", "context"},
      {"5.2", "strategy and plan"},
      {"5.3", "service catalogue"},
      {"5.4", "service requirements"},
      {"5.5", "design and development"},
      {"5.6", "customer relationship"},
      {"5.7", "cloud service agreement"},
      {"5.8", "customer onboarding"},
      {"5.9", "deliver and operate"},
      {"5.10", "monitor and report"},
      {"5.11", "resources and capacity"},
      {"5.12", "check and improve"},
      {"5.13", "contract termination"},
      {"5.14", "service transfer"},
      {"5.15", "service removal"},
  };
  return kScenarios;
}

}  // namespace clause
