#include "reporters/compliance_summary.h"

#include <gtest/gtest.h>

#include "sample_report.h"

namespace clause {
namespace {

RuleInfo rule(const std::string &id, const std::string &scenario, Severity severity = Severity::Medium) {
  RuleInfo r;
  r.id = id;
  r.name = "test." + id;
  r.scenario = scenario;
  r.title = "Rule " + id;
  r.severity = severity;
  return r;
}

Finding finding(const std::string &rule_id, Severity severity, uint32_t line) {
  Finding f;
  f.rule_id = rule_id;
  f.severity = severity;
  f.location = {"main.tf", testing::span(line, 1, line, 10)};
  f.message = rule_id + " fails";
  f.resource = "res." + std::to_string(line);
  return f;
}

const ScenarioSummary &scenario(const RootCompliance &rc, std::string_view sc) {
  for (const ScenarioSummary &s : rc.scenarios)
    if (s.scenario == sc) return s;
  throw std::runtime_error("no scenario");
}

// One root that exercises every outcome:
//   5.1 two rules: one fails (high and low findings), one passes  -> fail
//   5.2 one rule whose only failure is suppressed                 -> pass
//   5.3 one rule that could not decide, one that passed            -> unknown
//   5.4 one rule with no target                                    -> n/a
//   5.5 one rule whose failure a baseline left out (tally only)    -> pass (suppressed)
//   5.6 a --strict undecided note only                             -> unknown
Report outcome_report() {
  Report report;
  report.rules = {rule("CL-0101", "5.1", Severity::High),
                  rule("CL-0102", "5.1"),
                  rule("CL-0201", "5.2"),
                  rule("CL-0301", "5.3"),
                  rule("CL-0302", "5.3"),
                  rule("CL-0401", "5.4"),
                  rule("CL-0501", "5.5"),
                  rule("CL-0601", "5.6"),
                  rule("CL-0000", "")};
  RootReport root;
  root.name = "svc";
  root.rule_tallies["CL-0101"] = RuleTally{3, 1, 2, 0};
  root.rule_tallies["CL-0102"] = RuleTally{4, 4, 0, 0};
  root.rule_tallies["CL-0201"] = RuleTally{1, 0, 1, 0};
  root.rule_tallies["CL-0301"] = RuleTally{2, 1, 0, 1};
  root.rule_tallies["CL-0302"] = RuleTally{1, 1, 0, 0};
  root.rule_tallies["CL-0501"] = RuleTally{1, 0, 1, 0};
  root.rule_tallies["CL-0601"] = RuleTally{1, 0, 0, 1};
  root.findings.push_back(finding("CL-0101", Severity::High, 1));
  root.findings.push_back(finding("CL-0101", Severity::Low, 2));
  Finding suppressed = finding("CL-0201", Severity::Medium, 3);
  suppressed.suppression = Suppression{"inSource", "accepted risk", {"main.tf", testing::span(2, 1, 2, 5)}};
  root.findings.push_back(suppressed);
  Finding undecided = finding("CL-0601", Severity::Info, 4);
  undecided.undecided = true;
  root.findings.push_back(undecided);
  root.findings.push_back(finding("CL-0000", Severity::Medium, 5));  // no scenario: counted nowhere
  report.roots.push_back(root);
  return report;
}

TEST(ComplianceSummary, RuleOutcomes) {
  const Report report = outcome_report();
  const auto results = rule_results(report.roots[0], report.rules);
  const auto outcome = [&](const char *id) { return results.at(id).outcome; };
  EXPECT_EQ(outcome("CL-0101"), RuleOutcome::Failed);
  EXPECT_EQ(outcome("CL-0102"), RuleOutcome::Passed);
  EXPECT_EQ(outcome("CL-0201"), RuleOutcome::Suppressed);
  EXPECT_EQ(outcome("CL-0301"), RuleOutcome::Unknown);
  EXPECT_EQ(outcome("CL-0302"), RuleOutcome::Passed);
  EXPECT_EQ(outcome("CL-0401"), RuleOutcome::NotApplicable);
  EXPECT_EQ(outcome("CL-0501"), RuleOutcome::Suppressed);
  EXPECT_EQ(outcome("CL-0601"), RuleOutcome::Unknown);
  EXPECT_EQ(results.at("CL-0101").findings, 2u);
  EXPECT_EQ(results.at("CL-0101").worst, Severity::High);
  EXPECT_EQ(results.at("CL-0201").suppressed, 1u);
  EXPECT_EQ(results.at("CL-0601").undecided, 1u);
  EXPECT_STREQ(rule_outcome_name(RuleOutcome::NotApplicable), "n/a");
}

TEST(ComplianceSummary, ScenarioCountsAndStatus) {
  const Report report = outcome_report();
  const RootCompliance rc = root_compliance(report, report.roots[0]);
  EXPECT_EQ(rc.root, "svc");

  const ScenarioSummary &s1 = scenario(rc, "5.1");
  EXPECT_EQ(s1.status, ScenarioStatus::Fail);
  EXPECT_EQ(s1.rules, 2u);
  EXPECT_EQ(s1.evaluated(), 2u);
  EXPECT_EQ(s1.failed, 1u);
  EXPECT_EQ(s1.passed, 1u);
  EXPECT_EQ(s1.failed_by_severity[static_cast<size_t>(Severity::High)], 1u);
  EXPECT_EQ(s1.findings[static_cast<size_t>(Severity::High)], 1u);
  EXPECT_EQ(s1.findings[static_cast<size_t>(Severity::Low)], 1u);
  EXPECT_EQ(s1.targets.targets, 7u);
  EXPECT_EQ(s1.targets.passed, 5u);
  EXPECT_EQ(s1.targets.failed, 2u);

  const ScenarioSummary &s2 = scenario(rc, "5.2");
  EXPECT_EQ(s2.status, ScenarioStatus::Pass);
  EXPECT_EQ(s2.suppressed, 1u);
  EXPECT_EQ(s2.suppressed_findings, 1u);
  EXPECT_EQ(s2.findings[static_cast<size_t>(Severity::Medium)], 0u);

  const ScenarioSummary &s3 = scenario(rc, "5.3");
  EXPECT_EQ(s3.status, ScenarioStatus::Unknown);
  EXPECT_EQ(s3.unknown, 1u);
  EXPECT_EQ(s3.passed, 1u);
  EXPECT_EQ(s3.targets.unknown, 1u);

  const ScenarioSummary &s4 = scenario(rc, "5.4");
  EXPECT_EQ(s4.status, ScenarioStatus::NotApplicable);
  EXPECT_EQ(s4.rules, 1u);
  EXPECT_EQ(s4.not_applicable, 1u);
  EXPECT_EQ(s4.evaluated(), 0u);

  EXPECT_EQ(scenario(rc, "5.5").status, ScenarioStatus::Pass);
  EXPECT_EQ(scenario(rc, "5.5").suppressed, 1u);
  const ScenarioSummary &s6 = scenario(rc, "5.6");
  EXPECT_EQ(s6.status, ScenarioStatus::Unknown);
  EXPECT_EQ(s6.findings[static_cast<size_t>(Severity::Info)], 0u);  // a note is not a finding here

  for (const char *sc : {"5.7", "5.8", "5.15"}) {
    EXPECT_EQ(scenario(rc, sc).status, ScenarioStatus::NotApplicable) << sc;
    EXPECT_EQ(scenario(rc, sc).rules, 0u) << sc;
  }
  EXPECT_EQ(rc.status, ScenarioStatus::Fail);
}

TEST(ComplianceSummary, RollupAcrossRoots) {
  Report report = outcome_report();
  RootReport clean;
  clean.name = "clean";
  clean.rule_tallies["CL-0101"] = RuleTally{1, 1, 0, 0};
  report.roots.push_back(clean);
  const ComplianceSummary s = compliance_summary(report);
  ASSERT_EQ(s.roots.size(), 2u);
  EXPECT_EQ(s.roots[1].status, ScenarioStatus::Pass);
  EXPECT_EQ(s.roots_by_status[static_cast<size_t>(ScenarioStatus::Fail)], 1u);
  EXPECT_EQ(s.roots_by_status[static_cast<size_t>(ScenarioStatus::Pass)], 1u);
  const ScenarioRollup &r1 = s.scenarios[0];
  EXPECT_EQ(r1.scenario, "5.1");
  EXPECT_EQ(r1.rules, 2u);
  EXPECT_EQ(r1.status, ScenarioStatus::Fail);
  EXPECT_EQ(r1.roots_by_status[static_cast<size_t>(ScenarioStatus::Fail)], 1u);
  EXPECT_EQ(r1.roots_by_status[static_cast<size_t>(ScenarioStatus::Pass)], 1u);
  EXPECT_EQ(r1.findings[static_cast<size_t>(Severity::High)], 1u);
  const ScenarioRollup &r4 = s.scenarios[3];
  EXPECT_EQ(r4.roots_by_status[static_cast<size_t>(ScenarioStatus::NotApplicable)], 2u);
  EXPECT_EQ(s.status, ScenarioStatus::Fail);
}

TEST(ComplianceSummary, EmptyReport) {
  const ComplianceSummary s = compliance_summary(Report{});
  EXPECT_TRUE(s.roots.empty());
  EXPECT_EQ(s.status, ScenarioStatus::NotApplicable);
  EXPECT_STREQ(scenario_status_name(ScenarioStatus::Unknown), "unknown");
}

}  // namespace
}  // namespace clause
