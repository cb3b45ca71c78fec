// What a new user meets first on the command line: --version and help,
// "did you mean" for mistyped commands, options and rule ids, severities and
// ids in any letter case, output formats read from -o's extension, -f on
// the listing commands, and the exit codes the README promises.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "tests/unit/cli_run.h"

namespace {

namespace fs = std::filesystem;

using clause::testing::CliRun;
using clause::testing::read_file;
using clause::testing::run;
using clause::testing::run_in;
using clause::testing::src;
using clause::testing::TempTree;

const char *kFailingDb = "resource \"aws_db_instance\" \"main\" {\n  backup_retention_period = 1\n}\n";

TEST(CliManners, VersionFlagAndCommandAgree) {
  CliRun command = run("version");
  CliRun flag = run("--version");
  EXPECT_EQ(command.exit_code, 0);
  EXPECT_EQ(flag.exit_code, 0);
  EXPECT_EQ(flag.out, command.out);
  EXPECT_EQ(flag.out.rfind("clause 0.1.0 (", 0), 0u) << flag.out;
  auto json = nlohmann::json::parse(run("version -f json", false).out);
  EXPECT_EQ(json["name"], "clause");
  EXPECT_EQ(json["version"], "0.1.0");
  EXPECT_EQ(command.out, "clause 0.1.0 (" + json["revision"].get<std::string>() + ")\n");
}

TEST(CliManners, HelpForClauseAndForEachCommand) {
  CliRun all = run("help");
  EXPECT_EQ(all.exit_code, 0);
  for (const char *command :
       {"scan", "baseline", "init", "merge", "rules", "explain", "version", "dump", "help"})
    EXPECT_NE(all.out.find(std::string("\n  ") + command + " "), std::string::npos) << command << "\n"
                                                                                    << all.out;
  CliRun scan = run("help scan");
  EXPECT_EQ(scan.exit_code, 0);
  EXPECT_EQ(scan.out, run("scan --help").out);
  EXPECT_NE(scan.out.find("--fail-on"), std::string::npos) << scan.out;
  CliRun typo = run("help scna");
  EXPECT_EQ(typo.exit_code, 2);
  EXPECT_EQ(typo.out, "clause: error: help: unknown command 'scna'; did you mean 'scan'?\n");
  CliRun none = run("");
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_EQ(none.out.rfind("clause: error: a command is required\n", 0), 0u) << none.out;
}

TEST(CliManners, MistypedCommandsOptionsAndRuleIdsGetASuggestion) {
  const std::string demo = src("fixtures/demo");
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"scna .",
       "clause: error: unknown command 'scna'; did you mean 'scan'?\nRun 'clause help' for the list of "
       "commands.\n"},
      {"frobnicate",
       "clause: error: unknown command 'frobnicate'\nRun 'clause help' for the list of commands.\n"},
      {"scan --fial-on high " + demo,
       "clause: error: scan: unknown option '--fial-on'; did you mean '--fail-on'?\nRun 'clause help scan' "
       "for its "
       "options.\n"},
      {"rules --fromat=json",
       "clause: error: rules: unknown option '--fromat'; did you mean '--format'?\nRun 'clause help rules' "
       "for its "
       "options.\n"},
      {"explain CL-9901", "clause: error: no rule with id or name 'CL-9901'; did you mean 'CL-0901'?\n"},
      {"scan --enable ops.backup-enabeld " + demo,
       "clause: error: --enable: no rule with id or name 'ops.backup-enabeld'; did you mean "
       "'ops.backup-enabled'?\n"},
  };
  for (const auto &[args, message] : cases) {
    CliRun r = run(args);
    EXPECT_EQ(r.exit_code, 2) << args;
    EXPECT_EQ(r.out, message) << args;
  }
  CliRun nothing_near = run("explain no-such-thing-at-all");
  EXPECT_EQ(nothing_near.out, "clause: error: no rule with id or name 'no-such-thing-at-all'\n");
}

