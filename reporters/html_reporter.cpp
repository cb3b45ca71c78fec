#include "reporters/html_reporter.h"

#include <algorithm>
#include <numeric>

#include "reporters/compliance_summary.h"
#include "reporters/html_assets.h"
#include "reporters/markdown_html.h"
#include "reporters/report_util.h"
#include "reporters/xml_escape.h"

namespace clause {
namespace {

using std::to_string;

std::string esc(std::string_view text) { return html_escape(text); }

// A path escaped, with a line-break opportunity after each '/', so long
// root paths wrap between their parts rather than inside a name.
std::string esc_path(std::string_view path) {
  std::string out;
  for (size_t start = 0; start < path.size();) {
    size_t slash = path.find('/', start);
    const size_t end = slash == std::string_view::npos ? path.size() : slash + 1;
    out += esc(path.substr(start, end - start));
    if (slash != std::string_view::npos && end < path.size()) out += "<wbr>";
    start = end;
  }
  return out;
}

// Ids for anchors: rule ids come from rule packs, so keep a safe alphabet.
std::string anchor_id(std::string_view prefix, std::string_view id) {
  std::string out(prefix);
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                    c == '_' || c == '.';
    out.push_back(ok ? c : '_');
  }
  return out;
}

// The folder all root names share ("/srv/audit/" for "/srv/audit/a" and
// "/srv/audit/b"), which the matrix leaves out so the names fit; "" for one
// root or none shared.
std::string common_folder(const std::vector<RootReport> &roots) {
  if (roots.size() < 2) return "";
  std::string_view prefix = roots.front().name;
  for (const RootReport &r : roots) {
    size_t n = 0;
    while (n < prefix.size() && n < r.name.size() && prefix[n] == r.name[n]) ++n;
    prefix = prefix.substr(0, n);
  }
  const size_t slash = prefix.rfind('/');
  if (slash == std::string_view::npos) return "";
  // Never leave a root with an empty name.
  for (const RootReport &r : roots)
    if (r.name.size() <= slash + 1) return "";
  return std::string(prefix.substr(0, slash + 1));
}

const char *status_class(ScenarioStatus s) {
  return s == ScenarioStatus::NotApplicable ? "na" : scenario_status_name(s);
}

std::string status_badge(ScenarioStatus s) {
  return std::string("<span class=\"st ") + status_class(s) + "\">" + scenario_status_name(s) + "</span>";
}

const char *status_colour(ScenarioStatus s) {
  switch (s) {
    case ScenarioStatus::Fail: return "#b42318";
    case ScenarioStatus::Unknown: return "#d99a1e";
    case ScenarioStatus::Pass: return "#1a7f37";
    case ScenarioStatus::NotApplicable: return "#c3cad2";
  }
  return "#c3cad2";
}

std::string plural(size_t n, std::string_view one, std::string_view many) {
  return to_string(n) + " " + std::string(n == 1 ? one : many);
}

// "12.34": a percentage with two decimals, by integer arithmetic so the
// bytes never depend on floating-point formatting.
std::string percent(size_t part, size_t whole) {
  const size_t hundredths = whole == 0 ? 0 : part * 10000 / whole;
  const size_t frac = hundredths % 100;
  return to_string(hundredths / 100) + "." + (frac < 10 ? "0" : "") + to_string(frac);
}

// A stacked bar of roots by status, as inline SVG.
std::string status_bar(const std::array<size_t, 4> &counts) {
  size_t total = 0;
  for (size_t n : counts) total += n;
  std::string svg =
      "<svg class=\"bar\" viewBox=\"0 0 100 10\" preserveAspectRatio=\"none\" aria-hidden=\"true\">";
  size_t before = 0;
  for (ScenarioStatus s : kStatusesWorstFirst) {
    const size_t n = counts[static_cast<size_t>(s)];
    if (n == 0) continue;
    svg += "<rect x=\"" + percent(before, total) + "\" y=\"0\" width=\"" + percent(n, total) +
           "\" height=\"10\" fill=\"" + status_colour(s) + "\"/>";
    before += n;
  }
  if (total == 0) svg += "<rect x=\"0\" y=\"0\" width=\"100\" height=\"10\" fill=\"#c3cad2\"/>";
  return svg + "</svg>";
}

std::string status_counts_text(const std::array<size_t, 4> &counts) {
  std::string out;
  for (ScenarioStatus s : kStatusesWorstFirst) {
    if (!out.empty()) out += " · ";
    out += to_string(counts[static_cast<size_t>(s)]) + " " + scenario_status_name(s);
  }
  return out;
}

std::string position(const Location &loc) {
  std::string out = loc.path;
  if (loc.span.start_line != 0) out += ":" + to_string(loc.span.start_line);
  if (loc.span.start_line != 0 && loc.span.start_col != 0) out += ":" + to_string(loc.span.start_col);
  return out;
}

bool continuation(std::string_view s, size_t i) {
  return i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80;
}

// The source line with its number, the reported span marked.
std::string snippet_html(const Finding &f) {
  const std::string_view line = f.snippet;
  const Span &sp = f.location.span;
  std::string out =
      "<pre class=\"src\"><i>" + (sp.start_line ? to_string(sp.start_line) : std::string()) + "</i>";
  if (sp.start_col == 0 || sp.start_col > line.size()) return out + esc(line) + "</pre>";
  size_t start = sp.start_col - 1;
  size_t end = sp.end_line == sp.start_line && sp.end_col > sp.start_col ? sp.end_col - 1 : line.size();
  end = std::min(end, line.size());
  while (start > 0 && continuation(line, start)) --start;
  while (continuation(line, end)) ++end;
  return out + esc(line.substr(0, start)) + "<mark>" + esc(line.substr(start, end - start)) + "</mark>" +
         esc(line.substr(end)) + "</pre>";
}

class HtmlWriter {
 public:
  HtmlWriter(const Report &report, std::ostream &out, const HtmlOptions &opts)
      : report_(report),
        out_(out),
        opts_(opts),
        index_(report.rules),
        compliance_(compliance_summary(report)),
        totals_(report_totals(report)) {}

