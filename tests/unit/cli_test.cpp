// End-to-end tests of the `clause` binary: exit codes, the demo's findings,
// output files, rule listing.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "tests/unit/cli_run.h"

namespace {

namespace fs = std::filesystem;

using clause::testing::CliRun;
using clause::testing::run;
using clause::testing::src;

TEST(Cli, DemoReportsEachRuleAtItsLine) {
  CliRun r = run("scan --no-color --profile all " + src("fixtures/demo"));
  EXPECT_EQ(r.exit_code, 1) << r.out;
  std::string root = src("fixtures/demo");
  EXPECT_NE(r.out.find(root + "/infra/database.tf:15:3: medium: [CL-0901]"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(root + "/infra/logging.tf:6:1: medium: [CL-1001]"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(root + "/infra/logging.tf:12:3: medium: [CL-1001]"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(root + "/infra/storage.tf:14:1: medium: [CL-0301]"), std::string::npos) << r.out;
}

// The demo's agreement against its Terraform: each cross-document finding
// stands at the infrastructure line with the agreement's promise as a note.
TEST(Cli, DemoReportsWhereTheInfrastructureBreaksTheAgreement) {
  CliRun r = run("scan --no-color --profile all " + src("fixtures/demo"));
  std::string root = src("fixtures/demo");
  auto finding_then_note = [&](const std::string &finding, const std::string &note) {
    size_t at = r.out.find(root + finding);
    ASSERT_NE(at, std::string::npos) << finding << "\n" << r.out;
    size_t next = r.out.find(root + note, at);
    ASSERT_NE(next, std::string::npos) << note << "\n" << r.out;
    EXPECT_EQ(r.out.substr(next + root.size() + note.size(), 7), " note: ") << r.out;
  };
  // The replica bucket is in London (eu-west-2): not in the EU.
  finding_then_note("/infra/storage.tf:26:7: critical: [CL-0171]", "/agreement.yaml:121:5:");
  // Backups kept 3 days against a 35-day promise.
  finding_then_note("/infra/database.tf:15:3: high: [CL-0971]", "/agreement.yaml:198:31:");
  // Access logs kept 90 days against a 365-day promise.
  finding_then_note("/infra/logging.tf:17:3: high: [CL-1070]", "/agreement.yaml:230:12:");
  EXPECT_NE(r.out.find("lands in eu-west-2 (GB)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("keeps logs 90 days"), std::string::npos) << r.out;
}

TEST(Cli, FailOnControlsTheExitCode) {
  EXPECT_EQ(run("scan -q " + src("fixtures/demo") + " --fail-on high").exit_code, 1);
  // The demo's replica outside the EU is critical (CL-0171).
  EXPECT_EQ(run("scan -q " + src("fixtures/demo") + " --fail-on critical").exit_code, 1);
  EXPECT_EQ(run("scan -q --disable CL-0171 " + src("fixtures/demo") + " --fail-on critical").exit_code, 0);
  EXPECT_EQ(run("scan -q " + src("fixtures/demo") + " --fail-on never").exit_code, 0);
  EXPECT_EQ(run("scan -q --enable CL-0901 " + src("fixtures/rules/CL-0901/pass")).exit_code, 0);
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
  CliRun r = run("scan -q --enable CL-0301,CL-0901,CL-1001 " + src("fixtures/demo") + " -o sarif=" + sarif +
                 " -o json=" + json);
  EXPECT_EQ(r.exit_code, 1) << r.out;
  std::ifstream in(sarif);
  auto doc = nlohmann::json::parse(in);
  EXPECT_EQ(doc["version"], "2.1.0");
  EXPECT_EQ(doc["runs"][0]["results"].size(), 4u);  // CL-0301, CL-0901, 2 x CL-1001
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
    EXPECT_EQ(rule["severity"], "medium");
    EXPECT_EQ(rule["profiles"], nlohmann::json::array({"recommended"}));
    EXPECT_EQ(rule["documented"], true);
    // A declarative rule lives in its YAML.
    EXPECT_EQ(rule["file"], "rules/5.9/CL-0901.yaml");
    EXPECT_EQ(rule["source"], "rules/5.9/CL-0901.yaml");
    // The page's header, generated from the rule file.
    EXPECT_TRUE(
        std::string(rule["pageHeader"]).starts_with("# CL-0901 ops.backup-enabled\n\n**Scenario:** 5.9 "))
        << rule["pageHeader"];
  }
  EXPECT_TRUE(found);
}

// A native rule's `source` is where its check registers, relative to the
// tree: a line that registers that very id.
TEST(Cli, RulesJsonNamesWhereANativeCheckIsRegistered) {
  CliRun r = run("rules --format json");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  bool found = false;
  for (const auto &rule : nlohmann::json::parse(r.out)) {
    if (rule["id"] != "CL-0140") continue;
    found = true;
    EXPECT_EQ(rule["file"], "rules/5.1/CL-0140.yaml");
    const std::string source = rule["source"];
    const std::string file = "checker/rules/agreement/context_checks.cpp:";
    ASSERT_TRUE(source.starts_with(file)) << source;
    const std::string digits = source.substr(file.size());
    ASSERT_FALSE(digits.empty());
    ASSERT_EQ(digits.find_first_not_of("0123456789"), std::string::npos) << source;
    std::istringstream text(clause::testing::read_file(src("checker/rules/agreement/context_checks.cpp")));
    std::string line;
    for (int n = std::stoi(digits); n > 0 && std::getline(text, line);) --n;
    EXPECT_NE(line.find("NativeCheckRegistrar"), std::string::npos) << line;
    EXPECT_NE(line.find("\"CL-0140\""), std::string::npos) << line;
  }
  EXPECT_TRUE(found);
}

TEST(Cli, ExplainPrintsTheDocPage) {
  CliRun r = run("explain ops.backup-enabled");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out.rfind("# CL-0901 ops.backup-enabled", 0), 0u) << r.out;
  EXPECT_EQ(run("explain CL-9999").exit_code, 2);
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
  CliRun r = run("scan --no-color --enable CL-0901 --disable CL-0004 " + dir.string());
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_NE(r.out.find(dir.string() + "/broken.tf:2:"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("CL-0004"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("[parse-error]"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(dir.string() + "/ok.tf:2:3: medium: [CL-0901]"), std::string::npos) << r.out;
  fs::remove_all(dir);
}

// A file that cannot be parsed is a finding of CL-0004 (medium): it fails
// the default --fail-on low, can be re-graded, disabled or baselined, and is
// a SARIF result besides the toolExecutionNotifications.
TEST(Cli, UnparseableInputIsAFindingThatGates) {
  clause::testing::TempTree t;
  t.write(".git/HEAD", "ref: refs/heads/main\n");
  t.write("broken.tf", "variable \"x\" {\n  default = = 1\n}\n");
  CliRun r = clause::testing::run_in(t.path(), "scan --no-color .");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(
      r.out,
      "broken.tf:2:13: medium: [CL-0004] cannot be parsed: syntax error: incomplete expression; the rules "
      "did not read what the error hides\n"
      "  default = = 1\n"
      "            ^\n"
      "broken.tf:2:13: warning: syntax error: incomplete expression [parse-error]\n"
      "broken.tf:4:1: warning: syntax error: incomplete expression [parse-error]\n"
      "1 finding (1 medium); 1 file scanned (1 terraform); 2 input problems\n");
  EXPECT_EQ(run("scan -q --fail-on high " + t.path()).exit_code, 0);
  EXPECT_EQ(run("scan -q --disable CL-0004 " + t.path()).exit_code, 0);
  EXPECT_EQ(run("scan -q --disable clause.input-parseable " + t.path()).exit_code, 0);

  auto sarif = nlohmann::json::parse(run("scan -f sarif " + t.path(), false).out)["runs"][0];
  ASSERT_EQ(sarif["results"].size(), 1u) << sarif.dump(2);
  EXPECT_EQ(sarif["results"][0]["ruleId"], "CL-0004");
  EXPECT_EQ(sarif["results"][0]["level"], "warning");
  EXPECT_EQ(sarif["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"], 2);
  EXPECT_EQ(sarif["invocations"][0]["toolExecutionNotifications"].size(), 2u);

  // Re-graded by the configuration: reported as info, below --fail-on low.
  t.write(".clause.yaml", "rules:\n  severity: {CL-0004: info}\n");
  CliRun info = run("scan --no-color --fail-on low " + t.path());
  EXPECT_EQ(info.exit_code, 0) << info.out;
  EXPECT_NE(info.out.find(t.path() + "/broken.tf:2:13: info: [CL-0004] cannot be parsed"), std::string::npos)
      << info.out;
  std::filesystem::remove(t / ".clause.yaml");

  // A baseline taken while the file is broken holds it.
  EXPECT_EQ(run("baseline " + t.path() + " -o " + (t / "base.json")).exit_code, 0);
  EXPECT_EQ(run("scan -q --baseline " + (t / "base.json") + " " + t.path()).exit_code, 0);
  t.write("other.tf", "locals {\n  a = [\n}\n");
  CliRun fresh = run("scan --no-color --baseline " + (t / "base.json") + " " + t.path());
  EXPECT_EQ(fresh.exit_code, 1) << fresh.out;
  EXPECT_NE(fresh.out.find(t.path() + "/other.tf:2:3: medium: [CL-0004] cannot be parsed"), std::string::npos)
      << fresh.out;
}

}  // namespace
