#include "reporters/markdown_reporter.h"

#include <map>
#include <sstream>

#include "reporters/report_util.h"

namespace clause {
namespace {

constexpr size_t kMaxMessageBytes = 300;
constexpr size_t kFooterReserve = 200;

std::string location_text(const FindingRef &ref) {
  const Finding &f = *ref.finding;
  std::string out = display_path(*ref.root, f.location.path);
  if (f.location.span.start_line != 0) out += ":" + std::to_string(f.location.span.start_line);
  return out;
}

std::string headline(const Report &report) {
  const ReportTotals t = report_totals(report);
  std::string out = "**" + std::to_string(t.findings) + (t.findings == 1 ? " finding" : " findings") + "**";
  if (t.findings != 0) out += " (" + severity_counts_text(t.by_severity) + ")";
  out += " · " + std::to_string(t.suppressed) + " suppressed";
  out += " · " + std::to_string(t.files_scanned) + (t.files_scanned == 1 ? " file" : " files") + " scanned";
  if (t.diagnostics != 0) {
    out +=
        " · " + std::to_string(t.diagnostics) + (t.diagnostics == 1 ? " input problem" : " input problems");
  }
  return out;
}

void write_scenario_table(const Report &report, std::ostream &out) {
  const RuleIndex index(report.rules);
  std::map<std::string, size_t> rules_per_scenario;
  for (const RuleInfo &rule : report.rules) ++rules_per_scenario[rule.scenario];
  std::map<std::string, SeverityCounts> counts;
  for (const FindingRef &ref : findings_by_severity(report)) {
    const RuleInfo *rule = index.find(ref.finding->rule_id);
    counts[rule ? rule->scenario : std::string()][static_cast<size_t>(ref.finding->severity)]++;
  }
  out << "| Scenario | Rules | Findings | Critical | High | Medium | Low | Info |\n"
      << "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n";
  for (const char *scenario : kScenarios) {
    auto rules = rules_per_scenario.find(scenario);
    if (rules == rules_per_scenario.end()) continue;
    const SeverityCounts c = counts[scenario];
    size_t total = 0;
    for (size_t n : c) total += n;
    out << "| " << scenario << ' ' << scenario_title(scenario) << " | " << rules->second << " | " << total;
    for (Severity s : kSeveritiesDescending) out << " | " << c[static_cast<size_t>(s)];
    out << " |\n";
  }
}

}  // namespace

std::string markdown_cell(std::string_view text) {
  static constexpr std::string_view kEscaped = "\\`*_[]<>|&!#~";
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '\n' || c == '\r' || c == '\t') {
      out.push_back(' ');
    } else {
      if (kEscaped.find(c) != std::string_view::npos) out.push_back('\\');
      out.push_back(c);
    }
  }
  return out;
}

void write_markdown(const Report &report, std::ostream &out, const MarkdownOptions &opts) {
  std::ostringstream doc;
  doc << "## clause: ISO/IEC 20000-9 conformance\n\n" << headline(report) << "\n\n";
  write_scenario_table(report, doc);

  const std::vector<FindingRef> findings = findings_by_severity(report);
  if (findings.empty()) {
    doc << "\nNo findings.\n";
    out << doc.str();
    return;
  }
  doc << "\n### Top findings\n\n| Severity | Rule | Location | Message |\n| --- | --- | --- | --- |\n";
  std::string text = doc.str();
  size_t shown = 0;
  for (const FindingRef &ref : findings) {
    if (shown == opts.max_findings) break;
    const Finding &f = *ref.finding;
    std::string row = "| " + std::string(severity_name(f.severity)) + " | " + markdown_cell(f.rule_id) +
                      " | " + markdown_cell(location_text(ref)) + " | " +
                      markdown_cell(truncate_utf8(f.message, kMaxMessageBytes)) + " |\n";
    if (text.size() + row.size() + kFooterReserve > opts.max_bytes) break;
    text += row;
    ++shown;
  }
  if (shown < findings.size()) {
    text += "\n> Showing " + std::to_string(shown) + " of " + std::to_string(findings.size()) +
            " findings, the most severe first. The SARIF or JSON output lists them all.\n";
  }
  out << text;
}

}  // namespace clause
