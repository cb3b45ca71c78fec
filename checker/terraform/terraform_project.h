#pragma once
// The Terraform part of building a Project: evaluates the scan root's
// Terraform configuration (module_eval.h) into resources, joins plans to
// them (plan_join.h), and builds the references graph (references.h).
#include <string>
#include <vector>

#include "checker/project/project.h"
#include "checker/terraform/budget.h"
#include "parsers/parse_options.h"

namespace clause::tf {

// Reads and parses the --var-file files (HCL, or JSON when the name ends in
// .json). Throws std::runtime_error naming a file that cannot be read.
std::vector<DocumentPtr> load_var_files(const std::vector<std::string> &paths, const ParseOptions &opts);

// Appends the evaluated Terraform resources of `project.documents` to
// `project.resources` (sorted by file, position, address), then the plan
// resources that have no .tf counterpart; adds the diagnostics to
// `project.diagnostics` and builds `project.references`.
void add_terraform_resources(Project &project, const std::vector<const Document *> &var_files,
                             unsigned jobs = 1, const EvalBudgetSize &budget = {});

}  // namespace clause::tf
