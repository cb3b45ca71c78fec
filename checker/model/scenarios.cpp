#include "checker/model/scenarios.h"

namespace clause {

const std::vector<Scenario> &scenarios() {
  // Short labels in our own words, and the longer names the rule pages use;
  // the standard is cited by clause number.
  static const std::vector<Scenario> kScenarios = {
      {"5.1", "context", "Context for service management of cloud services"},
      {"5.2", "strategy and plan", "Strategy and plan for management of cloud services"},
      {"5.3", "service catalogue", "Provide a catalogue of cloud services"},
      {"5.4", "service requirements", "Identify and manage service requirements"},
      {"5.5", "design and development", "Design and develop a new cloud service"},
      {"5.6", "customer relationship", "Establish a service relationship with the cloud customer"},
      {"5.7", "cloud service agreement", "Establish a cloud service agreement"},
      {"5.8", "customer onboarding", "Onboarding the customer"},
      {"5.9", "deliver and operate", "Deliver and operate the cloud services"},
      {"5.10", "monitor and report", "Monitor and report cloud services"},
      {"5.11", "resources and capacity", "Manage resources for cloud services"},
      {"5.12", "check and improve", "Check and improve the SMS and cloud services"},
      {"5.13", "contract termination", "Terminate a cloud service contract"},
      {"5.14", "service transfer", "Transfer a cloud service"},
      {"5.15", "service removal", "Remove a cloud service"},
  };
  return kScenarios;
}

}  // namespace clause
