// Scenario 5.12: configuration is checked continuously, not only by this
// scanner at commit time.
#include "checker/rules/infrastructure/infra_support.h"

namespace clause::infra {
namespace {

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// CL-1201 imp.continuous-compliance
void continuous_compliance(const NativeCheckContext &ctx) {
  report_missing_controls(
      ctx,
      {{ProviderFamily::Aws,
        "AWS Config is not recording and evaluating this account (no aws_config_configuration_recorder with "
        "a "
        "config rule or conformance pack); drift after deployment goes unnoticed",
        nullptr,
        [](const std::vector<const Resource *> &unit) {
          bool recorder = false, rules = false;
          for (const Resource *r : unit) {
            recorder = recorder || is_type(*r, {"aws_config_configuration_recorder",
                                                "AWS::Config::ConfigurationRecorder"});
            rules = rules || is_type(*r, {"aws_config_config_rule", "aws_config_conformance_pack",
                                          "aws_config_organization_managed_rule",
                                          "aws_config_organization_custom_rule",
                                          "aws_config_organization_conformance_pack",
                                          "AWS::Config::ConfigRule", "AWS::Config::ConformancePack"});
          }
          return recorder && rules;
        }},
       {ProviderFamily::Azure,
        "No Azure Policy assignment is defined; deployed resources are not continuously evaluated against "
        "policy",
        [](const Resource &r) {
          return starts_with(r.type, "azurerm_") && r.type.size() > 18 &&
                 r.type.compare(r.type.size() - 18, 18, "_policy_assignment") == 0;
        }},
       {ProviderFamily::Google,
        "No organisation policy is defined (google_org_policy_policy or an *_organization_policy); deployed "
        "resources are not constrained or evaluated continuously",
        [](const Resource &r) {
          return r.type == "google_org_policy_policy" || r.type == "google_organization_policy" ||
                 r.type == "google_folder_organization_policy" ||
                 r.type == "google_project_organization_policy";
        }}});
}

const NativeCheckRegistrar kCompliance("CL-1201", &continuous_compliance);

}  // namespace
}  // namespace clause::infra
