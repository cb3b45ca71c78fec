// Every rule that reads Terraform, on every case of its fixtures with .tf
// files: the case scanned as HCL and as the plan `terraform show -json`
// would write for it (tests/unit/plan_from_hcl.h) gives the same findings of
// that rule, at the same .tf lines (the plan's findings mapped back through
// the lines the plan's values came from). The differences that remain are
// listed in kExceptions, each with its reason; the test fails when an
// exception is no longer needed.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <tuple>

#include "checker/discovery/discover.h"
#include "checker/engine/rule_set.h"
#include "checker/project/loader.h"
#include "checker/scan/scanner.h"
#include "tests/unit/cli_run.h"
#include "tests/unit/plan_from_hcl.h"

namespace clause {
namespace {

namespace fs = std::filesystem;

// (rule, case directory under fixtures/rules/<rule>/) -> why the plan cannot
// give the HCL's findings.
const std::map<std::pair<std::string, std::string>, std::string> kExceptions = {
    {{"CL-0101", "fail"},
     "the check reads a Terraform block a plan does not hold as such (provider, terraform, variable): "
     "account-level control judged at the provider block"},
    {{"CL-0101", "fail-google-zone"},
     "the check reads a Terraform block a plan does not hold as such (provider, terraform, variable): "
     "account-level control judged at the provider block"},
    {{"CL-0102", "fail"},
     "the check reads a Terraform block a plan does not hold as such (provider, terraform, variable): "
     "account-level control judged at the provider block"},
    {{"CL-0102", "fail-cfn"},
     "the check reads a Terraform block a plan does not hold as such (provider, terraform, variable): "
     "account-level control judged at the provider block"},
    {{"CL-0102", "pass-cfn"},
     "the check reads a Terraform block a plan does not hold as such (provider, terraform, variable): "
     "account-level control judged at the provider block"},
    {{"CL-0170", "fail"},
     "the check reads a Terraform block a plan does not hold as such (provider, terraform, variable): the "
     "region of a provider alias (`provider = aws.london`); plan resources carry no provider configuration "
     "key here"},
    {{"CL-0171", "fail"},
     "the check reads a Terraform block a plan does not hold as such (provider, terraform, variable): the "
     "region of the provider alias of a replica's destination bucket"},
    {{"CL-0173", "fail"},
     "the check reads a Terraform block a plan does not hold as such (provider, terraform, variable): "
     "providers as sub-processors, judged at the provider block"},
    {{"CL-0201", "fail"},
     "the check reads a Terraform block a plan does not hold as such (provider, terraform, variable): "
     "account-level control judged at the provider block"},
    {{"CL-0201", "fail-cfn"},
     "the check reads a Terraform block a plan does not hold as such (provider, terraform, variable): "
     "account-level control judged at the provider block"},
    {{"CL-0201", "pass-cfn"},
     "the check reads a Terraform block a plan does not hold as such (provider, terraform, variable): "
     "account-level control judged at the provider block"},
    {{"CL-0202", "fail"},
     "the check reads a Terraform block a plan does not hold as such (provider, terraform, variable): "
     "provider version constraints (required_providers); a plan names no constraint"},
    {{"CL-0202", "fail-lower-bound"},
     "the check reads a Terraform block a plan does not hold as such (provider, terraform, variable): "
     "provider version constraints (required_providers); a plan names no constraint"},
    {{"CL-0202", "fail-root"},
     "the check reads a Terraform block a plan does not hold as such (provider, terraform, variable): "
     "provider version constraints (required_providers); a plan names no constraint"},
    {{"CL-0301", "pass-unknown"},
     "the check reads a Terraform block a plan does not hold as such (provider, terraform, variable): "
     "whether a provider block passes default_tags (a caller may); the plan, with no provider_config, is "
     "judged complete"},
    {{"CL-0371", "fail"},
     "the check reads a Terraform block a plan does not hold as such (provider, terraform, variable): the "
     "provider's default_tags, reported at the provider block; the plan reports the resource"},
    {{"CL-0601", "fail"},
     "the check reads a Terraform block a plan does not hold as such (provider, terraform, variable): "
     "account-level control judged at the provider block"},
    {{"CL-1002", "fail"},
     "the check reads a Terraform block a plan does not hold as such (provider, terraform, variable): "
     "account-level control judged at the provider block"},
    {{"CL-1002", "fail-azure"},
     "the check reads a Terraform block a plan does not hold as such (provider, terraform, variable): "
     "account-level control judged at the provider block"},
    {{"CL-1002", "fail-two-roots"},
     "the check reads a Terraform block a plan does not hold as such (provider, terraform, variable): "
     "account-level control judged at the provider block"},
    {{"CL-1104", "pass-tf"},
     "the check reads a Terraform block a plan does not hold as such (provider, terraform, variable): the "
     "azurerm provider version, which names the attribute; the plan has no version constraint"},
    {{"CL-1104", "pass-unknown"},
     "the check reads a Terraform block a plan does not hold as such (provider, terraform, variable): a "
     "variable's declaration (type bool, no default)"},
    {{"CL-1201", "fail"},
     "the check reads a Terraform block a plan does not hold as such (provider, terraform, variable): "
     "account-level control judged at the provider block"},
    {{"CL-1201", "fail-cfn"},
     "the check reads a Terraform block a plan does not hold as such (provider, terraform, variable): "
     "account-level control judged at the provider block"},
    {{"CL-1201", "pass-cfn"},
     "the check reads a Terraform block a plan does not hold as such (provider, terraform, variable): "
     "account-level control judged at the provider block"},
    {{"CL-1370", "pass-prevent-destroy"},
     "the check reads a Terraform block a plan does not hold as such (provider, terraform, variable): "
     "`lifecycle { prevent_destroy = true }`, which a plan JSON does not record"},
};

using Seen = std::set<std::tuple<std::string, uint32_t>>;  // .tf file name, line

Report scan_one_rule(const std::string &root, const std::string &rule) {
  RuleSet rules = RuleSet::builtin();
  rules.filter([&](const Rule &r) { return r.info.id == rule; });
  ScanOptions opts;
  opts.roots = {root};
  return run_scan(rules, opts);
}

std::string file_name(const std::string &path) { return fs::path(path).filename().string(); }

Seen hcl_findings(const Report &report) {
  Seen out;
  for (const Finding &f : report.roots.at(0).findings) {
    // A value a module call passed down stands at the call's argument; the
    // plan knows only the module's line, which the HCL finding relates.
    Location at = f.location;
    for (const RelatedLocation &r : f.related)
      if (r.message == "the module uses the value here") at = r.location;
    out.emplace(file_name(at.path), at.span.start_line);
  }
  return out;
}

bool has_tf(const fs::path &dir) {
  for (const auto &e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file() && e.path().extension() == ".tf") return true;
  return false;
}

std::string describe(const Seen &s) {
  std::string out;
  for (const auto &[file, line] : s) out += " " + file + ":" + std::to_string(line);
  return out.empty() ? " (none)" : out;
}

TEST(PlanParityRules, EveryTerraformRuleGivesTheSameFindingsAsHclAndAsPlan) {
  const fs::path fixtures = fs::path(CLAUSE_SOURCE_DIR) / "fixtures" / "rules";
  std::set<std::pair<std::string, std::string>> differing;
  size_t cases = 0, agreeing_findings = 0;
  const RuleSet all = RuleSet::builtin();
  for (const Rule &rule : all.rules()) {
    const fs::path dir = fixtures / rule.info.id;
    if (!fs::is_directory(dir)) continue;
    std::set<fs::path> case_dirs;
    for (const auto &e : fs::directory_iterator(dir))
      if (e.is_directory() && has_tf(e.path())) case_dirs.insert(e.path());
    for (const fs::path &case_dir : case_dirs) {
      const std::string name = case_dir.filename().string();
      ++cases;
      const Seen hcl = hcl_findings(scan_one_rule(case_dir.string(), rule.info.id));
      Project project = load_project(discover(case_dir.string(), {}), {});
      const testing::PlanFromHcl plan = testing::plan_from_hcl(project.resources);
      testing::TempTree t;
      t.write("plan.json", plan.json);
      // The case's other files (agreements, templates, manifests, its
      // .clause.yaml) beside the plan, as they are beside the .tf.
      for (const auto &e : fs::recursive_directory_iterator(case_dir)) {
        const std::string ext = e.path().extension().string();
        if (e.is_regular_file() && ext != ".tf" && ext != ".tfvars" && ext != ".expect")
          t.write(e.path().lexically_relative(case_dir).string(), testing::read_file(e.path()));
      }
      Seen from_plan;
      const Report plan_report = scan_one_rule(t.path(), rule.info.id);
      for (const Finding &f : plan_report.roots.at(0).findings) {
        auto it = plan.source_line.find(f.location.span.start_line);
        if (file_name(f.location.path) != "plan.json") it = plan.source_line.end();
        if (it == plan.source_line.end()) {
          from_plan.emplace(file_name(f.location.path), f.location.span.start_line);
        } else {
          from_plan.emplace(file_name(it->second.first), it->second.second);
        }
      }
      const auto key = std::make_pair(rule.info.id, name);
      if (hcl == from_plan) {
        agreeing_findings += hcl.size();
        continue;
      }
      differing.insert(key);
      if (kExceptions.count(key)) continue;
      ADD_FAILURE() << rule.info.id << " " << name << ": HCL" << describe(hcl) << "; plan"
                    << describe(from_plan);
    }
  }
  for (const auto &[key, reason] : kExceptions)
    EXPECT_TRUE(differing.count(key)) << key.first << " " << key.second
                                      << " is listed as an exception but gives the same findings: remove it";
  EXPECT_GT(cases, 100u);
  EXPECT_GT(agreeing_findings, 100u);
  std::printf("%zu cases, %zu findings alike as HCL and as plan, %zu cases differ\n", cases,
              agreeing_findings, differing.size());
}

}  // namespace
}  // namespace clause
