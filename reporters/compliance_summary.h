#pragma once
// Where each scan root stands on each ISO/IEC 20000-9 scenario (5.1-5.15):
// how the scenario's rules fared there and one status, built from the
// engine's per-rule tallies, the findings and their suppressions. A pure
// function of the Report: every reporter that shows compliance reads this.
#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "checker/model/report.h"
#include "reporters/report_util.h"

namespace clause {

// Ordered from the best to the worst news, so the worst of several is the max.
enum class ScenarioStatus : uint8_t { NotApplicable, Pass, Unknown, Fail };

// "n/a", "pass", "unknown", "fail".
const char *scenario_status_name(ScenarioStatus status);

inline constexpr std::array<ScenarioStatus, 4> kStatusesWorstFirst = {
    ScenarioStatus::Fail, ScenarioStatus::Unknown, ScenarioStatus::Pass, ScenarioStatus::NotApplicable};

// How one rule fared on one root, the first that holds:
//   Failed        an unsuppressed finding (not a --strict "undecided" note);
//   Suppressed    findings, all suppressed; or failures the tally counts that
//                 no finding shows (a baseline or file filter left them out);
//   Unknown       a target it could not decide;
//   Passed        it judged targets and all passed;
//   NotApplicable no target of it is present.
enum class RuleOutcome : uint8_t { NotApplicable, Passed, Suppressed, Unknown, Failed };

const char *rule_outcome_name(RuleOutcome outcome);

struct ScenarioSummary {
  std::string scenario;  // "5.9"
  size_t rules = 0;      // rules of the report in this scenario
  size_t passed = 0;     // rules, by outcome
  size_t failed = 0;
  size_t suppressed = 0;
  size_t unknown = 0;
  size_t not_applicable = 0;
  SeverityCounts failed_by_severity{};  // failed rules by their most severe unsuppressed finding
  SeverityCounts findings{};            // unsuppressed findings by severity (undecided notes left out)
  size_t suppressed_findings = 0;
  RuleTally targets;  // the rules' tallies, summed
  // Fail when a rule failed; else Unknown when one could not decide; else
  // Pass when one was evaluated; else NotApplicable.
  ScenarioStatus status = ScenarioStatus::NotApplicable;

  size_t evaluated() const { return passed + failed + suppressed + unknown; }
};

struct RootCompliance {
  std::string root;                                       // RootReport::name
  std::array<ScenarioSummary, 15> scenarios;              // in kScenarios order
  ScenarioStatus status = ScenarioStatus::NotApplicable;  // the worst scenario status
};

// One scenario across all roots.
struct ScenarioRollup {
  std::string scenario;
  size_t rules = 0;
  std::array<size_t, 4> roots_by_status{};  // indexed by ScenarioStatus
  SeverityCounts findings{};
  size_t suppressed_findings = 0;
  ScenarioStatus status = ScenarioStatus::NotApplicable;  // the worst over roots
};

struct ComplianceSummary {
  std::vector<RootCompliance> roots;         // in report order
  std::array<ScenarioRollup, 15> scenarios;  // in kScenarios order
  std::array<size_t, 4> roots_by_status{};   // roots by their overall status
  ScenarioStatus status = ScenarioStatus::NotApplicable;
};

// One rule on one root: its outcome and what it was decided from.
struct RuleResult {
  RuleOutcome outcome = RuleOutcome::NotApplicable;
  RuleTally tally;                  // the engine's, zero when the rule judged nothing
  size_t findings = 0;              // unsuppressed, undecided notes left out
  size_t suppressed = 0;            // suppressed findings
  size_t undecided = 0;             // --strict notes
  Severity worst = Severity::Info;  // of the unsuppressed findings
};

// The result of every rule of `rules` on `root`, by rule id.
std::map<std::string, RuleResult, std::less<>> rule_results(const RootReport &root,
                                                            const std::vector<RuleInfo> &rules);

RootCompliance root_compliance(const Report &report, const RootReport &root);
ComplianceSummary compliance_summary(const Report &report);

}  // namespace clause
