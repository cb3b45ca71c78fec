// Scenario 5.2 checks that need the whole project: a budget somewhere in the
// root, and provider versions pinned in every module.
#include "checker/rules/infrastructure/infra_support.h"

namespace clause::infra {
namespace {

// CL-0201 plan.budget-defined
void budget_defined(const NativeCheckContext &ctx) {
  report_missing_controls(
      ctx,
      {{ProviderFamily::Aws,
        "No AWS budget (aws_budgets_budget or AWS::Budgets::Budget) is defined for the resources of this "
        "root; spending on the service is not planned or watched",
        [](const Resource &r) {
          return is_type(r, {"aws_budgets_budget", "AWS::Budgets::Budget"});
        }},
       {ProviderFamily::Azure,
        "No Azure consumption budget is defined for the resources of this root; spending on the service "
        "is not planned or watched",
        [](const Resource &r) {
          return is_type(
              r, {"azurerm_consumption_budget_subscription", "azurerm_consumption_budget_resource_group",
                  "azurerm_consumption_budget_management_group"});
        }},
       {ProviderFamily::Google,
        "No Google Cloud billing budget (google_billing_budget) is defined for the resources of this "
        "root; spending on the service is not planned or watched",
        [](const Resource &r) { return r.type == "google_billing_budget"; }}});
}

// CL-0202 plan.provider-pinned: every required_providers entry carries a
// version constraint, and a root module that configures a provider declares
// required_providers at all.
void provider_pinned(const NativeCheckContext &ctx) {
  const Project &project = ctx.project();
  std::set<std::string> dirs_with_requirements;
  for (const auto &doc : project.documents) {
    if (doc->kind != DocKind::Terraform) continue;
    for (const auto &b : doc->blocks) {
      if (b.type != "terraform") continue;
      const Node *req = b.body.get("required_providers");
      if (!req) continue;
      dirs_with_requirements.insert(directory_of(doc->path));
      const Node *body = req->is_list() && !req->items.empty() ? &req->items.front() : req;
      if (!body->is_map()) continue;
      for (const auto &e : body->entries) {
        if (e.value.is_string()) continue;  // legacy `aws = "~> 5.0"`
        if (!e.value.is_map()) continue;
        if (e.value.get("version")) continue;
        ctx.report(*doc, e.key_span,
                   "Provider '" + e.key +
                       "' has no version constraint; a new major release can rename attributes and change "
                       "what the same configuration deploys",
                   "terraform.required_providers." + e.key);
      }
    }
  }
  auto modules = local_module_directories(project);
  std::set<std::string> reported;
  for (const auto &p : provider_blocks(project)) {
    std::string dir = directory_of(p.doc->path);
    if (dirs_with_requirements.count(dir) || modules.count(dir) || !reported.insert(dir).second) continue;
    ctx.report(*p.doc, p.block->header,
               "This root configures provider '" + p.name +
                   "' but declares no required_providers with a version constraint; each run may pick a "
                   "different provider release",
               "provider." + p.name);
  }
}

const NativeCheckRegistrar kBudget("CL-0201", &budget_defined);
const NativeCheckRegistrar kPinned("CL-0202", &provider_pinned);

}  // namespace
}  // namespace clause::infra
