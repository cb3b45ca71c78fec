#pragma once
// Small helpers shared by the reporters. Everything here reads only the
// Report (findings, diagnostics, rule metadata).
#include <array>
#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "checker/model/report.h"

namespace clause {

// The fifteen scenarios of ISO/IEC 20000-9 clause 5, in order.
inline constexpr std::array<const char *, 15> kScenarios = {"5.1",  "5.2",  "5.3",  "5.4",  "5.5",
                                                            "5.6",  "5.7",  "5.8",  "5.9",  "5.10",
                                                            "5.11", "5.12", "5.13", "5.14", "5.15"};

// Our short paraphrase of a scenario's subject ("deliver and operate" for
// 5.9); empty for an unknown scenario.
const char *scenario_title(std::string_view scenario);

// `path` (relative to the root) as the user sees it: joined to the root's
// display name unless that is "." or empty.
std::string display_path(const RootReport &root, std::string_view path);

const char *diag_level_name(DiagLevel level);

// Looks rules up by id; reports the position in Report::rules.
class RuleIndex {
 public:
  explicit RuleIndex(const std::vector<RuleInfo> &rules);
  const RuleInfo *find(std::string_view id) const;
  // Position in the rule list, or -1.
  long index_of(std::string_view id) const;

 private:
  const std::vector<RuleInfo> *rules_;
  std::map<std::string, size_t, std::less<>> by_id_;
};

// Counts by severity, indexed by Severity's value (Info = 0 ... Critical = 4).
using SeverityCounts = std::array<size_t, 5>;

struct ReportTotals {
  SeverityCounts by_severity{};  // unsuppressed findings
  size_t findings = 0;           // unsuppressed
  size_t suppressed = 0;
  size_t baselined = 0;  // dropped because a baseline holds them
  size_t diagnostics = 0;
  size_t files_scanned = 0;                     // all kinds but "skipped"
  size_t files_skipped = 0;                     // files_by_kind["skipped"]
  std::map<std::string, size_t> files_by_kind;  // summed over roots, without "skipped"
};

ReportTotals report_totals(const Report &report);

// "1 high, 2 medium" (most severe first, zero counts left out); "" when all are 0.
std::string severity_counts_text(const SeverityCounts &counts);

// Severities from the most to the least severe.
inline constexpr std::array<Severity, 5> kSeveritiesDescending = {
    Severity::Critical, Severity::High, Severity::Medium, Severity::Low, Severity::Info};

// Text truncated to at most `max_bytes` bytes without cutting a UTF-8
// sequence; "…" marks a cut (counted in the limit).
std::string truncate_utf8(std::string_view text, size_t max_bytes);

// A pointer to a finding with the root it belongs to.
struct FindingRef {
  const RootReport *root;
  const Finding *finding;
};

// Unsuppressed findings of all roots, most severe first, then in report order.
std::vector<FindingRef> findings_by_severity(const Report &report);

}  // namespace clause
