#pragma once
// Input that could not be read is a finding of its own (meta rule CL-0004,
// clause.input-parseable), so that --fail-on, baselines, file suppressions
// and SARIF results treat a broken file like any other gap. The diagnostics
// themselves stay in the report as well (text warnings, SARIF
// toolExecutionNotifications).
#include <functional>
#include <string>
#include <vector>

#include "checker/model/report.h"
#include "checker/project/project.h"

namespace clause {

// Whether a diagnostic means the file, or part of it, was not analysed: a
// syntax error or a parser limit (depth, size, time).
bool is_unparsed_input(const Diagnostic &d);

// One finding of `rule` per file of `diagnostics` with an unparsed-input
// diagnostic, at the first of them, for the files `reported` accepts (all
// when unset). Appended to `findings` (the caller sorts).
void add_input_findings(const Project &project, const std::vector<FileDiagnostic> &diagnostics,
                        const RuleInfo &rule, const std::function<bool(const std::string &rel)> &reported,
                        std::vector<Finding> &findings);

}  // namespace clause
