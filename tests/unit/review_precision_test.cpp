// The classes of false and noisy findings the corpus review found
// (docs/corpus-review.md), each pinned by rule, line and exact message: what
// is reported instead, and what is no longer reported.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "checker/engine/rule_set.h"
#include "checker/scan/scanner.h"
#include "tests/unit/cli_run.h"

namespace clause {
namespace {

using testing::TempTree;

// "path:line RULE message" for every finding of rule `id` under `tree`.
std::vector<std::string> findings(const TempTree &tree, const std::string &id) {
  RuleSet rules = RuleSet::builtin();
  rules.filter([&](const Rule &r) { return r.info.id == id; });
  ScanOptions so;
  so.roots = {tree.path()};
  Report report = run_scan(rules, so);
  std::vector<std::string> out;
  for (const auto &d : report.roots.at(0).diagnostics)
    ADD_FAILURE() << d.path << ":" << d.diagnostic.span.start_line << ": " << d.diagnostic.message;
  for (const Finding &f : report.roots.at(0).findings)
    out.push_back(f.location.path + ":" + std::to_string(f.location.span.start_line) + " " + f.rule_id + " " +
                  f.message);
  return out;
}

TEST(ReviewPrecision, WrittenAttributeListWithoutAccessLogsIsNotCalledUnset) {
  TempTree t;
  t.write("lb.yaml", R"(Parameters:
  LogBucket:
    Type: String
    Default: ""
Conditions:
  HasLogBucket: !Not [!Equals [!Ref LogBucket, ""]]
Resources:
  Tuned:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      LoadBalancerAttributes:
        - Key: idle_timeout.timeout_seconds
          Value: "30"
  ByParameter:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      LoadBalancerAttributes:
        - Key: idle_timeout.timeout_seconds
          Value: "30"
        - Key: access_logs.s3.enabled
          Value: !If [HasLogBucket, "true", "false"]
  Bare:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Scheme: internal
)");
  EXPECT_EQ(
      findings(t, "CL-1003"),
      (std::vector<std::string>{
          "lb.yaml:11 CL-1003 Tuned does not send its operational logs anywhere "
          "(Properties.LoadBalancerAttributes is set, but has no access_logs.s3.enabled = true)",
          "lb.yaml:21 CL-1003 ByParameter does not send its operational logs anywhere "
          "(Properties.LoadBalancerAttributes is set, but has no access_logs.s3.enabled = true) (with the "
          "default of parameter LogBucket)",
          "lb.yaml:22 CL-1003 Bare does not send its operational logs anywhere "
          "(Properties.LoadBalancerAttributes is not set)",
      }));
}

TEST(ReviewPrecision, LegacyAksOmsAgentWrittenOffIsReportedWhereWritten) {
  TempTree t;
  t.write("aks.tf", R"(resource "azurerm_kubernetes_cluster" "legacy" {
  name = "legacy"
  addon_profile {
    oms_agent {
      enabled = false
    }
  }
}

resource "azurerm_kubernetes_cluster" "legacy_on" {
  name = "legacy-on"
  addon_profile {
    oms_agent {
      enabled = true
    }
  }
}

resource "azurerm_kubernetes_cluster" "none" {
  name = "none"
}
)");
  EXPECT_EQ(
      findings(t, "CL-1005"),
      (std::vector<std::string>{
          "aks.tf:5 CL-1005 azurerm_kubernetes_cluster.legacy collects no per-workload metrics "
          "(addon_profile.oms_agent.enabled is false)",
          "aks.tf:19 CL-1005 azurerm_kubernetes_cluster.none collects no per-workload metrics (oms_agent is "
          "not set)",
      }));
}

}  // namespace
}  // namespace clause
