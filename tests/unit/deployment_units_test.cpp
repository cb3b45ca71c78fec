// Deployment units (docs/architecture.md, "Deployment units"): a module at
// the repository root judged through its examples' calls, account-level
// controls once per root module with the unit named, agreements bound to
// units, and pre-commit runs that report what a change causes elsewhere in
// its unit, driven through the documented hook commands.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "checker/engine/rule_set.h"
#include "checker/project/loader.h"
#include "checker/project/units.h"
#include "checker/scan/scanner.h"
#include "tests/unit/cli_run.h"

namespace clause {
namespace {

using testing::CliRun;
using testing::run_in;
using testing::run_shell;
using testing::TempTree;

Report scan_with(const std::string &root, const std::string &rule) {
  RuleSet rules = RuleSet::builtin();
  rules.filter([&](const Rule &r) { return r.info.id == rule; });
  ScanOptions opts;
  opts.roots = {root};
  return run_scan(rules, opts);
}

TEST(DeploymentUnits, RootModuleIsJudgedThroughEachExampleCall) {
  Report report = scan_with(testing::src("fixtures/rules/CL-0901/fail-root-module"), "CL-0901");
  const auto &findings = report.roots.at(0).findings;
  ASSERT_EQ(findings.size(), 1u);
  const Finding &f = findings[0];
  EXPECT_EQ(f.rule_id, "CL-0901");
  EXPECT_EQ(f.location.path, "examples/insecure/main.tf");
  EXPECT_EQ(f.location.span.start_line, 6u);
  EXPECT_EQ(f.location.span.start_col, 3u);
  EXPECT_EQ(f.resource, "module.db.aws_db_instance.this");
  EXPECT_EQ(f.snippet, "  backup_retention_period = 1 # expect: CL-0901");
  ASSERT_EQ(f.related.size(), 2u);
  // The module's own line that uses the value, then the module call.
  EXPECT_EQ(f.related[0].location.path, "main.tf");
  EXPECT_EQ(f.related[0].location.span.start_line, 12u);
  EXPECT_EQ(f.related[0].message, "the module uses the value here");
  EXPECT_EQ(f.related[1].location.path, "examples/insecure/main.tf");
  EXPECT_EQ(f.related[1].location.span.start_line, 3u);
  EXPECT_EQ(f.related[1].message, "instantiated through this module call");
}

TEST(DeploymentUnits, AValueAConditionalPassesOnIsReportedAtTheCallersArgument) {
  TempTree t;
  t.write("modules/db/main.tf",
          "variable \"days\" {}\nvariable \"flag\" {\n  default = null\n}\n"
          "resource \"aws_db_instance\" \"this\" {\n"
          "  backup_retention_period = var.flag != null ? coalesce(var.days, 1) : var.days\n}\n");
  t.write("main.tf", "module \"db\" {\n  source = \"./modules/db\"\n  days   = 0\n}\n");
  Report report = scan_with(t.path(), "CL-0901");
  ASSERT_EQ(report.roots.at(0).findings.size(), 1u);
  const Finding &f = report.roots.at(0).findings[0];
  EXPECT_EQ(f.location.path + ":" + std::to_string(f.location.span.start_line), "main.tf:3");
  EXPECT_EQ(
      f.message,
      "module.db.aws_db_instance.this is not backed up as required (backup_retention_period is 0); keep "
      "automated backups for at least the configured minimum (minRetentionDays, 7 days by default) or add it "
      "to "
      "an AWS Backup plan");
  // A value the module computed is reported where the module computes it.
  t.write("modules/db/main.tf",
          "variable \"days\" {}\nresource \"aws_db_instance\" \"this\" {\n"
          "  backup_retention_period = var.days + 1\n}\n");
  report = scan_with(t.path(), "CL-0901");
  ASSERT_EQ(report.roots.at(0).findings.size(), 1u);
  EXPECT_EQ(report.roots.at(0).findings[0].location.path, "modules/db/main.tf");
}

TEST(DeploymentUnits, UnitsOfATerraformRootKubernetesApplicationsAndStacks) {
  TempTree t;
  t.write("main.tf", "resource \"aws_s3_bucket\" \"b\" {}\n");
  t.write("examples/a/main.tf", "module \"m\" {\n  source = \"../../\"\n}\n");
  t.write("k8s/shop/kustomization.yaml", "resources: [base/deploy.yaml]\n");
  t.write("k8s/shop/base/deploy.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\n");
  t.write("k8s/plain/deploy.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\n");
  t.write("stacks/vpc.yaml", "Resources:\n  Vpc:\n    Type: AWS::EC2::VPC\n");
  Project p = load_project(discover(t.path(), {}), {});
  std::string units;  // resource -> its unit, in project order
  for (const Resource &r : p.resources)
    units += r.address + " @ " + unit_kind_name(p.unit_of(r)->kind) + " " + p.unit_of(r)->name() + "\n";
  EXPECT_EQ(units,
            "Deployment/default/web @ kubernetes application k8s/plain\n"
            "Vpc @ cloudformation stack stacks/vpc.yaml\n"
            "Deployment/default/web @ kubernetes application k8s/shop\n"
            "module.m.aws_s3_bucket.b @ terraform root module examples/a\n");
  ASSERT_EQ(p.units.size(), 4u);
  // A file of the module at the top belongs to the example's root; a
  // deleted manifest to the application above it.
  auto names = [&](const std::string &rel) {
    std::string out;
    for (uint32_t u : units_of_file(p, rel)) out += p.units[u].name() + " ";
    return out;
  };
  EXPECT_EQ(names("variables.tf"), "examples/a ");
  EXPECT_EQ(names("k8s/shop/base/gone.yaml"), "k8s/shop ");
  EXPECT_EQ(names("stacks/vpc.yaml"), "stacks/vpc.yaml ");
}

const char *kProviders = "provider \"aws\" {\n  region = \"eu-central-1\"\n}\n";
const char *kTrail =
    "resource \"aws_cloudtrail\" \"main\" {\n"
    "  name                       = \"main\"\n"
    "  s3_bucket_name             = \"trail\"\n"
    "  is_multi_region_trail      = true\n"
    "  enable_log_file_validation = true\n"
    "}\n";

// A repository with one root module whose account-level trail is in
// trail.tf; its provider block in providers.tf.
class UnitPreCommit : public ::testing::Test {
 protected:
  void SetUp() override {
    t.write("live/providers.tf", kProviders);
    t.write("live/trail.tf", kTrail);
    t.write("live/bucket.tf", "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"b\"\n}\n");
    t.write("other/providers.tf", kProviders);
    t.write("other/trail.tf", kTrail);
    git("init -q");
    git("add .");
    git("-c user.name=test -c user.email=test@example.com commit -q -m initial");
  }
  void git(const std::string &args) {
    CliRun r = run_shell("git -C '" + t.path() + "' " + args);
    ASSERT_EQ(r.exit_code, 0) << "git " << args << ": " << r.out;
  }
  TempTree t;
};

TEST_F(UnitPreCommit, AChangeThatBreaksTheTrailBlocksTheCommitAtTheProviderBlock) {
  std::string broken = kTrail;
  broken.replace(broken.find("true"), 4, "false");
  t.write("live/trail.tf", broken);
  git("add live/trail.tf");
  // The documented plain hook (docs/pre-commit.md).
  CliRun r = run_in(t.path(), "scan --no-color --enable CL-1002 --changed-since HEAD .");
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_NE(
      r.out.find("live/providers.tf:1:1: high: [CL-1002] In terraform root module live: No multi-region "
                 "CloudTrail trail that is logging is defined"),
      std::string::npos)
      << r.out;
  EXPECT_EQ(r.out.find("other/"), std::string::npos) << r.out;
  // The pre-commit framework's hook script, with the file pre-commit passes.
  const std::string hook = testing::src("scripts/pre-commit-clause");
  CliRun h = run_shell("cd '" + t.path() + "' && CLAUSE=" + CLAUSE_BINARY + " " + hook +
                       " --no-color --enable=CL-1002 live/trail.tf");
  EXPECT_EQ(h.exit_code, 1) << h.out;
  // The hook prints paths relative to the repository.
  EXPECT_EQ(h.out.rfind("live/providers.tf:1:1: high: [CL-1002]", 0), 0u) << h.out;
  // A file of another unit selects nothing of this one.
  CliRun other = run_in(t.path(), "scan --no-color --enable CL-1002 . --only-files other/trail.tf");
  EXPECT_EQ(other.exit_code, 0) << other.out;
}

TEST_F(UnitPreCommit, DeletingTheTrailSelectsItsUnit) {
  git("rm -q live/trail.tf");
  CliRun r = run_in(t.path(), "scan --no-color --enable CL-1002 --changed-since HEAD .");
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_NE(r.out.find("live/providers.tf:1:1: high: [CL-1002]"), std::string::npos) << r.out;
  // The documented hook that passes staged names, deleted ones included.
  CliRun h = run_shell("cd '" + t.path() + "' && git diff --cached --name-only -z | xargs -0 -r env -u CI " +
                       CLAUSE_BINARY + " scan --no-color --enable CL-1002 . --only-files");
  EXPECT_NE(h.exit_code, 0) << h.out;
  EXPECT_NE(h.out.find("live/providers.tf:1:1: high: [CL-1002]"), std::string::npos) << h.out;
}

TEST(DeploymentUnits, SarifNamesTheUnitOfAnAccountLevelFinding) {
  TempTree t;
  t.write(".git/HEAD", "ref: refs/heads/main\n");
  t.write("accounts/sandbox/main.tf", std::string(kProviders) + "resource \"aws_s3_bucket\" \"b\" {}\n");
  t.write("accounts/audit/main.tf", std::string(kProviders) + kTrail);
  CliRun r = run_in(t.path(), "scan -f sarif --enable CL-1002 .");
  EXPECT_EQ(r.exit_code, 1) << r.out;
  const nlohmann::json sarif = nlohmann::json::parse(r.out);
  const auto &results = sarif["runs"][0]["results"];
  ASSERT_EQ(results.size(), 1u) << r.out;
  EXPECT_EQ(results[0]["properties"]["unit"], "accounts/sandbox");
  EXPECT_EQ(results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "accounts/sandbox/main.tf");
  EXPECT_EQ(results[0]["message"]["text"].get<std::string>().rfind(
                "In terraform root module accounts/sandbox: No multi-region CloudTrail", 0),
            0u);
}

const char *kAgreement =
    "apiVersion: clause/v1alpha1\n"
    "kind: CloudServiceAgreement\n"
    "metadata: {id: csa, version: \"1.0\"}\n"
    "dataManagement:\n"
    "  location:\n"
    "    allowed: [EU]\n";
const char *kUsBucket =
    "provider \"aws\" {\n  region = \"us-east-1\"\n}\n"
    "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"b\"\n}\n";

// The files reported by a CL-0170 scan of `t`, in order.
std::string residency_files(const TempTree &t) {
  CliRun r = run_in(t.path(), "scan -f json --enable CL-0170 .");
  const nlohmann::json report = nlohmann::json::parse(r.out);
  std::string out;
  for (const auto &f : report["roots"][0]["findings"]) out += f["location"]["path"].get<std::string>() + " ";
  return out;
}

TEST(DeploymentUnits, AnAgreementBindsTheUnitsBelowItOrThoseTheConfigNames) {
  TempTree t;
  t.write(".git/HEAD", "ref: refs/heads/main\n");
  t.write("payments/agreement.yaml", kAgreement);
  t.write("payments/infra/main.tf", kUsBucket);
  t.write("marketing/main.tf", kUsBucket);
  // Beside the payments root: it binds that one only.
  EXPECT_EQ(residency_files(t), "payments/infra/main.tf ");
  // Bound by name to the marketing root instead.
  t.write(".clause.yaml", "agreements:\n  payments/agreement.yaml: [marketing]\n");
  EXPECT_EQ(residency_files(t), "marketing/main.tf ");
  // At the top of the repository: every unit.
  t.write(".clause.yaml", "");
  t.write("agreement.yaml", kAgreement);
  std::filesystem::remove(t / "payments/agreement.yaml");
  EXPECT_EQ(residency_files(t), "marketing/main.tf payments/infra/main.tf ");
}

TEST(DeploymentUnits, DeclaredUnitsJoinRootModules) {
  TempTree t;
  t.write(".git/HEAD", "ref: refs/heads/main\n");
  t.write("live/prod/network/main.tf", std::string(kProviders) + "resource \"aws_s3_bucket\" \"b\" {}\n");
  t.write("live/prod/audit/main.tf", std::string(kProviders) + kTrail);
  EXPECT_EQ(run_in(t.path(), "scan -q --no-color --enable CL-1002 .").exit_code, 1);
  t.write(".clause.yaml", "units: [\"live/*\"]\n");
  CliRun r = run_in(t.path(), "scan --no-color --enable CL-1002 .");
  EXPECT_EQ(r.exit_code, 0) << r.out;
}

}  // namespace
}  // namespace clause