  void write() {
    out_ << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
         << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         // Nothing may be fetched: inline style and script only.
         << "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src "
            "'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n"
         << "<meta name=\"generator\" content=\"clause " << esc(opts_.tool_version) << "\">\n"
         << "<title>ISO/IEC 20000-9 compliance report · clause</title>\n<style>" << kHtmlReportCss
         << "</style>\n</head>\n<body>\n";
    header();
    out_ << "<main>\n";
    overview();
    filters();
    matrix();
    findings();
    rules();
    out_ << "</main>\n";
    footer();
    out_ << "<script>" << kHtmlReportJs << "</script>\n</body>\n</html>\n";
  }

 private:
  const RuleInfo *rule_of(const Finding &f) const { return index_.find(f.rule_id); }
  std::string scenario_of(const Finding &f) const {
    const RuleInfo *r = rule_of(f);
    return r ? r->scenario : std::string();
  }

  void header() {
    out_ << "<header class=\"top\">" << kHtmlLogoSvg << "<div><h1>ISO/IEC 20000-9 compliance report</h1><p>"
         << "clause " << esc(opts_.tool_version) << " · "
         << plural(report_.roots.size(), "scan root", "scan roots") << " · "
         << plural(report_.rules.size(), "rule", "rules");
    if (!report_.category.empty()) out_ << " · category " << esc(report_.category);
    if (!report_.started_at.empty()) out_ << " · scanned " << esc(report_.started_at);
    out_ << "</p></div></header>\n";
  }

  void overview() {
    out_ << "<section class=\"cards\" id=\"overview\">\n";
    out_ << "<div class=\"card\"><div class=\"k\">Scan roots</div><div class=\"v\">" << report_.roots.size()
         << "</div>" << status_bar(compliance_.roots_by_status) << "<div class=\"d\">"
         << status_counts_text(compliance_.roots_by_status) << "</div></div>\n";
    out_ << "<div class=\"card\"><div class=\"k\">Findings</div><div class=\"v\">" << totals_.findings
         << "</div><div class=\"chips\">";
    for (Severity s : kSeveritiesDescending) {
      const size_t n = totals_.by_severity[static_cast<size_t>(s)];
      out_ << "<span class=\"sev " << severity_name(s) << (n == 0 ? " zero" : "") << "\">" << n << " "
           << severity_name(s) << "</span>";
    }
    out_ << "</div><div class=\"d\">" << totals_.suppressed << " suppressed</div></div>\n";
    std::string failing;
    size_t failing_count = 0;
    for (const ScenarioRollup &r : compliance_.scenarios) {
      if (r.status != ScenarioStatus::Fail) continue;
      ++failing_count;
      failing += (failing.empty() ? "" : ", ") + r.scenario;
    }
    out_ << "<div class=\"card\"><div class=\"k\">Scenarios failing</div><div class=\"v\">" << failing_count
         << " <small>of 15</small></div><div class=\"d\">"
         << (failing.empty() ? std::string("none") : esc(failing)) << "</div></div>\n";
    out_ << "<div class=\"card\"><div class=\"k\">Files scanned</div><div class=\"v\">"
         << totals_.files_scanned << "</div><div class=\"d\">";
    bool first = true;
    for (const auto &[kind, n] : totals_.files_by_kind) {
      out_ << (first ? "" : " · ") << n << " " << esc(kind);
      first = false;
    }
    if (totals_.files_skipped) out_ << (first ? "" : " · ") << totals_.files_skipped << " skipped";
    if (totals_.diagnostics) out_ << " · " << plural(totals_.diagnostics, "input problem", "input problems");
    out_ << "</div></div>\n</section>\n";
  }

