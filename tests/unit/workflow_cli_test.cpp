// The developer workflow through the `clause` binary: exit policy, config
// files, baselines, pre-commit filters, SARIF URIs for code scanning,
// `init` and `explain`.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "checker/workflow/config.h"
#include "tests/unit/cli_run.h"

namespace clause {
namespace {

using testing::CliRun;
using testing::run;
using testing::run_in;
using testing::run_shell;
using testing::TempTree;

const char *kFailingDb = "resource \"aws_db_instance\" \"main\" {\n  backup_retention_period = 1\n}\n";

// A tree of its own: the `.git` directory stops the search for a .clause.yaml.
void make_root(const TempTree &t) { t.write(".git/HEAD", "ref: refs/heads/main\n"); }

TEST(ExitPolicy, EveryFailOnLevel) {
  const std::vector<std::string> levels = {"info", "low", "medium", "high", "critical"};
  TempTree t;
  make_root(t);
  t.write("db.tf", kFailingDb);
  for (size_t found = 0; found < levels.size(); ++found) {
    // The one finding, re-graded through the configuration.
    t.write(".clause.yaml", "rules:\n  enable: [CL-0901]\n  severity: {CL-0901: " + levels[found] + "}\n");
    for (size_t threshold = 0; threshold < levels.size(); ++threshold) {
      const int expected = found >= threshold ? 1 : 0;
      EXPECT_EQ(run("scan -q --fail-on " + levels[threshold] + " " + t.path()).exit_code, expected)
          << levels[found] << " finding, --fail-on " << levels[threshold];
    }
    EXPECT_EQ(run("scan -q --fail-on never " + t.path()).exit_code, 0) << levels[found];
  }
}

TEST(ExitPolicy, ConfigDefaultAndCommandLineOverride) {
  TempTree t;
  make_root(t);
  t.write("db.tf", kFailingDb);  // CL-0901 high
  t.write(".clause.yaml", "rules: {enable: [CL-0901]}\nfail-on: critical\n");
  EXPECT_EQ(run("scan -q " + t.path()).exit_code, 0);
  EXPECT_EQ(run("scan -q --fail-on high " + t.path()).exit_code, 1);
  t.write(".clause.yaml", "rules: {enable: [CL-0901]}\n");
  EXPECT_EQ(run("scan -q " + t.path()).exit_code, 1);  // default: low
}

TEST(ExitPolicy, SuppressedAndBaselinedFindingsNeverFail) {
  TempTree t;
  make_root(t);
  t.write("a.tf", std::string("# clause:ignore CL-0901 -- throwaway\n") + kFailingDb);
  EXPECT_EQ(run("scan -q --enable CL-0901 --fail-on info " + t.path()).exit_code, 0);
  t.write("b.tf", kFailingDb);
  EXPECT_EQ(run("scan -q --enable CL-0901 --fail-on info " + t.path()).exit_code, 1);
  EXPECT_EQ(run("baseline --enable CL-0901 -o " + (t / "base.json") + " " + t.path()).exit_code, 0);
  EXPECT_EQ(run("scan -q --enable CL-0901 --fail-on info --baseline " + (t / "base.json") + " " + t.path())
                .exit_code,
            0);
}

TEST(SuppressionCli, TextHidesSuppressedUnlessAsked) {
  TempTree t;
  make_root(t);
  t.write("db.tf", std::string("# clause:ignore CL-0901 -- throwaway copy\n") + kFailingDb + "\n" +
                       "resource \"aws_db_instance\" \"b\" {\n  backup_retention_period = 2\n}\n");
  CliRun r = run_in(t.path(), "scan --no-color --enable CL-0901 .");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(
      r.out,
      "db.tf:7:3: high: [CL-0901] aws_db_instance.b is not backed up as required (backup_retention_period "
      "is 2); keep automated backups for at least 7 days or add it to an AWS Backup plan\n"
      "  backup_retention_period = 2\n"
      "  ^~~~~~~~~~~~~~~~~~~~~~~~~~~\n"
      "1 finding (1 high), 1 suppressed; 1 file scanned (1 terraform)\n");
  CliRun shown = run_in(t.path(), "scan --no-color --enable CL-0901 --show-suppressed .");
  EXPECT_NE(shown.out.find(
                "db.tf:3:3: high: [CL-0901] aws_db_instance.main is not backed up as required "
                "(backup_retention_period is 1); keep automated backups for at least 7 days or add it to "
                "an AWS Backup plan [suppressed: throwaway copy]\n"),
            std::string::npos)
      << shown.out;
  CliRun sarif = run_in(t.path(), "scan --enable CL-0901 -f sarif .");
  const auto log = nlohmann::json::parse(sarif.out);
  const auto &results = log["runs"][0]["results"];
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results[0]["suppressions"][0]["kind"], "inSource");
  EXPECT_EQ(results[0]["suppressions"][0]["justification"], "throwaway copy");
  EXPECT_FALSE(results[1].contains("suppressions"));
  // The meta rules are described for SARIF viewers.
  bool listed = false;
  for (const auto &rule : log["runs"][0]["tool"]["driver"]["rules"])
    if (rule["id"] == "CL-0000") listed = rule["name"] == "clause.suppression-reason";
  EXPECT_TRUE(listed);
}

TEST(SuppressionCli, UnusedReportedWithTheFlagOrInCi) {
  TempTree t;
  make_root(t);
  t.write("db.tf",
          "# clause:ignore CL-0901 -- stale\nresource \"aws_db_instance\" \"a\" {\n"
          "  backup_retention_period = 14\n}\n");
  const std::string base = "scan --no-color --enable CL-0901 ";
  EXPECT_EQ(run(base + t.path()).out.find("CL-0002"), std::string::npos);
  const std::string expected =
      "db.tf:1:1: info: [CL-0002] `clause:ignore CL-0901` suppresses no CL-0901 finding; "
      "remove it\n";
  CliRun flag = run_in(t.path(), base + "--report-unused-suppressions .");
  EXPECT_EQ(flag.out.rfind(expected, 0), 0u) << flag.out;
  EXPECT_EQ(flag.exit_code, 0);  // info does not fail at the default level
  const std::string clause = std::string(CLAUSE_BINARY);
  CliRun ci = run_shell("cd '" + t.path() + "' && CI=true " + clause + " " + base + ".");
  EXPECT_EQ(ci.out.rfind(expected, 0), 0u) << ci.out;
  CliRun off = run_shell("cd '" + t.path() + "' && CI=true " + clause + " " + base +
                         "--no-report-unused-suppressions .");
  EXPECT_EQ(off.out.find("CL-0002"), std::string::npos) << off.out;
  EXPECT_EQ(run(base + "--report-unused-suppressions --fail-on info " + t.path()).exit_code, 1);
  // JUnit lists meta-rule findings in a suite of their own.
  CliRun junit = run(base + "--report-unused-suppressions -f junit " + t.path());
  EXPECT_NE(junit.out.find("<testsuite name=\"meta rules\" tests=\"1\" failures=\"1\" errors=\"0\" "
                           "skipped=\"0\">\n    <testcase classname=\"CL-0002\" name=\"" +
                           t.path() + "/db.tf:1 CL-0002\" file=\"" + t.path() + "/db.tf\" line=\"1\">"),
            std::string::npos)
      << junit.out;
  EXPECT_EQ(run(base + "-f junit " + t.path()).out.find("meta rules"), std::string::npos);
}

TEST(ConfigCli, ErrorsExitTwoWithFileAndLine) {
  TempTree t;
  make_root(t);
  t.write("db.tf", kFailingDb);
  t.write(".clause.yaml", "rules:\n  enabel: [CL-0901]\n");
  CliRun r = run("scan " + t.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "clause: error: " + (t / ".clause.yaml") +
                       ":2:3: unknown key 'enabel' in 'rules' (expected one of: enable, disable, severity, "
                       "parameters)\n");
  t.write(".clause.yaml", "# rules we run\nrules:\n  disable: [ops.backup-enable]\n");
  r = run("scan " + t.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "clause: error: " + (t / ".clause.yaml") +
                       ":3:13: no rule has the id or name 'ops.backup-enable'\n");
  t.write("other.yaml", "fail-on: sometimes\n");
  r = run("scan --config " + (t / "other.yaml") + " " + t.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(
      r.out,
      "clause: error: " + (t / "other.yaml") +
          ":1:10: fail-on: 'sometimes' is not a severity (critical, high, medium, low, info) or never\n");
  EXPECT_EQ(run("scan --config " + (t / "missing.yaml") + " " + t.path()).exit_code, 2);
  EXPECT_EQ(run("scan --no-config -q " + t.path()).exit_code, 1);  // the broken file is not read
}

TEST(ConfigCli, SelectionExcludesAndFileSuppressions) {
  TempTree t;
  make_root(t);
  t.write("infra/db.tf", kFailingDb);
  t.write("legacy/old.tf", kFailingDb);
  t.write("sandbox/db.tf", kFailingDb);
  t.write("expired/db.tf", kFailingDb);
  t.write(".clause.yaml", R"(rules:
  enable: [CL-0901]
exclude: ["legacy/**"]
suppressions:
  - path: "sandbox/**"
    rules: [ops.backup-enabled]
    reason: sandbox data is synthetic
  - path: "expired/**"
    rule: CL-0901
    reason: waiver ended
    until: 2020-01-01
)");
  // Scanned from a subdirectory: the configuration is found upward.
  CliRun r = run_in(t / "infra", "scan --no-color --show-suppressed ..");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out.find("legacy/old.tf"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("../infra/db.tf:2:3: high: [CL-0901]"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("../expired/db.tf:2:3: high: [CL-0901]"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("[suppressed: sandbox data is synthetic]"), std::string::npos) << r.out;
  EXPECT_NE(
      r.out.find("clause: warning: " + (t / ".clause.yaml") +
                 ":8: the suppression of 'expired/**' expired on 2020-01-01 and is no longer applied\n"),
      std::string::npos)
      << r.out;
  // legacy/old.tf is ignored, .clause.yaml skipped (not an input).
  EXPECT_NE(
      r.out.find("2 findings (2 high), 1 suppressed; 4 files scanned (1 ignored, 3 terraform), 1 skipped"),
      std::string::npos)
      << r.out;
  EXPECT_EQ(run("scan -q -f sarif -o " + (t / "out.sarif") + " " + t.path()).exit_code, 1);
  const auto results = nlohmann::json::parse(t.read("out.sarif"))["runs"][0]["results"];
  ASSERT_EQ(results.size(), 3u);
  EXPECT_EQ(results[2]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "sandbox/db.tf");
  EXPECT_EQ(results[2]["suppressions"][0]["kind"], "external");
}

TEST(Baseline, InsertedLinesKeepAFindingBaselined) {
  TempTree t;
  make_root(t);
  t.write("db.tf", kFailingDb);
  CliRun b = run_in(t.path(), "baseline --enable CL-0901 .");
  EXPECT_EQ(b.exit_code, 0);
  EXPECT_EQ(b.out, "clause: wrote 1 finding to .clause-baseline.json\n");
  const auto base = nlohmann::json::parse(t.read(".clause-baseline.json"));
  ASSERT_EQ(base["findings"].size(), 1u);
  EXPECT_EQ(base["findings"][0]["ruleId"], "CL-0901");
  EXPECT_EQ(base["findings"][0]["path"], "db.tf");
  EXPECT_EQ(base["findings"][0]["fingerprint"].get<std::string>().size(), 32u);

  // Five lines above the finding: it moves from line 2 to line 7.
  t.write("db.tf", std::string("# one\n# two\n\nlocals {\n}\n") + kFailingDb);
  const std::string scan = "scan --no-color --enable CL-0901 --baseline .clause-baseline.json .";
  CliRun r = run_in(t.path(), scan);
  EXPECT_EQ(r.exit_code, 0) << r.out;
  // The baseline file itself is JSON but no input: it counts as skipped.
  EXPECT_EQ(r.out, "0 findings, 1 baselined; 1 file scanned (1 terraform), 1 skipped\n");
  // The same finding without the baseline is at its new line.
  EXPECT_NE(run_in(t.path(), "scan --no-color --enable CL-0901 .").out.find("db.tf:7:3: high: [CL-0901]"),
            std::string::npos);

  // A new finding is reported; the baselined one is still dropped.
  t.write("new.tf", "resource \"aws_rds_cluster\" \"c\" {\n  backup_retention_period = 3\n}\n");
  r = run_in(t.path(), scan);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("new.tf:2:3: high: [CL-0901]"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("db.tf:"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("1 finding (1 high), 1 baselined;"), std::string::npos) << r.out;

  // Changing the offending value makes it a different finding.
  t.write("db.tf", std::string("# one\n# two\n\nlocals {\n}\n") +
                       "resource \"aws_db_instance\" \"main\" {\n  backup_retention_period = 2\n}\n");
  EXPECT_NE(run_in(t.path(), scan).out.find("db.tf:7:3: high: [CL-0901]"), std::string::npos);
}

TEST(Baseline, BadFilesAreUsageErrors) {
  TempTree t;
  make_root(t);
  t.write("db.tf", kFailingDb);
  t.write("bad.json", "{\"version\": 2, \"findings\": []}");
  CliRun r = run("scan --baseline " + (t / "bad.json") + " " + t.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "clause: error: " + (t / "bad.json") +
                       ": not a clause baseline (expected version 1 and a findings list)\n");
  EXPECT_EQ(run("scan --baseline " + (t / "none.json") + " " + t.path()).exit_code, 2);
}

// A repository with three files, each with one finding, committed; then two
// of them changed and a fourth added without being committed.
class PreCommit : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char *name : {"a.tf", "b.tf", "c.tf"}) t.write(name, kFailingDb);
    git("init -q");
    git("add a.tf b.tf c.tf");
    git("-c user.name=test -c user.email=test@example.com commit -q -m initial");
    t.write("a.tf", std::string("# changed\n") + kFailingDb);
    t.write("b.tf", std::string(kFailingDb) + "# changed\n");
  }
  void git(const std::string &args) {
    CliRun r = run_shell("git -C '" + t.path() + "' " + args);
    ASSERT_EQ(r.exit_code, 0) << "git " << args << ": " << r.out;
  }
  // scripts/pre-commit-clause with ARGS, run at the repository's top.
  CliRun hook(const std::string &args) {
    return run_shell("cd '" + t.path() + "' && CLAUSE=" + CLAUSE_BINARY + " " +
                     testing::src("scripts/pre-commit-clause") + " " + args);
  }
  // The files the findings are in, in output order.
  static std::string files_of(const std::string &out) {
    std::string files;
    size_t pos = 0;
    while ((pos = out.find(".tf:", pos)) != std::string::npos) {
      size_t start = out.rfind('\n', pos);
      start = start == std::string::npos ? 0 : start + 1;
      files += out.substr(start, pos + 3 - start) + " ";
      pos += 4;
    }
    return files;
  }
  TempTree t;
};

TEST_F(PreCommit, ChangedSinceReportsOnlyTheChangedFiles) {
  CliRun r = run_in(t.path(), "scan --no-color --enable CL-0901 --changed-since HEAD .");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(files_of(r.out), "a.tf b.tf ") << r.out;
  EXPECT_NE(r.out.find("2 findings (2 high); 3 files scanned (3 terraform)"), std::string::npos) << r.out;
  t.write("d.tf", kFailingDb);  // untracked files count as changed
  EXPECT_EQ(files_of(run_in(t.path(), "scan --no-color --enable CL-0901 --changed-since HEAD .").out),
            "a.tf b.tf d.tf ");
  CliRun bad = run_in(t.path(), "scan --changed-since no-such-ref .");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_EQ(bad.out.rfind("clause: error: git diff failed in ", 0), 0u) << bad.out;
  EXPECT_EQ(run_in(t.path(), "scan --changed-since --output .").exit_code, 2);
}

TEST_F(PreCommit, OnlyFilesAndTheHookScript) {
  CliRun r = run_in(t.path(), "scan --no-color --enable CL-0901 . --only-files a.tf c.tf");
  EXPECT_EQ(files_of(r.out), "a.tf c.tf ") << r.out;
  CliRun h = hook("--no-color --enable=CL-0901 a.tf b.tf");
  EXPECT_EQ(h.exit_code, 1) << h.out;
  // The whole repository is read; paths are relative to it.
  EXPECT_EQ(h.out.find("c.tf"), std::string::npos) << h.out;
  EXPECT_EQ(h.out.rfind("a.tf:3:3: high: [CL-0901]", 0), 0u) << h.out;
  EXPECT_NE(h.out.find("\nb.tf:2:3: high: [CL-0901]"), std::string::npos) << h.out;
  EXPECT_EQ(h.out.find(t.path()), std::string::npos) << h.out;
  EXPECT_EQ(hook("").exit_code, 0);
}

// `args: [--fail-on, high]` and `args: [--fail-on=high]` mean the same; the
// files may be given from a subdirectory too, and still print relative to
// the repository.
TEST_F(PreCommit, TheHookTakesBothArgumentForms) {
  for (const char *args : {"--fail-on critical --enable CL-0901", "--fail-on=critical --enable=CL-0901",
                           "-j 1 --fail-on critical --enable CL-0901"}) {
    CliRun h = hook(std::string(args) + " a.tf");
    EXPECT_EQ(h.exit_code, 0) << args << "\n" << h.out;
    EXPECT_EQ(h.out.rfind("a.tf:3:3: high: [CL-0901]", 0), 0u) << args << "\n" << h.out;
  }
  CliRun high = hook("--fail-on high --no-color --enable CL-0901 a.tf");
  EXPECT_EQ(high.exit_code, 1) << high.out;
  t.write("sub/d.tf", kFailingDb);
  CliRun sub = run_shell("cd '" + t.path() + "/sub' && CLAUSE=" + CLAUSE_BINARY + " " +
                         testing::src("scripts/pre-commit-clause") + " --enable CL-0901 --no-color d.tf");
  EXPECT_EQ(sub.exit_code, 1) << sub.out;
  EXPECT_EQ(sub.out.rfind("sub/d.tf:2:3: high: [CL-0901]", 0), 0u) << sub.out;
}

// A .tf with a syntax error blocks the commit by default (CL-0004, medium).
TEST_F(PreCommit, TheHookBlocksABrokenFile) {
  t.write("broken.tf", "resource \"aws_s3_bucket\" \"b\" {\n  bucket = = \"x\"\n}\n");
  CliRun h = hook("--no-color broken.tf");
  EXPECT_EQ(h.exit_code, 1) << h.out;
  EXPECT_NE(h.out.find("broken.tf:2:12: medium: [CL-0004] cannot be parsed: syntax error: "),
            std::string::npos)
      << h.out;
  EXPECT_NE(h.out.find("\nbroken.tf:2:12: warning: syntax error: "), std::string::npos) << h.out;
  t.write("broken.tf", "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"x\"\n}\n");
  EXPECT_EQ(hook("--no-color --disable CL-0301 broken.tf").out.find("CL-0004"), std::string::npos);
}

TEST(CodeScanning, SarifUrisAreRelativeToTheRepository) {
  TempTree t;
  make_root(t);
  t.write("infra/live/db.tf", kFailingDb);
  auto uri_and_base = [&](const std::string &extra) {
    const auto run0 =
        nlohmann::json::parse(run("scan -f sarif --enable CL-0901 " + extra + (t / "infra")).out)["runs"][0];
    return run0["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
               .get<std::string>() +
           " " + run0["originalUriBaseIds"]["%SRCROOT%"]["uri"].get<std::string>();
  };
  EXPECT_EQ(uri_and_base(""), "infra/live/db.tf file://" + t.path() + "/");
  EXPECT_EQ(uri_and_base("--uri-prefix '' "), "live/db.tf file://" + t.path() + "/infra/");
  // A given prefix of two directories puts %SRCROOT% two directories up.
  const std::string above = std::filesystem::path(t.path()).parent_path().string();
  EXPECT_EQ(uri_and_base("--uri-prefix deploy/infra "), "deploy/infra/live/db.tf file://" + above + "/");
  // Text output keeps paths as the user gave them.
  EXPECT_NE(run("scan --no-color --enable CL-0901 " + (t / "infra")).out.find(t / "infra/live/db.tf:2:3"),
            std::string::npos);
}

TEST(InitCli, WritesTheStarterOnceUnlessForced) {
  TempTree t;
  CliRun r = run_in(t.path(), "init");
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_EQ(r.out, "wrote ./.clause.yaml\n");
  EXPECT_EQ(t.read(".clause.yaml"), starter_config());
  t.write(".clause.yaml", "fail-on: high\n");
  r = run_in(t.path(), "init");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "clause: error: ./.clause.yaml already exists; use --force to overwrite it\n");
  EXPECT_EQ(t.read(".clause.yaml"), "fail-on: high\n");
  EXPECT_EQ(run_in(t.path(), "init --force").exit_code, 0);
  EXPECT_EQ(t.read(".clause.yaml"), starter_config());
  // The starter is a configuration clause accepts.
  t.write("db.tf", kFailingDb);
  EXPECT_EQ(run_in(t.path(), "scan -q --config .clause.yaml .").exit_code, 1);
}

TEST(ExplainCli, RawWhenPipedReadableOnATerminal) {
  CliRun raw = run("explain CL-0000");
  EXPECT_EQ(raw.exit_code, 0);
  EXPECT_EQ(raw.out.rfind("# CL-0000 clause.suppression-reason\n\n**Meta rule**", 0), 0u) << raw.out;
  // `script` gives the command a terminal.
  CliRun tty =
      run_shell("NO_COLOR=1 script -qec '" + std::string(CLAUSE_BINARY) + " explain CL-0901' /dev/null");
  EXPECT_EQ(tty.exit_code, 0) << tty.out;
  EXPECT_EQ(tty.out.rfind("CL-0901 ops.backup-enabled\r\n==========================\r\n", 0), 0u) << tty.out;
  EXPECT_EQ(tty.out.find("**"), std::string::npos);
  EXPECT_NE(tty.out.find("\r\n    resource \"aws_db_instance\" \"ledger\" {\r\n"), std::string::npos)
      << tty.out;
}

}  // namespace
}  // namespace clause
