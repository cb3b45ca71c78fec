// End-to-end tests of the `clause` binary: exit codes, the demo's findings,
// output files, rule listing.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "cli_run.h"

namespace {

namespace fs = std::filesystem;

using clause::testing::CliRun;
using clause::testing::run;
using clause::testing::src;

TEST(Cli, DemoReportsEachRuleAtItsLine) {
  CliRun r = run("scan --no-color " + src("fixtures/demo"));
  EXPECT_EQ(r.exit_code, 1) << r.out;
  std::string root = src("fixtures/demo");
  EXPECT_NE(r.out.find(root + "/infra/database.tf:15:3: high: [CL-0901]"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(root + "/infra/logging.tf:6:1: medium: [CL-1001]"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(root + "/infra/logging.tf:12:3: medium: [CL-1001]"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(root + "/infra/storage.tf:14:1: medium: [CL-0301]"), std::string::npos) << r.out;
}

TEST(Cli, FailOnControlsTheExitCode) {
  EXPECT_EQ(run("scan -q " + src("fixtures/demo") + " --fail-on high").exit_code, 1);
  EXPECT_EQ(run("scan -q " + src("fixtures/demo") + " --fail-on critical").exit_code, 0);
  EXPECT_EQ(run("scan -q " + src("fixtures/demo") + " --fail-on never").exit_code, 0);
  EXPECT_EQ(run("scan -q " + src("fixtures/rules/CL-0901/pass")).exit_code, 0);
}

TEST(Cli, UsageErrorsExitTwo) {
  EXPECT_EQ(run("scan --fail-on sometimes " + src("fixtures/demo")).exit_code, 2);
  EXPECT_EQ(run("scan /nonexistent/path/for/clause").exit_code, 2);
  EXPECT_EQ(run("scan --enable CL-9999 " + src("fixtures/demo")).exit_code, 2);
  EXPECT_EQ(run("frobnicate").exit_code, 2);
}

TEST(Cli, SelectionNarrowsTheRules) {
  CliRun r = run("scan --no-color --enable CL-1001 " + src("fixtures/demo"));
  EXPECT_EQ(r.out.find("CL-0901"), std::string::npos);
  EXPECT_NE(r.out.find("CL-1001"), std::string::npos);
  CliRun s = run("scan --no-color --scenario 5.9 " + src("fixtures/demo"));
  EXPECT_NE(s.out.find("CL-0901"), std::string::npos);
  EXPECT_EQ(s.out.find("CL-1001"), std::string::npos);
}

TEST(Cli, WritesSeveralFormatsToFiles) {
  fs::path dir = fs::temp_directory_path() / ("clause-cli-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::string sarif = (dir / "out.sarif").string();
  std::string json = (dir / "out.json").string();
  CliRun r = run("scan -q " + src("fixtures/demo") + " -o sarif=" + sarif + " -o json=" + json);
  EXPECT_EQ(r.exit_code, 1) << r.out;
  std::ifstream in(sarif);
  auto doc = nlohmann::json::parse(in);
  EXPECT_EQ(doc["version"], "2.1.0");
  EXPECT_EQ(doc["runs"][0]["results"].size(), 4u);
  EXPECT_TRUE(fs::exists(json));
  for (const auto &e : fs::directory_iterator(dir))
    EXPECT_EQ(e.path().string().find(".tmp."), std::string::npos) << "temporary file left behind";
  fs::remove_all(dir);
}

TEST(Cli, RulesJsonListsMetadata) {
  CliRun r = run("rules --format json");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  auto rules = nlohmann::json::parse(r.out);
  bool found = false;
  for (const auto &rule : rules) {
    if (rule["id"] != "CL-0901") continue;
    found = true;
    EXPECT_EQ(rule["name"], "ops.backup-enabled");
    EXPECT_EQ(rule["scenario"], "5.9");
    EXPECT_EQ(rule["severity"], "high");
    EXPECT_EQ(rule["documented"], true);
  }
  EXPECT_TRUE(found);
}

TEST(Cli, ExplainPrintsTheDocPage) {
  CliRun r = run("explain ops.backup-enabled");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out.rfind("# CL-0901 ops.backup-enabled", 0), 0u) << r.out;
  EXPECT_EQ(run("explain CL-0000").exit_code, 2);
}

TEST(Cli, VersionNamesTheRevision) {
  CliRun r = run("version");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out.rfind("clause 0.1.0 (", 0), 0u) << r.out;
}

TEST(Cli, ParseErrorsAreReportedAndTheScanGoesOn) {
  fs::path dir = fs::temp_directory_path() / ("clause-parse-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "broken.tf") << "resource \"aws_db_instance\" \"a\" {\n  engine = = \"x\"\n}\n";
  std::ofstream(dir / "ok.tf") << "resource \"aws_db_instance\" \"b\" {\n  backup_retention_period = 1\n}\n";
  CliRun r = run("scan --no-color --enable CL-0901 " + dir.string());
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_NE(r.out.find(dir.string() + "/broken.tf:2:"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("[parse-error]"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(dir.string() + "/ok.tf:2:3: high: [CL-0901]"), std::string::npos) << r.out;
  fs::remove_all(dir);
}

}  // namespace
