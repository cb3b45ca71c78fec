// Scenario 5.2 checks that need the whole project: a budget somewhere in the
// root, and provider versions pinned in every module.
#include "checker/rules/infrastructure/infra_support.h"
#include "checker/rules/infrastructure/provider_constraints.h"

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

// CL-0202 plan.provider-pinned, judged in each deployed root module (a
// directory no local module call reaches, which configures a provider or
// keeps state): every provider it requires or configures has a constraint
// that caps the version, counting the constraints of the local modules it
// calls (Terraform applies them all). Called and reusable modules are
// judged through their callers; examples and tests are not deployments.
void provider_pinned(const NativeCheckContext &ctx) {
  const Project &project = ctx.project();
  const auto modules = provider_constraints(project);
  const auto &calls = local_module_calls(project);
  std::set<std::string> called;
  for (const auto &[caller, callees] : calls)
    for (const std::string &callee : callees)
      if (callee != caller) called.insert(callee);
  for (const auto &[dir, own] : modules) {
    if (called.count(dir) || !own.deployable() || example_or_test_directory(dir)) continue;
    // The constraints in force: this module's and those of every local
    // module it reaches.
    std::map<std::string, std::vector<std::string>> in_force;
    std::set<std::string> seen{dir};
    std::vector<std::string> todo{dir};
    while (!todo.empty()) {
      std::string d = todo.back();
      todo.pop_back();
      if (auto m = modules.find(d); m != modules.end())
        for (const auto &[name, cs] : m->second.required)
          for (const auto &c : cs)
            if (!c.constraint.empty()) in_force[name].push_back(c.constraint);
      if (auto c = calls.find(d); c != calls.end())
        for (const std::string &callee : c->second)
          if (seen.insert(callee).second) todo.push_back(callee);
    }
    std::set<std::string> names;
    for (const auto &[name, _] : own.required) names.insert(name);
    for (const auto &[name, _] : own.configured) names.insert(name);
    for (const std::string &name : names) {
      auto req = own.required.find(name);
      const ProviderConstraint *first = req == own.required.end() ? nullptr : &req->second.front();
      const auto forced = in_force.find(name);
      if (forced == in_force.end()) {
        if (first) {
          ctx.report(*first->doc, first->at,
                     "Provider '" + name +
                         "' has no version constraint; a new major release can rename attributes and change "
                         "what the same configuration deploys",
                     "terraform.required_providers." + name);
        } else {
          const auto &[doc, header] = own.configured.at(name);
          ctx.report(*doc, header,
                     "This root configures provider '" + name +
                         "' but no version constraint applies to it; each run may pick a different provider "
                         "release",
                     "provider." + name);
        }
        continue;
      }
      if (bounds_from_above(forced->second)) {
        ctx.passed();
        continue;
      }
      const Document *doc = first ? first->doc : own.configured.at(name).first;
      const Span at = first ? first->at : own.configured.at(name).second;
      std::string stated;
      for (const std::string &c : forced->second) stated += (stated.empty() ? "" : "; ") + c;
      ctx.report(*doc, at,
                 "Provider '" + name + "' is constrained only from below (" + stated +
                     "); the next major release is installed as soon as it is published",
                 "terraform.required_providers." + name);
    }
  }
}

const NativeCheckRegistrar kBudget("CL-0201", &budget_defined);
const NativeCheckRegistrar kPinned("CL-0202", &provider_pinned);

}  // namespace
}  // namespace clause::infra
