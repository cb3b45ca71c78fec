#include "reporters/json_reporter.h"

#include <nlohmann/json.hpp>

#include "checker/model/finding_identity.h"
#include "reporters/compliance_summary.h"
#include "reporters/report_json.h"
#include "reporters/report_util.h"

namespace clause {
namespace {

using Json = OrderedJson;

Json location_json(const Location &loc) {
  Json j;
  j["path"] = loc.path;
  j["startLine"] = loc.span.start_line;
  j["startColumn"] = loc.span.start_col;
  j["endLine"] = loc.span.end_line;
  j["endColumn"] = loc.span.end_col;
  return j;
}

Json rule_json(const RuleInfo &rule) {
  Json j;
  j["id"] = rule.id;
  j["name"] = rule.name;
  j["scenario"] = rule.scenario;
  j["title"] = rule.title;
  j["severity"] = severity_name(rule.severity);
  j["kind"] = rule_kind_name(rule.kind);
  j["precision"] = rule.precision;
  j["formats"] = rule.formats;
  j["tags"] = rule.tags;
  if (!rule.profiles.empty()) j["profiles"] = rule.profiles;
  return j;
}

Json finding_json(const Finding &f, const RuleInfo *rule, const std::string &fingerprint) {
  Json j;
  j["ruleId"] = f.rule_id;
  j["ruleName"] = rule ? rule->name : std::string();
  j["scenario"] = rule ? rule->scenario : std::string();
  j["severity"] = severity_name(f.severity);
  j["message"] = f.message;
  j["resource"] = f.resource;
  if (!f.unit.empty()) j["unit"] = f.unit;
  j["location"] = location_json(f.location);
  j["snippet"] = f.snippet;
  j["fingerprint"] = fingerprint;
  Json related = Json::array();
  for (const RelatedLocation &r : f.related) {
    related.push_back(Json{{"location", location_json(r.location)}, {"message", r.message}});
  }
  j["related"] = std::move(related);
  j["suppressed"] = f.suppression.has_value();
  if (f.suppression) {
    j["suppression"] = Json{{"kind", f.suppression->kind},
                            {"justification", f.suppression->justification},
                            {"location", location_json(f.suppression->location)}};
  } else {
    j["suppression"] = nullptr;
  }
  j["undecided"] = f.undecided;
  return j;
}

Json diagnostic_json(const FileDiagnostic &d) {
  Json j;
  j["level"] = diag_level_name(d.diagnostic.level);
  j["code"] = d.diagnostic.code;
  j["message"] = d.diagnostic.message;
  j["location"] = location_json({d.path, d.diagnostic.span});
  return j;
}

Json rule_tallies_json(const RootReport &root) {
  Json j = Json::object();
  for (const auto &[id, t] : root.rule_tallies) {
    j[id] = Json{{"targets", t.targets}, {"passed", t.passed}, {"failed", t.failed}, {"unknown", t.unknown}};
  }
  return j;
}

Json summary_json(const Report &report, const RuleIndex &index, const ComplianceSummary &compliance) {
  const ReportTotals t = report_totals(report);
  std::map<std::string, SeverityCounts> by_scenario;
  for (const RootReport &root : report.roots) {
    for (const Finding &f : root.findings) {
      if (f.suppression) continue;
      const RuleInfo *rule = index.find(f.rule_id);
      by_scenario[rule ? rule->scenario : std::string()][static_cast<size_t>(f.severity)]++;
    }
  }
  Json scenarios;
  for (const char *scenario : kScenarios) {
    if (auto it = by_scenario.find(scenario); it != by_scenario.end()) {
      scenarios[scenario] = severity_counts_json(it->second);
    }
  }
  if (auto it = by_scenario.find(""); it != by_scenario.end())
    scenarios["unknown"] = severity_counts_json(it->second);

  Json j;
  j["roots"] = report.roots.size();
  j["findings"] = t.findings;
  j["bySeverity"] = severity_counts_json(t.by_severity);
  j["byScenario"] = scenarios.is_null() ? Json::object() : std::move(scenarios);
  j["suppressed"] = t.suppressed;
  j["baselined"] = t.baselined;
  j["diagnostics"] = t.diagnostics;
  j["filesScanned"] = t.files_scanned;
  j["filesSkipped"] = t.files_skipped;
  j["filesByKind"] = t.files_by_kind;
  j["compliance"] = compliance_rollup_json(compliance);
  return j;
}

}  // namespace

void write_json(const Report &report, std::ostream &out, const JsonOptions &opts) {
  const RuleIndex index(report.rules);
  Json doc;
  doc["version"] = kJsonFormatVersion;
  doc["tool"] = Json{{"name", "clause"}, {"version", opts.tool_version}};
  doc["category"] = report.category;
  doc["executionSuccessful"] = report.execution_successful;
  if (!report.started_at.empty())
    doc["scan"] = Json{{"started", report.started_at}, {"finished", report.finished_at}};
  Json rules = Json::array();
  for (const RuleInfo &rule : report.rules) rules.push_back(rule_json(rule));
  doc["rules"] = std::move(rules);

  const ComplianceSummary compliance = compliance_summary(report);
  Json roots = Json::array();
  for (size_t ri = 0; ri < report.roots.size(); ++ri) {
    const RootReport &root = report.roots[ri];
    const std::vector<std::string> fingerprints = run_fingerprints(root.findings);
    Json findings = Json::array();
    for (size_t i = 0; i < root.findings.size(); ++i) {
      const Finding &f = root.findings[i];
      findings.push_back(finding_json(f, index.find(f.rule_id), fingerprints[i]));
    }
    Json diagnostics = Json::array();
    for (const FileDiagnostic &d : root.diagnostics) diagnostics.push_back(diagnostic_json(d));
    Json r;
    r["name"] = root.name;
    r["path"] = root.abs_path;
    if (!root.vcs.revision.empty()) {
      r["versionControl"] = Json{{"repositoryUri", root.vcs.repository_uri},
                                 {"revision", root.vcs.revision},
                                 {"branch", root.vcs.branch}};
    }
    r["findings"] = std::move(findings);
    r["diagnostics"] = std::move(diagnostics);
    r["files"] = root.files_by_kind;
    r["ruleTallies"] = rule_tallies_json(root);
    r["compliance"] = root_compliance_json(compliance.roots[ri]);
    roots.push_back(std::move(r));
  }
  doc["roots"] = std::move(roots);
  doc["summary"] = summary_json(report, index, compliance);
  out << doc.dump(opts.pretty ? 2 : -1, ' ', false, Json::error_handler_t::replace) << '\n';
}

}  // namespace clause
