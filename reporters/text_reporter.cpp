#include "reporters/text_reporter.h"

#include <unistd.h>

#include <cstdlib>
#include <string>

#include "checker/model/utf8.h"
#include "reporters/compliance_summary.h"
#include "reporters/report_util.h"

namespace clause {
namespace {

constexpr const char *kReset = "\033[0m";
constexpr const char *kBold = "\033[1m";
constexpr const char *kBoldRed = "\033[1;31m";
constexpr const char *kBoldYellow = "\033[1;33m";
constexpr const char *kBoldCyan = "\033[1;36m";
constexpr const char *kGreen = "\033[32m";

class Painter {
 public:
  explicit Painter(bool on) : on_(on) {}
  std::string operator()(const char *style, std::string_view text) const {
    if (!on_) return std::string(text);
    return std::string(style) + std::string(text) + kReset;
  }

 private:
  bool on_;
};

const char *severity_style(Severity s) {
  switch (s) {
    case Severity::Critical:
    case Severity::High: return kBoldRed;
    case Severity::Medium:
    case Severity::Low: return kBoldYellow;
    case Severity::Info: return kBoldCyan;
  }
  return kBoldYellow;
}

bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

std::string position(const RootReport &root, const Location &loc) {
  std::string out = printable_text(display_path(root, loc.path));
  if (loc.span.start_line != 0) {
    out += ":" + std::to_string(loc.span.start_line);
    if (loc.span.start_col != 0) out += ":" + std::to_string(loc.span.start_col);
  }
  return out;
}

void write_finding(const RootReport &root, const Finding &f, std::ostream &out, const TextOptions &opts,
                   const Painter &paint) {
  out << paint(kBold, position(root, f.location) + ":") << ' '
      << paint(severity_style(f.severity), std::string(severity_name(f.severity)) + ":") << " [" << f.rule_id
      << "] " << paint(kBold, printable_text(f.message));
  if (f.suppression) {
    out << " [suppressed";
    if (!f.suppression->justification.empty()) out << ": " << printable_text(f.suppression->justification);
    out << ']';
  }
  out << '\n';
  // No caret past the end of a snippet (a long line is cut short in it).
  if (opts.show_source && !f.snippet.empty() && f.location.span.start_col != 0 &&
      f.location.span.start_col <= f.snippet.size() + 1) {
    const Span &s = f.location.span;
    const uint32_t end_col =
        s.end_line == s.start_line ? s.end_col : static_cast<uint32_t>(f.snippet.size() + 1);
    out << printable_text(f.snippet) << '\n'
        << paint(kGreen, caret_line(f.snippet, s.start_col, end_col)) << '\n';
  } else if (opts.show_source && !f.snippet.empty()) {
    out << printable_text(f.snippet) << '\n';
  }
  for (const RelatedLocation &r : f.related) {
    out << paint(kBold, position(root, r.location) + ":") << ' ' << paint(kBoldCyan, "note:") << ' '
        << printable_text(r.message) << '\n';
  }
}

void write_diagnostic(const RootReport &root, const FileDiagnostic &d, std::ostream &out,
                      const Painter &paint) {
  const bool note = d.diagnostic.level == DiagLevel::Note;
  out << paint(kBold, position(root, {d.path, d.diagnostic.span}) + ":") << ' '
      << (note ? paint(kBoldCyan, "note:") : paint(kBoldYellow, "warning:")) << ' '
      << printable_text(d.diagnostic.message);
  if (!d.diagnostic.code.empty()) out << " [" << d.diagnostic.code << ']';
  out << '\n';
}

std::string plural(size_t n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

std::string summary_line(const Report &report) {
  const ReportTotals t = report_totals(report);
  std::string out = plural(t.findings, "finding", "findings");
  if (t.findings != 0) out += " (" + severity_counts_text(t.by_severity) + ")";
  if (t.suppressed != 0) out += ", " + std::to_string(t.suppressed) + " suppressed";
  if (t.baselined != 0) out += ", " + std::to_string(t.baselined) + " baselined";
  out += "; " + plural(t.files_scanned, "file", "files") + " scanned";
  if (!t.files_by_kind.empty()) {
    out += " (";
    bool first = true;
    for (const auto &[kind, n] : t.files_by_kind) {
      if (!first) out += ", ";
      first = false;
      out += std::to_string(n) + " " + kind;
    }
    out += ")";
  }
  if (t.files_skipped != 0) out += ", " + std::to_string(t.files_skipped) + " skipped";
  if (t.diagnostics != 0) out += "; " + plural(t.diagnostics, "input problem", "input problems");
  return out;
}

// For a batch audit, where each root stands: its status and the scenarios
// by status, then the roots by status.
void write_batch_summary(const Report &report, std::ostream &out) {
  const ComplianceSummary summary = compliance_summary(report);
  for (const RootCompliance &rc : summary.roots) {
    out << "root " << rc.root << ": " << scenario_status_name(rc.status);
    size_t not_applicable = 0;
    for (ScenarioStatus st : kStatusesWorstFirst) {
      if (st == ScenarioStatus::NotApplicable) continue;
      std::string list;
      for (const ScenarioSummary &s : rc.scenarios) {
        if (s.status == st) list += (list.empty() ? "" : ", ") + s.scenario;
      }
      if (!list.empty()) out << "; " << scenario_status_name(st) << " " << list;
    }
    for (const ScenarioSummary &s : rc.scenarios) not_applicable += s.status == ScenarioStatus::NotApplicable;
    out << " (" << not_applicable << " n/a)\n";
  }
  out << plural(summary.roots.size(), "root", "roots") << ":";
  bool first = true;
  for (ScenarioStatus st : kStatusesWorstFirst) {
    out << (first ? " " : ", ") << summary.roots_by_status[static_cast<size_t>(st)] << " "
        << scenario_status_name(st);
    first = false;
  }
  out << "\n";
}

}  // namespace

std::string caret_line(std::string_view snippet, uint32_t col, uint32_t end_col) {
  std::string out;
  const size_t start = col == 0 ? 0 : col - 1;
  for (size_t i = 0; i < start; ++i) {
    if (i >= snippet.size()) {
      out.push_back(' ');
    } else if (snippet[i] == '\t') {
      out.push_back('\t');
    } else if (!is_continuation(static_cast<unsigned char>(snippet[i]))) {
      out.push_back(' ');
    }
  }
  out.push_back('^');
  // The caret covers the character at `start`; tildes cover the rest.
  for (size_t i = start + 1; i + 1 < end_col && i < snippet.size(); ++i) {
    if (!is_continuation(static_cast<unsigned char>(snippet[i])))
      out.push_back(snippet[i] == '\t' ? '\t' : '~');
  }
  return out;
}

bool want_color(int fd) {
  if (std::getenv("NO_COLOR") != nullptr) return false;
  return isatty(fd) == 1;
}

void write_text(const Report &report, std::ostream &out, const TextOptions &opts) {
  const Painter paint(opts.color);
  for (const RootReport &root : report.roots) {
    for (const Finding &f : root.findings) {
      if (f.suppression && !opts.show_suppressed) continue;
      write_finding(root, f, out, opts, paint);
    }
  }
  for (const RootReport &root : report.roots) {
    for (const FileDiagnostic &d : root.diagnostics) write_diagnostic(root, d, out, paint);
  }
  if (opts.summary && report.roots.size() > 1) write_batch_summary(report, out);
  if (opts.summary) out << summary_line(report) << '\n';
}

}  // namespace clause