TEST(CliManners, SeveritiesAndRuleIdsInAnyCase) {
  const std::string demo = src("fixtures/demo");
  EXPECT_EQ(run("scan -q --fail-on HIGH " + demo).exit_code, 1);
  EXPECT_EQ(run("scan -q --fail-on Never " + demo).exit_code, 0);
  EXPECT_EQ(run("scan -q --enable cl-0901 --fail-on CRITICAL " + demo).exit_code, 0);
  CliRun one = run("scan --no-color --enable cl-0901 --severity-min MEDIUM " + demo);
  EXPECT_EQ(one.exit_code, 1);
  EXPECT_NE(one.out.find(demo + "/infra/database.tf:15:3: medium: [CL-0901]"), std::string::npos) << one.out;
  EXPECT_NE(one.out.find("\n1 finding (1 medium);"), std::string::npos) << one.out;
  CliRun page = run("explain cl-0901");
  EXPECT_EQ(page.exit_code, 0);
  EXPECT_EQ(page.out.rfind("# CL-0901 ops.backup-enabled", 0), 0u) << page.out;
  EXPECT_EQ(run("explain cl-0004").out.rfind("# CL-0004 clause.input-parseable", 0), 0u);
}

TEST(CliManners, OutputFormatFollowsTheExtension) {
  TempTree t;
  const std::string demo = src("fixtures/demo");
  CliRun r = run("scan -q --enable CL-0901 " + demo + " -o " + (t / "out.sarif") + " -o " + (t / "out.json") +
                 " -o " + (t / "out.xml") + " -o " + (t / "out.md") + " -o " + (t / "out.html") + " -o " +
                 (t / "gh.sarif.json") + " -o " + (t / "plain.log"));
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(nlohmann::json::parse(t.read("out.sarif"))["version"], "2.1.0");
  EXPECT_EQ(nlohmann::json::parse(t.read("gh.sarif.json"))["version"], "2.1.0");
  EXPECT_EQ(nlohmann::json::parse(t.read("out.json")).contains("summary"), true);
  EXPECT_EQ(
      t.read("out.xml").rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"clause\"", 0),
      0u);
  EXPECT_EQ(t.read("out.md").rfind("## clause: ISO/IEC 20000-9 conformance\n", 0), 0u) << t.read("out.md");
  EXPECT_EQ(t.read("out.html").rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_EQ(t.read("plain.log").rfind(demo + "/infra/database.tf:15:3: medium: [CL-0901]", 0), 0u)
      << t.read("plain.log");
  // -f wins over an unknown extension, agrees with a known one, and a
  // contradiction is refused before anything is scanned or written.
  EXPECT_EQ(run("scan -q --enable CL-0901 -f json " + demo + " -o " + (t / "a.txt")).exit_code, 1);
  EXPECT_TRUE(nlohmann::json::parse(t.read("a.txt")).contains("summary"));
  EXPECT_EQ(run("scan -q --enable CL-0901 -f sarif " + demo + " -o " + (t / "b.sarif")).exit_code, 1);
  CliRun clash = run("scan -q -f json " + demo + " -o " + (t / "x.sarif"));
  EXPECT_EQ(clash.exit_code, 2);
  EXPECT_EQ(clash.out, "clause: error: -o " + (t / "x.sarif") +
                           ": the file name says sarif but -f says json; write -o json=" + (t / "x.sarif") +
                           " to put json there anyway\n");
  EXPECT_FALSE(fs::exists(t / "x.sarif"));
  EXPECT_EQ(run("scan -q --enable CL-0901 " + demo + " -o json=" + (t / "x.sarif")).exit_code, 1);
  EXPECT_TRUE(nlohmann::json::parse(t.read("x.sarif")).contains("summary"));
}

TEST(CliManners, ListingCommandsTakeDashF) {
  CliRun json = run("rules -f json", false);
  EXPECT_EQ(json.exit_code, 0);
  EXPECT_EQ(json.out, run("rules --format json", false).out);
  EXPECT_EQ(nlohmann::json::parse(json.out)[0]["id"], "CL-0101");
  CliRun text = run("rules -f text");
  EXPECT_EQ(text.out, run("rules").out);
  EXPECT_EQ(run("rules -f yaml").exit_code, 2);
}

