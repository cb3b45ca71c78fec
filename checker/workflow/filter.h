#pragma once
// The filter stage: every step that decides which of the rules' findings a
// scan reports, and which as suppressed, in one order (docs/architecture.md,
// "Filtering findings"):
//
//   1. inline suppressions  mark the findings a `clause:ignore` (or mapped
//                           peer) directive covers; the directives' own
//                           problems join as meta-rule findings (suppress.h)
//   2. unreadable input     one CL-0004 finding per file that could not be
//                           parsed joins, after step 1: like every meta
//                           rule, no inline directive covers it
//   3. per-file cap         at most --max-findings-per-file findings per
//                           file, unsuppressed and most severe first, with a
//                           warning for each file cut (finding_limit.h)
//   4. file suppressions    mark the findings `.clause.yaml` `suppressions:`
//                           match (kind "external"); warn about expired ones
//   5. file selection       drop findings and input diagnostics outside
//                           --only-files / --changed-since, keeping those
//                           about a unit that holds a selected (or deleted)
//                           file (report_paths.h)
//   6. baseline             drop the unsuppressed findings the baseline
//                           holds, counting them (baseline.h)
//
// Steps 1 to 3 read the root's model (comments, blocks, parse errors),
// which is freed as soon as its root is scanned: the scanner calls
// filter_root. Steps 4 to 6 need every root, each with its configuration:
// the CLI calls filter_report once the roots are assembled. Selection also
// acts before the stage, as a saving: findings in files no one reads are
// not built at all (ScanOptions::reported); step 5 makes the result exact.
#include <string>
#include <vector>

#include "checker/model/finding.h"
#include "checker/model/report.h"
#include "checker/model/rule_info.h"
#include "checker/project/project.h"
#include "checker/workflow/baseline.h"
#include "checker/workflow/config.h"
#include "checker/workflow/report_paths.h"
#include "checker/workflow/suppress.h"

namespace clause {

// Steps 1 to 3 for one root. `findings` are the rules' findings (sorted),
// `ran` the rules that ran, `input_findings` the CL-0004 findings of the
// root (add_input_findings), `max_per_file` 0 for no cap. Leaves `findings`
// sorted; the cap's warnings are appended to `diagnostics`.
void filter_root(const Project &project, const std::vector<RuleInfo> &ran,
                 const SuppressionOptions &suppressions, size_t max_per_file, std::vector<Finding> &findings,
                 std::vector<Finding> input_findings, std::vector<FileDiagnostic> &diagnostics);

// What steps 4 to 6 apply; an absent part skips its step.
struct ReportFilter {
  // Step 4: per root of the report (same index), the configuration whose
  // `suppressions:` apply to it, or nullptr.
  std::vector<const Config *> configs;
  std::string today;                         // YYYY-MM-DD, for `until:`
  const FileSelection *selection = nullptr;  // step 5
  const Baseline *baseline = nullptr;        // step 6
};

// Steps 4 to 6 over the assembled report. Returns one warning per expired
// file suppression, naming the configuration file and line, configuration
// by configuration in the order of their first root.
std::vector<std::string> filter_report(Report &report, const ReportFilter &filter);

}  // namespace clause