  void filters() {
    out_ << "<div class=\"filters no-print\" role=\"search\">\n<fieldset><legend>Severity</legend>";
    for (Severity s : kSeveritiesDescending) {
      out_ << "<label><input type=\"checkbox\" data-sev=\"" << severity_name(s) << "\" checked> "
           << severity_name(s) << "</label>";
    }
    out_ << "</fieldset>\n<label class=\"lbl\" for=\"f-sc\">Scenario</label><select id=\"f-sc\">"
         << "<option value=\"\">All scenarios</option>";
    for (const char *sc : kScenarios)
      out_ << "<option value=\"" << sc << "\">" << sc << " " << scenario_title(sc) << "</option>";
    out_ << "</select>\n<label class=\"lbl\" for=\"f-root\">Root</label><select id=\"f-root\">"
         << "<option value=\"\">All roots</option>";
    for (size_t i = 0; i < report_.roots.size(); ++i)
      out_ << "<option value=\"" << i << "\">" << esc(report_.roots[i].name) << "</option>";
    out_
        << "</select>\n<input type=\"search\" id=\"f-q\" placeholder=\"Search findings\" aria-label=\"Search "
           "findings\">\n<label><input type=\"checkbox\" id=\"f-sup\"> suppressed</label>\n"
        << "<button type=\"button\" id=\"f-reset\">Reset</button><span id=\"shown\" data-findings=\""
        << totals_.findings << "\" data-suppressed=\"" << totals_.suppressed << "\"></span>\n</div>\n";
  }

  std::string cell_title(const ScenarioSummary &s) const {
    std::string t = s.scenario + " " + scenario_title(s.scenario) + ": " + scenario_status_name(s.status);
    if (s.rules == 0) return t + " (no rules)";
    t += " — " + to_string(s.evaluated()) + " of " + plural(s.rules, "rule", "rules") + " evaluated";
    if (s.failed) t += ", " + to_string(s.failed) + " failed";
    if (s.unknown) t += ", " + to_string(s.unknown) + " undecided";
    if (s.passed) t += ", " + to_string(s.passed) + " passed";
    if (s.suppressed) t += ", " + to_string(s.suppressed) + " suppressed";
    const std::string sev = severity_counts_text(s.findings);
    if (!sev.empty()) t += "; findings: " + sev;
    return t;
  }

