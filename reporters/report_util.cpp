#include "reporters/report_util.h"

#include <algorithm>

#include "checker/model/scenarios.h"

namespace clause {

const char *scenario_title(std::string_view scenario) {
  for (const Scenario &s : scenarios())
    if (s.number == scenario) return s.title.data();  // the labels are literals: NUL-terminated
  return "";
}

std::string display_path(const RootReport &root, std::string_view path) {
  std::string_view base = root.display_base.empty() ? root.name : root.display_base;
  while (base.size() > 1 && base.back() == '/') base.remove_suffix(1);
  if (base.empty() || base == ".") return std::string(path);
  if (path.empty()) return std::string(base);
  std::string out(base);
  if (out.back() != '/') out.push_back('/');
  out.append(path);
  return out;
}

const char *diag_level_name(DiagLevel level) {
  switch (level) {
    case DiagLevel::Error: return "error";
    case DiagLevel::Warning: return "warning";
    case DiagLevel::Note: return "note";
  }
  return "warning";
}

RuleIndex::RuleIndex(const std::vector<RuleInfo> &rules) : rules_(&rules) {
  for (size_t i = 0; i < rules.size(); ++i) by_id_.emplace(rules[i].id, i);
}

const RuleInfo *RuleIndex::find(std::string_view id) const {
  auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : &(*rules_)[it->second];
}

long RuleIndex::index_of(std::string_view id) const {
  auto it = by_id_.find(id);
  return it == by_id_.end() ? -1 : static_cast<long>(it->second);
}

ReportTotals report_totals(const Report &report) {
  ReportTotals t;
  for (const RootReport &root : report.roots) {
    for (const Finding &f : root.findings) {
      if (f.suppression) {
        ++t.suppressed;
        continue;
      }
      ++t.findings;
      ++t.by_severity[static_cast<size_t>(f.severity)];
    }
    t.baselined += root.baselined;
    t.diagnostics += root.diagnostics.size();
    for (const auto &[kind, n] : root.files_by_kind) {
      if (kind == "skipped") {
        t.files_skipped += n;
      } else {
        t.files_scanned += n;
        t.files_by_kind[kind] += n;
      }
    }
  }
  return t;
}

std::string severity_counts_text(const SeverityCounts &counts) {
  std::string out;
  for (Severity s : kSeveritiesDescending) {
    size_t n = counts[static_cast<size_t>(s)];
    if (n == 0) continue;
    if (!out.empty()) out += ", ";
    out += std::to_string(n) + " " + severity_name(s);
  }
  return out;
}

std::string truncate_utf8(std::string_view text, size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  static constexpr std::string_view kEllipsis = "\xE2\x80\xA6";
  if (max_bytes < kEllipsis.size()) return std::string();
  size_t cut = max_bytes - kEllipsis.size();
  // Step back over continuation bytes so that no sequence is split.
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  std::string out(text.substr(0, cut));
  out.append(kEllipsis);
  return out;
}

std::vector<FindingRef> findings_by_severity(const Report &report) {
  std::vector<FindingRef> out;
  for (const RootReport &root : report.roots) {
    for (const Finding &f : root.findings) {
      if (!f.suppression) out.push_back({&root, &f});
    }
  }
  // Stable: equal severities keep report order (root, then sorted findings).
  std::stable_sort(out.begin(), out.end(), [](const FindingRef &a, const FindingRef &b) {
    return a.finding->severity > b.finding->severity;
  });
  return out;
}

}  // namespace clause
