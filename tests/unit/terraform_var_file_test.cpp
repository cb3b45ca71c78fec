// `clause scan --var-file FILE`: Terraform variable values for the root
// modules, applied in command-line order.
#include <gtest/gtest.h>

#include "tests/unit/cli_run.h"

namespace {

using clause::testing::CliRun;
using clause::testing::run;
using clause::testing::src;

const std::string kRoot = "fixtures/terraform/var-file";

TEST(TerraformVarFile, ValuesDecideWhatTheSourceLeavesOpen) {
  // Without a value the retention is unknown: nothing to report.
  CliRun none = run("scan --no-color --enable CL-0901 " + src(kRoot));
  EXPECT_EQ(none.exit_code, 0) << none.out;
  CliRun prod =
      run("scan --no-color --enable CL-0901 --var-file " + src(kRoot + "/prod.tfvars") + " " + src(kRoot));
  EXPECT_EQ(prod.exit_code, 1) << prod.out;
  EXPECT_NE(prod.out.find(src(kRoot) + "/main.tf:8:3: medium: [CL-0901] aws_db_instance.ledger"),
            std::string::npos)
      << prod.out;
  EXPECT_NE(prod.out.find("(backup_retention_period is 3)"), std::string::npos) << prod.out;
}

TEST(TerraformVarFile, LaterFilesWinAndJsonIsRead) {
  CliRun r = run("scan --no-color --enable CL-0901 --var-file " + src(kRoot + "/prod.tfvars") +
                 " --var-file " + src(kRoot + "/prod.tfvars.json") + " " + src(kRoot));
  EXPECT_EQ(r.exit_code, 0) << r.out;
}

TEST(TerraformVarFile, MissingFileIsAUsageError) {
  CliRun r = run("scan --var-file /nonexistent/clause.tfvars " + src(kRoot));
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_NE(r.out.find("--var-file /nonexistent/clause.tfvars: cannot read this file"), std::string::npos)
      << r.out;
}

}  // namespace
