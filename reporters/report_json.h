#pragma once
// JSON fragments that clause's JSON output and the SARIF writer share, so
// both say the same thing in the same shape: severity counts and the
// compliance summary (reporters/compliance_summary.h).
#include <nlohmann/json.hpp>

#include "reporters/compliance_summary.h"
#include "reporters/report_util.h"

namespace clause {

using OrderedJson = nlohmann::ordered_json;

// {"critical": n, "high": n, "medium": n, "low": n, "info": n}
OrderedJson severity_counts_json(const SeverityCounts &counts);

// {"status", "scenarios": {"5.1": {"title", "status", "rules", "evaluated",
//  "passed", "failed", "failedBySeverity", "suppressed", "unknown",
//  "notApplicable", "findings", "suppressedFindings", "targets"}, ...}}
OrderedJson root_compliance_json(const RootCompliance &root);

// Across roots: {"status", "roots": {"fail": n, ...}, "scenarios": {"5.1":
// {"status", "rules", "roots": {"fail": n, "unknown": n, "pass": n, "n/a": n},
// "findings", "suppressedFindings"}, ...}}
OrderedJson compliance_rollup_json(const ComplianceSummary &summary);

}  // namespace clause
