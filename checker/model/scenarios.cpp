#include "checker/model/scenarios.h"

namespace clause {

const std::vector<Scenario> &scenarios() {
  static const std::vector<Scenario> kScenarios = {
      {"5.1", "Context for service management of cloud services"},
      {"5.2", "Strategy and plan for management of cloud services"},
      {"5.3", "Provide a catalogue of cloud services"},
      {"5.4", "Identify and manage service requirements"},
      {"5.5", "Design and develop a new cloud service"},
      {"5.6", "Establish a service relationship with the cloud customer"},
      {"5.7", "Establish a cloud service agreement"},
      {"5.8", "Onboarding the customer"},
      {"5.9", "Deliver and operate the cloud services"},
      {"5.10", "Monitor and report cloud services"},
      {"5.11", "Manage resources for cloud services"},
      {"5.12", "Check and improve the SMS and cloud services"},
      {"5.13", "Terminate a cloud service contract"},
      {"5.14", "Transfer a cloud service"},
      {"5.15", "Remove a cloud service"},
  };
  return kScenarios;
}

}  // namespace clause