  void matrix() {
    const std::string folder = common_folder(report_.roots);
    out_ << "<section id=\"matrix\">\n<h2>Scenario matrix</h2>\n<div class=\"legend\">";
    for (ScenarioStatus s : kStatusesWorstFirst) out_ << status_badge(s);
    if (!folder.empty()) out_ << "<span>Roots under <code>" << esc(folder) << "</code>.</span>";
    out_ << "<span>Click a cell to see its findings.</span></div>\n<div class=\"tablewrap\"><table "
            "class=\"matrix\">\n<thead><tr><th class=\"root\" scope=\"col\">Scan root</th>";
    for (const char *sc : kScenarios) {
      out_ << "<th scope=\"col\" data-sc=\"" << sc << "\" title=\"" << sc << " " << scenario_title(sc)
           << "\">" << sc << "<small>" << scenario_title(sc) << "</small></th>";
    }
    out_ << "</tr></thead>\n<tbody>\n";
    for (size_t ri = 0; ri < compliance_.roots.size(); ++ri) {
      const RootCompliance &rc = compliance_.roots[ri];
      out_ << "<tr data-root=\"" << ri << "\"><th class=\"root\" scope=\"row\"><a href=\"#root-" << ri
           << "\" title=\"" << esc(rc.root) << "\">"
           << esc_path(std::string_view(rc.root).substr(folder.size())) << "</a> " << status_badge(rc.status)
           << "</th>";
      for (const ScenarioSummary &s : rc.scenarios) {
        size_t findings = 0;
        for (size_t n : s.findings) findings += n;
        out_ << "<td class=\"" << status_class(s.status) << "\" data-sc=\"" << s.scenario << "\" title=\""
             << esc(cell_title(s)) << "\">";
        switch (s.status) {
          case ScenarioStatus::Fail: out_ << "✕ " << findings; break;
          case ScenarioStatus::Unknown: out_ << "?"; break;
          case ScenarioStatus::Pass: out_ << "✓"; break;
          case ScenarioStatus::NotApplicable: out_ << "–"; break;
        }
        out_ << "</td>";
      }
      out_ << "</tr>\n";
    }
    out_ << "</tbody>\n";
    if (compliance_.roots.size() > 1) {
      out_ << "<tfoot><tr><th class=\"root\" scope=\"row\">Roots failing</th>";
      for (const ScenarioRollup &r : compliance_.scenarios) {
        out_ << "<th data-sc=\"" << r.scenario << "\" title=\"" << status_counts_text(r.roots_by_status)
             << "\">" << r.roots_by_status[static_cast<size_t>(ScenarioStatus::Fail)] << "</th>";
      }
      out_ << "</tr></tfoot>\n";
    }
    out_ << "</table></div>\n</section>\n";
  }

  // The findings of a root to show: unsuppressed before suppressed, the most
  // severe first, then in report order; at most the cap.
  std::vector<size_t> shown_findings(const RootReport &root) const {
    std::vector<size_t> order(root.findings.size());
    std::iota(order.begin(), order.end(), size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
      const Finding &x = root.findings[a];
      const Finding &y = root.findings[b];
      if (x.suppression.has_value() != y.suppression.has_value()) return !x.suppression.has_value();
      return x.severity > y.severity;
    });
    if (order.size() > opts_.max_findings_per_root) order.resize(opts_.max_findings_per_root);
    return order;
  }

  void finding(const Finding &f, size_t root_index) {
    const RuleInfo *rule = rule_of(f);
    const std::string sev = f.suppression ? "suppressed" : severity_name(f.severity);
    out_ << "<details class=\"f\" data-sev=\"" << severity_name(f.severity) << "\" data-sc=\""
         << esc(scenario_of(f)) << "\" data-root=\"" << root_index << "\"";
    if (f.suppression) out_ << " data-suppressed=\"\"";
    out_ << "><summary><span class=\"sev " << sev << "\">" << sev << "</span><code>" << esc(f.rule_id)
         << "</code><span class=\"l mono\">" << esc(position(f.location)) << "</span><span class=\"m\">"
         << esc(f.message) << "</span></summary><div class=\"b\">";
    if (!f.snippet.empty()) out_ << snippet_html(f);
    for (const RelatedLocation &r : f.related) {
      out_ << "<p class=\"why\">Related: <span class=\"mono\">" << esc(position(r.location)) << "</span>";
      if (!r.message.empty()) out_ << " — " << esc(r.message);
      out_ << "</p>";
    }
    if (f.suppression) {
      out_ << "<p class=\"why\">Suppressed at <span class=\"mono\">" << esc(position(f.suppression->location))
           << "</span>: " << esc(f.suppression->justification) << "</p>";
    }
    out_ << "<p class=\"why\">";
    if (!f.resource.empty()) out_ << "<code>" << esc(f.resource) << "</code> · ";
    if (rule) {
      out_ << "scenario " << esc(rule->scenario) << " · <a href=\"#" << anchor_id("rule-", rule->id) << "\">"
           << esc(rule->id) << ": " << esc(rule->title) << "</a>";
    } else {
      out_ << esc(f.rule_id);
    }
    out_ << "</p></div></details>\n";
  }

  void diagnostics(const RootReport &root) {
    if (root.diagnostics.empty()) return;
    out_ << "<details class=\"diag\"><summary>"
         << plural(root.diagnostics.size(), "input problem", "input problems") << "</summary><ul>";
    const size_t n = std::min(root.diagnostics.size(), opts_.max_diagnostics_per_root);
    for (size_t i = 0; i < n; ++i) {
      const FileDiagnostic &d = root.diagnostics[i];
      out_ << "<li><span class=\"mono\">" << esc(position({d.path, d.diagnostic.span})) << "</span> "
           << diag_level_name(d.diagnostic.level) << ": " << esc(d.diagnostic.message);
      if (!d.diagnostic.code.empty()) out_ << " [" << esc(d.diagnostic.code) << "]";
      out_ << "</li>";
    }
    if (n < root.diagnostics.size()) out_ << "<li>… and " << root.diagnostics.size() - n << " more</li>";
    out_ << "</ul></details>\n";
  }

