#include "reporters/report_json.h"

namespace clause {
namespace {

OrderedJson status_counts_json(const std::array<size_t, 4> &counts) {
  OrderedJson j = OrderedJson::object();
  for (ScenarioStatus s : kStatusesWorstFirst) j[scenario_status_name(s)] = counts[static_cast<size_t>(s)];
  return j;
}

OrderedJson scenario_json(const ScenarioSummary &s) {
  OrderedJson j;
  j["title"] = scenario_title(s.scenario);
  j["status"] = scenario_status_name(s.status);
  j["rules"] = s.rules;
  j["evaluated"] = s.evaluated();
  j["passed"] = s.passed;
  j["failed"] = s.failed;
  j["failedBySeverity"] = severity_counts_json(s.failed_by_severity);
  j["suppressed"] = s.suppressed;
  j["unknown"] = s.unknown;
  j["notApplicable"] = s.not_applicable;
  j["findings"] = severity_counts_json(s.findings);
  j["suppressedFindings"] = s.suppressed_findings;
  j["targets"] = OrderedJson{{"total", s.targets.targets},
                             {"passed", s.targets.passed},
                             {"failed", s.targets.failed},
                             {"unknown", s.targets.unknown}};
  return j;
}

}  // namespace

OrderedJson severity_counts_json(const SeverityCounts &counts) {
  OrderedJson j;
  for (Severity s : kSeveritiesDescending) j[severity_name(s)] = counts[static_cast<size_t>(s)];
  return j;
}

OrderedJson root_compliance_json(const RootCompliance &root) {
  OrderedJson scenarios;
  for (const ScenarioSummary &s : root.scenarios) scenarios[s.scenario] = scenario_json(s);
  return OrderedJson{{"status", scenario_status_name(root.status)}, {"scenarios", std::move(scenarios)}};
}

OrderedJson compliance_rollup_json(const ComplianceSummary &summary) {
  OrderedJson scenarios;
  for (const ScenarioRollup &r : summary.scenarios) {
    OrderedJson j;
    j["status"] = scenario_status_name(r.status);
    j["rules"] = r.rules;
    j["roots"] = status_counts_json(r.roots_by_status);
    j["findings"] = severity_counts_json(r.findings);
    j["suppressedFindings"] = r.suppressed_findings;
    scenarios[r.scenario] = std::move(j);
  }
  OrderedJson j;
  j["status"] = scenario_status_name(summary.status);
  j["roots"] = status_counts_json(summary.roots_by_status);
  j["scenarios"] = std::move(scenarios);
  return j;
}

}  // namespace clause
