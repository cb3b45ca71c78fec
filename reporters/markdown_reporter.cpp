#include "reporters/markdown_reporter.h"

#include <cctype>
#include <set>

#include "reporters/compliance_summary.h"
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

// When the scan ran and which commits it read (each commit once, named by
// its first root); "" when none of it was recorded (--reproducible).
std::string provenance(const Report &report) {
  constexpr size_t kMaxCommits = 10;
  std::vector<std::string> parts;
  if (!report.started_at.empty()) parts.push_back("scanned " + report.started_at);
  std::set<std::string> seen;
  size_t more = 0;
  for (const RootReport &root : report.roots) {
    if (root.vcs.revision.empty() || !seen.insert(root.vcs.repository_uri + " " + root.vcs.revision).second)
      continue;
    if (seen.size() > kMaxCommits) {
      ++more;
      continue;
    }
    std::string commit = markdown_cell(root.name) + " at git `" + root.vcs.revision.substr(0, 12) + "`";
    if (!root.vcs.branch.empty()) commit += " (" + markdown_cell(root.vcs.branch) + ")";
    parts.push_back(std::move(commit));
  }
  if (more != 0) parts.push_back("and " + std::to_string(more) + " more commits");
  std::string out;
  for (const std::string &p : parts) out += (out.empty() ? "" : " · ") + p;
  if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out;
}

const char *status_icon(ScenarioStatus s) {
  switch (s) {
    case ScenarioStatus::Fail: return "❌";
    case ScenarioStatus::Unknown: return "❔";
    case ScenarioStatus::Pass: return "✅";
    case ScenarioStatus::NotApplicable: return "➖";
  }
  return "➖";
}

std::string status_text(ScenarioStatus s) {
  return std::string(status_icon(s)) + " " + scenario_status_name(s);
}

std::string findings_text(const SeverityCounts &counts) {
  size_t total = 0;
  for (size_t n : counts) total += n;
  if (total == 0) return "0";
  return std::to_string(total) + " (" + severity_counts_text(counts) + ")";
}

// Scenarios that have rules, with how their rules fared (one root) or how
// the roots stand (several).
void write_scenario_table(const Report &report, const ComplianceSummary &summary, std::string &doc) {
  if (report.roots.size() == 1) {
    doc +=
        "| Scenario | Status | Rules | Passed | Failed | Suppressed | Unknown | N/A | Findings |\n"
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n";
    for (const ScenarioSummary &s : summary.roots.front().scenarios) {
      if (s.rules == 0) continue;
      doc += "| " + s.scenario + " " + scenario_title(s.scenario) + " | " + status_text(s.status) + " | " +
             std::to_string(s.rules) + " | " + std::to_string(s.passed) + " | " + std::to_string(s.failed) +
             " | " + std::to_string(s.suppressed) + " | " + std::to_string(s.unknown) + " | " +
             std::to_string(s.not_applicable) + " | " + findings_text(s.findings) + " |\n";
    }
    return;
  }
  doc +=
      "| Scenario | Status | Roots failing | Unknown | Passing | N/A | Findings |\n"
      "| --- | --- | ---: | ---: | ---: | ---: | --- |\n";
  for (const ScenarioRollup &r : summary.scenarios) {
    if (r.rules == 0) continue;
    const auto n = [&](ScenarioStatus st) {
      return std::to_string(r.roots_by_status[static_cast<size_t>(st)]);
    };
    doc += "| " + r.scenario + " " + scenario_title(r.scenario) + " | " + status_text(r.status) + " | " +
           n(ScenarioStatus::Fail) + " | " + n(ScenarioStatus::Unknown) + " | " + n(ScenarioStatus::Pass) +
           " | " + n(ScenarioStatus::NotApplicable) + " | " + findings_text(r.findings) + " |\n";
  }
}

// Roots x scenarios, one icon a cell, cut at a number of rows and the byte
// budget.
void write_root_matrix(const ComplianceSummary &summary, const MarkdownOptions &opts, std::string &doc) {
  if (summary.roots.size() < 2) return;
  doc += "\n### Scan roots\n\n| Root | Status |";
  std::string rule = "| --- | --- |";
  for (const char *sc : kScenarios) {
    doc += std::string(" ") + sc + " |";
    rule += " :-: |";
  }
  doc += "\n" + rule + "\n";
  size_t shown = 0;
  for (const RootCompliance &rc : summary.roots) {
    if (shown == opts.max_matrix_roots) break;
    std::string row =
        "| " + markdown_cell(truncate_utf8(rc.root, 120)) + " | " + status_text(rc.status) + " |";
    for (const ScenarioSummary &s : rc.scenarios) row += std::string(" ") + status_icon(s.status) + " |";
    row += "\n";
    if (doc.size() + row.size() + kFooterReserve > opts.max_bytes / 2) break;
    doc += row;
    ++shown;
  }
  if (shown < summary.roots.size()) {
    doc += "\n> Showing " + std::to_string(shown) + " of " + std::to_string(summary.roots.size()) +
           " scan roots; the HTML, JSON and SARIF outputs have them all.\n";
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
  const ComplianceSummary summary = compliance_summary(report);
  std::string text = "## clause: ISO/IEC 20000-9 conformance\n\n" + headline(report) + "\n\n";
  if (const std::string p = provenance(report); !p.empty()) text += p + "\n\n";
  if (!report.roots.empty()) write_scenario_table(report, summary, text);
  write_root_matrix(summary, opts, text);

  const std::vector<FindingRef> findings = findings_by_severity(report);
  if (findings.empty()) {
    out << text << "\nNo findings.\n";
    return;
  }
  text += "\n### Top findings\n\n| Severity | Rule | Location | Message |\n| --- | --- | --- | --- |\n";
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
