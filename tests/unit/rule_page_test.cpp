// The header of a rule's page, generated from its rule file.
#include "checker/workflow/rule_page.h"

#include <gtest/gtest.h>

namespace clause {
namespace {

RuleInfo rule_info(std::string id, std::string name, std::string scenario, std::string title,
                   Severity severity, std::vector<std::string> formats) {
  RuleInfo info;
  info.id = std::move(id);
  info.name = std::move(name);
  info.scenario = std::move(scenario);
  info.title = std::move(title);
  info.severity = severity;
  info.formats = std::move(formats);
  return info;
}

TEST(RulePage, HeaderNamesScenarioSeverityProfilesAndFormatsInPageOrder) {
  // Formats as the loader sorts them; the page names the agreement first.
  RuleInfo info =
      rule_info("CL-0970", "ops.x-rpo", "5.9", "Backups are frequent enough for the promised recovery point",
                Severity::Critical, {"cloudformation", "agreement", "terraform"});
  info.kind = RuleKind::CrossDocument;
  info.profiles = {"recommended", "account"};
  EXPECT_EQ(
      rule_page_header(info),
      "# CL-0970 ops.x-rpo\n\n"
      "**Scenario:** 5.9 Deliver and operate the cloud services · **Severity:** critical · **Profile:** "
      "recommended, account · **Reads:** agreement, Terraform, CloudFormation · **Kind:** cross-document\n\n"
      "Backups are frequent enough for the promised recovery point.\n");
}

TEST(RulePage, InfrastructureRuleWithoutProfilesIsRecommendedAndKeepsItsFullStop) {
  const RuleInfo info = rule_info("CL-1103", "res.k8s-limits", "5.11", "Containers declare resource limits.",
                                  Severity::Low, {"kubernetes"});
  EXPECT_EQ(rule_page_header(info),
            "# CL-1103 res.k8s-limits\n\n"
            "**Scenario:** 5.11 Manage resources for cloud services · **Severity:** low · **Profile:** "
            "recommended · **Reads:** Kubernetes\n\n"
            "Containers declare resource limits.\n");
}

}  // namespace
}  // namespace clause
