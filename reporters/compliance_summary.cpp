#include "reporters/compliance_summary.h"

#include <algorithm>

namespace clause {
namespace {

size_t status_index(ScenarioStatus s) { return static_cast<size_t>(s); }

RuleOutcome outcome_of(const RuleResult &r) {
  if (r.findings != 0) return RuleOutcome::Failed;
  if (r.suppressed != 0 || r.tally.failed != 0) return RuleOutcome::Suppressed;
  if (r.tally.unknown != 0 || r.undecided != 0) return RuleOutcome::Unknown;
  if (r.tally.targets != 0) return RuleOutcome::Passed;
  return RuleOutcome::NotApplicable;
}

ScenarioStatus status_of(const ScenarioSummary &s) {
  if (s.failed != 0) return ScenarioStatus::Fail;
  if (s.unknown != 0) return ScenarioStatus::Unknown;
  if (s.passed + s.suppressed != 0) return ScenarioStatus::Pass;
  return ScenarioStatus::NotApplicable;
}

}  // namespace

const char *scenario_status_name(ScenarioStatus status) {
  switch (status) {
    case ScenarioStatus::NotApplicable: return "n/a";
    case ScenarioStatus::Pass: return "pass";
    case ScenarioStatus::Unknown: return "unknown";
    case ScenarioStatus::Fail: return "fail";
  }
  return "n/a";
}

const char *rule_outcome_name(RuleOutcome outcome) {
  switch (outcome) {
    case RuleOutcome::NotApplicable: return "n/a";
    case RuleOutcome::Passed: return "passed";
    case RuleOutcome::Suppressed: return "suppressed";
    case RuleOutcome::Unknown: return "unknown";
    case RuleOutcome::Failed: return "failed";
  }
  return "n/a";
}

std::map<std::string, RuleResult, std::less<>> rule_results(const RootReport &root,
                                                            const std::vector<RuleInfo> &rules) {
  std::map<std::string, RuleResult, std::less<>> results;
  for (const RuleInfo &rule : rules) {
    RuleResult &r = results[rule.id];
    if (auto it = root.rule_tallies.find(rule.id); it != root.rule_tallies.end()) r.tally = it->second;
  }
  for (const Finding &f : root.findings) {
    auto it = results.find(f.rule_id);
    if (it == results.end()) continue;  // a rule the report does not describe
    RuleResult &r = it->second;
    if (f.suppression) {
      ++r.suppressed;
    } else if (f.undecided) {
      ++r.undecided;
    } else {
      r.worst = r.findings == 0 ? f.severity : std::max(r.worst, f.severity);
      ++r.findings;
    }
  }
  for (auto &[id, r] : results) r.outcome = outcome_of(r);
  return results;
}

RootCompliance root_compliance(const Report &report, const RootReport &root) {
  RootCompliance out;
  out.root = root.name;
  for (size_t i = 0; i < kScenarios.size(); ++i) out.scenarios[i].scenario = kScenarios[i];
  const auto results = rule_results(root, report.rules);
  for (const RuleInfo &rule : report.rules) {
    auto slot = std::find(kScenarios.begin(), kScenarios.end(), rule.scenario);
    if (slot == kScenarios.end()) continue;  // meta rules and the like: no scenario
    ScenarioSummary &s = out.scenarios[static_cast<size_t>(slot - kScenarios.begin())];
    const RuleResult &r = results.find(rule.id)->second;
    ++s.rules;
    switch (r.outcome) {
      case RuleOutcome::NotApplicable: ++s.not_applicable; break;
      case RuleOutcome::Passed: ++s.passed; break;
      case RuleOutcome::Suppressed: ++s.suppressed; break;
      case RuleOutcome::Unknown: ++s.unknown; break;
      case RuleOutcome::Failed:
        ++s.failed;
        ++s.failed_by_severity[static_cast<size_t>(r.worst)];
        break;
    }
    s.suppressed_findings += r.suppressed;
    s.targets += r.tally;
  }
  const RuleIndex index(report.rules);
  for (const Finding &f : root.findings) {
    if (f.suppression || f.undecided) continue;
    const RuleInfo *rule = index.find(f.rule_id);
    if (rule == nullptr) continue;
    auto slot = std::find(kScenarios.begin(), kScenarios.end(), rule->scenario);
    if (slot == kScenarios.end()) continue;
    ++out.scenarios[static_cast<size_t>(slot - kScenarios.begin())].findings[static_cast<size_t>(f.severity)];
  }
  for (ScenarioSummary &s : out.scenarios) {
    s.status = status_of(s);
    out.status = std::max(out.status, s.status);
  }
  return out;
}

ComplianceSummary compliance_summary(const Report &report) {
  ComplianceSummary out;
  for (size_t i = 0; i < kScenarios.size(); ++i) {
    ScenarioRollup &r = out.scenarios[i];
    r.scenario = kScenarios[i];
    for (const RuleInfo &rule : report.rules)
      if (rule.scenario == r.scenario) ++r.rules;
  }
  for (const RootReport &root : report.roots) {
    RootCompliance rc = root_compliance(report, root);
    for (size_t i = 0; i < kScenarios.size(); ++i) {
      const ScenarioSummary &s = rc.scenarios[i];
      ScenarioRollup &r = out.scenarios[i];
      ++r.roots_by_status[status_index(s.status)];
      for (size_t k = 0; k < s.findings.size(); ++k) r.findings[k] += s.findings[k];
      r.suppressed_findings += s.suppressed_findings;
      r.status = std::max(r.status, s.status);
    }
    ++out.roots_by_status[status_index(rc.status)];
    out.status = std::max(out.status, rc.status);
    out.roots.push_back(std::move(rc));
  }
  return out;
}

}  // namespace clause