  void findings() {
    out_ << "<section id=\"findings\">\n<h2>Findings by scan root</h2>\n";
    for (size_t ri = 0; ri < report_.roots.size(); ++ri) {
      const RootReport &root = report_.roots[ri];
      size_t open = 0;
      for (const Finding &f : root.findings) open += f.suppression ? 0 : 1;
      out_ << "<section class=\"root-block\" id=\"root-" << ri << "\" data-root=\"" << ri
           << "\">\n<header><h3>" << esc_path(root.name) << "</h3>"
           << status_badge(compliance_.roots[ri].status);
      if (!root.abs_path.empty() && root.abs_path != root.name)
        out_ << "<span class=\"path\">" << esc_path(root.abs_path) << "</span>";
      if (!root.vcs.revision.empty()) {
        out_ << "<span class=\"path\" title=\"" << esc(root.vcs.repository_uri) << "\">git "
             << esc(root.vcs.revision.substr(0, 12));
        if (!root.vcs.branch.empty()) out_ << " (" << esc(root.vcs.branch) << ")";
        out_ << "</span>";
      }
      out_ << "<span class=\"why\">" << plural(open, "finding", "findings");
      if (open != root.findings.size()) out_ << ", " << root.findings.size() - open << " suppressed";
      out_ << "</span></header>\n";
      const std::vector<size_t> shown = shown_findings(root);
      if (shown.size() < root.findings.size()) {
        out_ << "<p class=\"note\">Showing " << shown.size() << " of " << root.findings.size()
             << " findings of this root, the most severe first; the JSON and SARIF outputs list them "
                "all.</p>\n";
      }
      if (root.findings.empty()) out_ << "<p class=\"empty\">No findings.</p>\n";
      for (size_t i : shown) finding(root.findings[i], ri);
      if (!root.findings.empty())
        out_ << "<p class=\"empty nomatch\" hidden>No finding matches the filters.</p>\n";
      diagnostics(root);
      out_ << "</section>\n";
    }
    out_ << "</section>\n";
  }

  void rules() {
    out_ << "<section id=\"rules\">\n<h2>Rules</h2>\n";
    for (const RuleInfo &rule : report_.rules) {
      out_ << "<details class=\"rule\" id=\"" << anchor_id("rule-", rule.id)
           << "\"><summary><span class=\"sev " << severity_name(rule.severity) << "\">"
           << severity_name(rule.severity) << "</span> " << esc(rule.id) << " " << esc(rule.title);
      if (!rule.scenario.empty())
        out_ << " <span class=\"why\">· scenario " << esc(rule.scenario) << "</span>";
      out_ << "</summary><div class=\"md\">\n";
      if (!rule.help_markdown.empty()) {
        out_ << markdown_to_html(rule.help_markdown);
      } else {
        out_ << "<p>" << esc(rule.title) << "</p>\n";
        if (!rule.rationale.empty()) out_ << "<p>" << esc(rule.rationale) << "</p>\n";
        if (!rule.remediation.empty())
          out_ << "<p><strong>How to fix:</strong> " << esc(rule.remediation) << "</p>\n";
      }
      out_ << "</div></details>\n";
    }
    out_ << "</section>\n";
  }

  void footer() {
    out_ << "<footer><p>Scenarios are the fifteen of ISO/IEC TR 20000-9:2015, clause 5 (a Technical Report "
            "written against ISO/IEC 20000-1:2011 and since withdrawn), used here as a taxonomy. A status "
            "is <b>fail</b> when a rule of the scenario has an unsuppressed finding, <b>unknown</b> when one "
            "could not decide (values not known statically), <b>pass</b> when its rules were evaluated and "
            "found nothing, <b>n/a</b> when none of its rules found anything to judge.</p></footer>\n";
  }

  const Report &report_;
  std::ostream &out_;
  const HtmlOptions &opts_;
  const RuleIndex index_;
  const ComplianceSummary compliance_;
  const ReportTotals totals_;
};

}  // namespace

void write_html(const Report &report, std::ostream &out, const HtmlOptions &opts) {
  HtmlWriter(report, out, opts).write();
}

}  // namespace clause
