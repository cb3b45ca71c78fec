#pragma once
// Evaluates the Terraform configuration of one scan root into resources.
//
// Each root module (module_tree.h says which directories are roots) is
// instantiated with its variables set from defaults, then terraform.tfvars,
// terraform.tfvars.json and *.auto.tfvars(.json), then each --var-file in
// order (later wins). Locals, module outputs and module calls are evaluated
// lazily, in dependency order; a local that depends on itself is reported
// (`local-cycle`) and unknown. A local module call (`source = "./..."`)
// instantiates the called directory with the call's arguments as its
// variables, once per count / for_each instance; its resources get addresses
// `module.NAME[KEY].type.name`, are located in the module's own files and
// carry the call sites in `call_chain`. Calls that are not followed: remote
// sources (registry, git, ...) and directories outside the scan (their
// outputs are unknown); a call that re-enters a directory already being
// instantiated on the way (`module-cycle`); a call deeper than
// kMaxModuleDepth (`limit-module-depth`); calls past kMaxModuleInstances in
// one scan root (`limit-module-instances`). At most kMaxResources resources
// are produced per scan root (`limit-resources`).
#include <cstdint>
#include <string>
#include <vector>

#include "checker/model/document.h"
#include "checker/model/report.h"
#include "checker/model/resource.h"
#include "checker/terraform/budget.h"

namespace clause::tf {

inline constexpr size_t kMaxModuleDepth = 16;
inline constexpr size_t kMaxModuleInstances = 2000;
inline constexpr size_t kMaxResources = 200000;
// Locals, outputs and module values evaluated inside one another.
inline constexpr size_t kMaxLazyNesting = 200;

struct TerraformEvaluation {
  std::vector<Resource> resources;  // in evaluation order (callers sort)
  std::vector<uint32_t> instance;   // per resource: its module instance's number
  std::vector<std::string> root;    // per resource: the directory of its root module
  std::vector<FileDiagnostic> diagnostics;
};

// `documents`: the scan root's documents (Terraform and variable files are
// read; others ignored). `var_files`: parsed --var-file documents, in
// command-line order, applied to every root module. `jobs`: threads for
// evaluating root modules side by side (the result is the same for any).
// `budget`: the evaluation budget of each root module.
TerraformEvaluation evaluate_terraform(const std::vector<DocumentPtr> &documents,
                                       const std::vector<const Document *> &var_files, unsigned jobs = 1,
                                       const EvalBudgetSize &budget = {});

}  // namespace clause::tf