// README: 0 clean, 1 findings, 2 usage, configuration or rule-pack error, 3
// internal error; a path that does not exist is the user's error for every
// command that takes one.
TEST(CliManners, EveryCommandExitsTwoOnAMissingInput) {
  const std::string missing = "/nonexistent/clause-input";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"dump " + missing, "clause: error: " + missing + ": no such file or directory\n"},
      {"scan " + missing, "clause: error: " + missing + ": no such file or directory\n"},
      {"baseline " + missing, "clause: error: " + missing + ": no such file or directory\n"},
      {"merge " + missing,
       "clause: error: merge: " + missing + ": cannot be read (No such file or directory)\n"},
      {"rules --rules " + missing, "clause: error: " + missing + ": not a directory of rule packs\n"},
      {"explain CL-0901 --rules " + missing,
       "clause: error: " + missing + ": not a directory of rule packs\n"},
      {"scan --config " + missing + " " + src("fixtures/demo"), ""},
      {"init " + missing, ""},
  };
  for (const auto &[args, message] : cases) {
    CliRun r = run(args);
    EXPECT_EQ(r.exit_code, 2) << args << "\n" << r.out;
    if (!message.empty()) {
      EXPECT_EQ(r.out, message) << args;
    }
  }
}

TEST(CliManners, OnlyFilesOutsideEveryRootAreWarnedAbout) {
  TempTree t;
  t.write(".git/HEAD", "ref: refs/heads/main\n");
  t.write("repo/db.tf", kFailingDb);
  t.write("elsewhere/db.tf", kFailingDb);
  CliRun r = run_in(
      t.path(), "scan --no-color --enable CL-0901 repo --only-files repo/db.tf elsewhere/db.tf nothere.tf");
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_EQ(
      r.out,
      "clause: warning: --only-files elsewhere/db.tf: not inside any scan root; nothing is reported for it\n"
      "clause: warning: --only-files nothere.tf: no such file; nothing is reported for it\n"
      "repo/db.tf:2:3: medium: [CL-0901] aws_db_instance.main is not backed up as required "
      "(backup_retention_period is 1); keep automated backups for at least the configured minimum "
      "(minRetentionDays, 7 days by default) or add it to an AWS Backup plan\n"
      "  backup_retention_period = 1\n"
      "  ^~~~~~~~~~~~~~~~~~~~~~~~~~~\n"
      "1 finding (1 medium); 1 file scanned (1 terraform)\n");
}

// A user's pack names its rules outside CL-; CL- in a pack, and two packs
// with the same id, are errors naming the files and lines.
TEST(CliManners, UserRulePacksOwnTheirIds) {
  TempTree t;
  const std::string rule =
      "name: acme.db-backup\nscenario: \"5.9\"\ntitle: Backups kept a month\nseverity: low\n"
      "targets: {terraform: [aws_db_instance]}\n"
      "check: {attribute: backup_retention_period, op: \">=\", value: 30}\n"
      "message: \"{address} keeps backups {actual} days\"\n";
  t.write("team-a/db.yaml", "id: ACME-001\n" + rule);
  t.write("repo/db.tf", kFailingDb);
  CliRun ok = run("scan --no-color --enable acme-001 --rules " + (t / "team-a") + " " + (t / "repo"));
  EXPECT_EQ(ok.exit_code, 1) << ok.out;
  EXPECT_EQ(
      ok.out.rfind(t / "repo/db.tf:2:3: low: [ACME-001] aws_db_instance.main keeps backups 1 days\n", 0), 0u)
      << ok.out;
  EXPECT_EQ(run("explain ACME-001 --rules " + (t / "team-a")).out.rfind("# ACME-001 acme.db-backup\n", 0),
            0u);

  t.write("team-b/rules.yaml", "# ours\n---\nid: ACME-001\n" + rule);
  CliRun clash = run("scan --rules " + (t / "team-a") + " --rules " + (t / "team-b") + " " + (t / "repo"));
  EXPECT_EQ(clash.exit_code, 2);
  EXPECT_EQ(clash.out, "clause: error: " + (t / "team-b/rules.yaml") +
                           ":3:5: rule id ACME-001 is already defined at " + (t / "team-a/db.yaml") +
                           ":1:5\n");

  t.write("team-b/rules.yaml", "id: CL-0999\n" + rule);
  CliRun reserved = run("rules --rules " + (t / "team-b"));
  EXPECT_EQ(reserved.exit_code, 2);
  EXPECT_EQ(reserved.out,
            "clause: error: " + (t / "team-b/rules.yaml") +
                ":1:5: rule id CL-0999: the CL- prefix is reserved for clause's built-in rules; give "
                "your rules a prefix of your own, such as ACME-001\n");
}

}  // namespace
