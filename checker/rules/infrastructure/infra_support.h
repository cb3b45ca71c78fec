#pragma once
// Shared reading helpers for the native infrastructure checks: Terraform
// provider blocks and root modules, and Kubernetes namespaces, labels and
// selectors. Attribute values are read with checker/model/attribute.h.
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "checker/engine/native_check.h"
#include "checker/model/attribute.h"
#include "checker/model/resource.h"
#include "checker/project/project.h"

namespace clause::infra {

// Whether any key, string or expression text inside `n` contains `needle`.
bool mentions(const Node &n, std::string_view needle);

std::string directory_of(const std::string &path);
// Joins a directory and a relative module source, resolving "." and "..".
std::string join_relative(const std::string &dir, const std::string &source);

// A Terraform `provider "NAME"` block with where it stands.
struct ProviderBlock {
  const Document *doc = nullptr;
  const Block *block = nullptr;
  std::string name;   // aws, azurerm, google, google-beta
  std::string alias;  // empty for the default configuration
  ProviderFamily family = ProviderFamily::Other;
};

ProviderFamily family_of_provider_name(std::string_view name);

// What several checks read of a scan root's Terraform configuration,
// worked out once per project on first use (Project::terraform_layout)
// instead of once per check.
struct TerraformLayout {
  std::vector<ProviderBlock> providers;  // in scan order
  // Caller directory -> the directories it calls as local modules.
  std::map<std::string, std::set<std::string>> local_calls;
  std::set<std::string> local_module_dirs;  // every callee of local_calls
  // Directory -> its first call of a registry or repository module.
  std::map<std::string, std::string> remote_calls;
};
const TerraformLayout &terraform_layout(const Project &project);

const std::vector<ProviderBlock> &provider_blocks(const Project &project);

// Directories (relative to the scan root) that are called as local modules
// by a `module` block of the scan root: their variables come from callers.
const std::set<std::string> &local_module_directories(const Project &project);
// The same by caller: caller directory -> the directories it calls.
const std::map<std::string, std::set<std::string>> &local_module_calls(const Project &project);

// Directories that call a module from a registry or repository (not
// scanned), with the first such call ("module.name").
const std::map<std::string, std::string> &remote_module_calls(const Project &project);

// The provider configuration alias a resource selects (`provider = aws.x`).
std::string provider_alias_of(const Resource &r);

// Resources of the root of one provider family, in scan order.
std::vector<const Resource *> resources_of(const Project &project, ProviderFamily family, DocKind format);
bool is_type(const Resource &r, std::initializer_list<std::string_view> types);

// Whether a directory is an example or test configuration (a path segment
// examples, example, test, tests, testdata, fixtures, test-fixtures): it
// shows how to use a module, it is not a service's deployment.
bool example_or_test_directory(const std::string &dir);

// Whether a provider block configures an account, project or subscription
// to deploy into (region, credentials, project, features...), rather than
// only an alias or an endpoint override as reusable modules sometimes do.
bool configures_account(const Block &provider);

// Account-, subscription- or project-wide controls (budgets, audit trails,
// guardrails...), judged once per deployment unit: for each provider family
// used by Terraform resources of a Terraform root module (or a declared
// unit), when no resource of that unit is evidence of the control, one
// finding at the unit's first provider block of that family, naming the
// unit. Units without such a provider block are reusable modules whose
// caller owns the controls, and are not judged; nor are example and test
// configurations, nor provider blocks that configure no account, nor
// CloudFormation stacks (a template names no account). A unit that calls a
// registry or repository module may hold the control there: undecided (a
// --strict note), not a finding.
struct ControlEvidence {
  ProviderFamily family;
  std::string missing;  // message: "<what> is missing" in the rule's words
  // Returns true when the resource is evidence of the control.
  std::function<bool(const Resource &)> is_evidence;
  // Set when the evidence is a combination of resources: whether the
  // unit's resources together are evidence (is_evidence is then unused).
  std::function<bool(const std::vector<const Resource *> &)> unit_evidence = {};
};
void report_missing_controls(const NativeCheckContext &ctx, const std::vector<ControlEvidence> &controls);

// Kubernetes.
std::string k8s_namespace(const Resource &r);
const Node *k8s_pod_template_labels(const Resource &r);
// Every matchLabels / selector pair is present in `labels`; matchExpressions
// are not evaluated and count as matching (no guess against the workload).
bool k8s_selector_matches(const Node *selector, const Node *labels);

}  // namespace clause::infra
