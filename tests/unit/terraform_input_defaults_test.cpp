// Findings that rest on a root module's input variable defaults
// (checker/terraform/input_defaults.h): the message says which default
// decided the value; a variable file that sets it removes the note; in a
// reusable module nothing in the scan calls (no provider configured, no
// state kept, outputs declared) the callers choose the value, so the check
// is undecided (listed with --strict), not a finding.
#include <gtest/gtest.h>

#include <string>

#include "tests/unit/cli_run.h"

namespace clause {
namespace {

using testing::run_in;
using testing::TempTree;

const std::string kDatabase =
    "resource \"aws_db_instance\" \"db\" {\n"
    "  engine                  = \"postgres\"\n"
    "  backup_retention_period = var.retention\n"
    "}\n";
const std::string kVariables =
    "variable \"retention\" {\n"
    "  type    = number\n"
    "  default = 1\n"
    "}\n";
const std::string kTail =
    "; keep automated backups for at least the configured minimum (minRetentionDays, 7 days by default) or "
    "add "
    "it to an AWS Backup plan";
const std::string kScan = "scan --no-cache --no-config --no-color --enable CL-0901 ";

TEST(TerraformInputDefaults, MessageNamesTheVariableWhoseDefaultDecided) {
  TempTree t;
  t.write("root/main.tf", "provider \"aws\" {\n  region = \"eu-west-1\"\n}\n" + kDatabase);
  t.write("root/variables.tf", kVariables);
  auto r = run_in(t.path(), kScan + "root");
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_NE(r.out.find("root/main.tf:6:3: medium: [CL-0901] aws_db_instance.db is not backed up as required "
                       "(backup_retention_period is 1)" +
                       kTail + " (with the default of variable retention)\n"),
            std::string::npos)
      << r.out;
}

TEST(TerraformInputDefaults, VariableFileValueIsNoDefault) {
  TempTree t;
  t.write("root/main.tf", "provider \"aws\" {}\n" + kDatabase);
  t.write("root/variables.tf", kVariables);
  t.write("root/terraform.tfvars", "retention = 3\n");
  auto r = run_in(t.path(), kScan + "root");
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_NE(r.out.find("root/main.tf:4:3: medium: [CL-0901] aws_db_instance.db is not backed up as required "
                       "(backup_retention_period is 3)" +
                       kTail + "\n"),
            std::string::npos)
      << r.out;
}

TEST(TerraformInputDefaults, ReusableModuleWithoutCallerIsUndecided) {
  TempTree t;
  t.write("modules/db/main.tf", kDatabase);
  t.write("modules/db/variables.tf", kVariables);
  t.write("modules/db/outputs.tf", "output \"id\" {\n  value = aws_db_instance.db.id\n}\n");
  auto quiet = run_in(t.path(), kScan + "modules/db");
  EXPECT_EQ(quiet.exit_code, 0) << quiet.out;
  EXPECT_EQ(quiet.out.find("[CL-0901]"), std::string::npos) << quiet.out;
  auto strict = run_in(t.path(), kScan + "--strict modules/db");
  EXPECT_NE(
      strict.out.find("modules/db/main.tf:3:3: info: [CL-0901] CL-0901 could not be decided for "
                      "aws_db_instance.db: backup_retention_period rests on the default of variable "
                      "retention of a module that nothing in the scan calls or deploys (it configures no "
                      "provider, keeps no state and declares outputs); its callers choose the value\n"),
      std::string::npos)
      << strict.out;
  // The same module with a provider block is deployed from here: reported.
  t.write("modules/db/providers.tf", "provider \"aws\" {}\n");
  auto deployed = run_in(t.path(), kScan + "modules/db");
  EXPECT_EQ(deployed.exit_code, 1) << deployed.out;
  EXPECT_NE(deployed.out.find("(with the default of variable retention)"), std::string::npos) << deployed.out;
}

// A `dynamic` block whose for_each a default left empty removed the
// setting: the note says so at the resource.
TEST(TerraformInputDefaults, DynamicBlockADefaultLeftEmpty) {
  TempTree t;
  t.write("root/main.tf",
          "provider \"google\" {}\n"
          "variable \"backups\" {\n"
          "  default = false\n"
          "}\n"
          "resource \"google_sql_database_instance\" \"db\" {\n"
          "  database_version = \"POSTGRES_15\"\n"
          "  settings {\n"
          "    tier = \"db-f1-micro\"\n"
          "    dynamic \"backup_configuration\" {\n"
          "      for_each = var.backups ? [1] : []\n"
          "      content {\n"
          "        enabled = true\n"
          "      }\n"
          "    }\n"
          "  }\n"
          "}\n");
  auto r = run_in(t.path(), kScan + "root");
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_NE(
      r.out.find("root/main.tf:5:1: medium: [CL-0901] google_sql_database_instance.db is not backed up as "
                 "required (settings.backup_configuration.enabled is false (default))" +
                 kTail + " (with the default of variable backups)\n"),
      std::string::npos)
      << r.out;
}

}  // namespace
}  // namespace clause

namespace clause {
namespace {

// Native checks say it too: a cross-document check (CL-0971, retention
// against the agreement) on a value a root variable's default decided.
const std::string kAgreement =
    "apiVersion: clause/v1alpha1\n"
    "kind: CloudServiceAgreement\n"
    "metadata: { id: csa, version: \"1.0\" }\n"
    "reliability:\n"
    "  backup: { frequency: PT1H, retention: P35D }\n";
const std::string kRetention = "variable \"retention\" {\n  default = 7\n}\n";
const std::string kNativeScan = "scan --no-cache --no-config --no-color --enable CL-0971 ";

TEST(TerraformInputDefaults, NativeChecksNameTheVariableWhoseDefaultDecided) {
  testing::TempTree t;
  t.write("main.tf", "provider \"aws\" {\n  region = \"eu-west-1\"\n}\n" + kDatabase + kRetention);
  t.write("agreement.yaml", kAgreement);
  auto r = testing::run_in(t.path(), kNativeScan + "--disable CL-0901 .");
  EXPECT_NE(r.out.find("main.tf:6:3: high: [CL-0971] "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("kept 7 days (point-in-time recovery (backup_retention_period = 7)) (with the default "
                       "of variable retention)"),
            std::string::npos)
      << r.out;
  // Set by a variable file: no default, no note.
  t.write("terraform.tfvars", "retention = 3\n");
  r = testing::run_in(t.path(), kNativeScan + "--disable CL-0901 .");
  EXPECT_NE(r.out.find("kept 3 days"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("with the default of"), std::string::npos) << r.out;
}

TEST(TerraformInputDefaults, NativeChecksLeaveAReusableModulesDefaultToItsCallers) {
  testing::TempTree t;
  t.write("main.tf", kDatabase + kRetention + "output \"id\" {\n  value = aws_db_instance.db.id\n}\n");
  t.write("agreement.yaml", kAgreement);
  auto r = testing::run_in(t.path(), kNativeScan + "--disable CL-0901 --strict .");
  EXPECT_EQ(r.out.find("high: [CL-0971]"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("info: [CL-0971] CL-0971 could not be decided for aws_db_instance.db: it depends on "
                       "`var.retention`"),
            std::string::npos)
      << r.out;
}

}  // namespace
}  // namespace clause
