// SARIF as GitHub code scanning takes it (issue 21): %SRCROOT% at the git
// top level for any spelling of the root, the upload limits refused with a
// clear error (or one file per root in a directory), and the provenance of
// each report (scan time, commit, branch).
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

#include "checker/workflow/git.h"
#include "cli_run.h"
#include "sarif/sarif_writer.h"

namespace clause {
namespace {

namespace fs = std::filesystem;
using testing::CliRun;
using testing::run;
using testing::run_in;
using testing::run_shell;
using testing::TempTree;

const char *kFailingDb = "resource \"aws_db_instance\" \"main\" {\n  backup_retention_period = 1\n}\n";

// A real git work tree with one commit on branch "main" and an origin
// remote whose URL carries credentials.
void make_repository(const TempTree &t) {
  t.write("infra/live/db.tf", kFailingDb);
  const CliRun r = run_shell("cd '" + t.path() +
                             "' && git init -q -b main . && git -c user.name=t -c user.email=t@example.com "
                             "commit -q --allow-empty -m first && git remote add origin "
                             "https://user:secret@example.com/org/repo.git");
  ASSERT_EQ(r.exit_code, 0) << r.out;
}

std::string head_of(const TempTree &t) {
  std::string rev = run_shell("git -C '" + t.path() + "' rev-parse HEAD").out;
  while (!rev.empty() && rev.back() == '\n') rev.pop_back();
  return rev;
}

std::string uri_and_base(const std::string &sarif) {
  const auto log = nlohmann::json::parse(sarif, nullptr, false);
  if (log.is_discarded()) return "not JSON: " + sarif;
  const auto &run0 = log["runs"][0];
  return run0["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
             .get<std::string>() +
         " " + run0["originalUriBaseIds"]["%SRCROOT%"]["uri"].get<std::string>();
}

const std::string kScan = "scan -f sarif --enable CL-0901 --reproducible ";

TEST(SarifSrcRoot, EverySpellingOfTheRootIsRelativeToTheRepository) {
  TempTree t;
  make_repository(t);
  const std::string top = fs::canonical(t.path()).string();
  const std::string expected = "infra/live/db.tf file://" + top + "/";
  for (const std::string spelling : {"infra", "infra/", "./infra", "./infra/", "infra/.", "infra/live/.."})
    EXPECT_EQ(uri_and_base(run_in(t.path(), kScan + spelling).out), expected) << spelling;
  EXPECT_EQ(uri_and_base(run(kScan + t.path() + "/infra/").out), expected) << "absolute, trailing slash";
  EXPECT_EQ(uri_and_base(run_in(t / "infra", kScan + ".").out), expected) << ". in the root";
  EXPECT_EQ(uri_and_base(run_in(t / "infra/live", kScan + "..").out), expected) << ".. below the root";
  // Through a symbolic link from outside the work tree: the files' real place.
  TempTree elsewhere;
  fs::create_directory_symlink(t / "infra", elsewhere / "link");
  EXPECT_EQ(uri_and_base(run(kScan + (elsewhere / "link")).out), expected) << "symlink";
  EXPECT_EQ(uri_and_base(run(kScan + (elsewhere / "link/")).out), expected) << "symlink/";
  EXPECT_EQ(uri_and_base(run_in(elsewhere / "link", kScan + ".").out), expected) << ". in a symlink";
  // The repository root itself, in every spelling: no prefix.
  EXPECT_EQ(uri_and_base(run_in(t.path(), kScan + ".").out), expected) << ". at the top";
  EXPECT_EQ(uri_and_base(run_in(t.path(), kScan + "./").out), expected) << "./ at the top";
}

TEST(SarifSrcRoot, OutsideAWorkTreeTheRootItself) {
  TempTree t;
  t.write("infra/live/db.tf", kFailingDb);
  const std::string root = fs::canonical(t / "infra").string();
  const std::string expected = "live/db.tf file://" + root + "/";
  for (const std::string spelling : {"infra", "infra/", "./infra"})
    EXPECT_EQ(uri_and_base(run_in(t.path(), kScan + "--no-config " + spelling).out), expected) << spelling;
  EXPECT_EQ(uri_and_base(run_in(t / "infra", kScan + "--no-config .").out), expected) << ".";
}

// Roots r00 … r(n-1), each with one failing database.
std::string make_roots(const TempTree &t, int n) {
  std::string args;
  for (int i = 0; i < n; ++i) {
    const std::string name = (i < 10 ? "r0" : "r") + std::to_string(i);
    t.write(name + "/db.tf", kFailingDb);
    args += " " + name;
  }
  t.write(".git/HEAD", "ref: refs/heads/main\n");  // stops the search for a .clause.yaml
  return args;
}

TEST(SarifLimits, MoreThanTwentyRunsInOneFileAreRefused) {
  TempTree t;
  const std::string roots = make_roots(t, 21);
  const std::string message =
      "clause: error: out.sarif: not written: 21 scan roots make 21 SARIF runs, and GitHub code scanning "
      "accepts at most 20 runs in one file: give -o a directory (one SARIF file per root), or scan at most "
      "20 "
      "roots at a time (--shard)\n";
  CliRun r = run_in(t.path(), "scan --enable CL-0901 -o sarif=out.sarif" + roots);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, message);
  EXPECT_FALSE(fs::exists(t / "out.sarif"));
  r = run_in(t.path(), "scan --enable CL-0901 -f sarif" + roots);  // nothing on stdout either
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out.rfind("clause: error: SARIF: not written: 21 scan roots make 21 SARIF runs", 0), 0u)
      << r.out;
  // Twenty fit in one file.
  r = run_in(t.path(), "scan --enable CL-0901 -o sarif=out.sarif" + make_roots(t, 20));
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_EQ(nlohmann::json::parse(t.read("out.sarif"))["runs"].size(), 20u);
}

TEST(SarifLimits, ADirectoryGetsOneFilePerRootWithItsOwnCategory) {
  TempTree t;
  const std::string roots = make_roots(t, 21);
  for (const std::string target : {"-o sarif=out/", "-f sarif -o out"}) {
    fs::remove_all(t / "out");
    if (target.ends_with("out")) fs::create_directory(t / "out");
    CliRun r = run_in(t.path(), "scan --enable CL-0901 " + target + roots);
    EXPECT_EQ(r.exit_code, 1) << target << ": " << r.out;
    std::set<std::string> ids;
    for (int i = 0; i < 21; ++i) {
      const std::string name = (i < 10 ? "r0" : "r") + std::to_string(i);
      const std::string path = "out/" + name + ".sarif";
      ASSERT_TRUE(fs::exists(t / path)) << path;
      const auto log = nlohmann::json::parse(t.read(path));
      ASSERT_EQ(log["runs"].size(), 1u);
      EXPECT_EQ(log["runs"][0]["automationDetails"]["id"], "clause/" + name + "/");
      EXPECT_EQ(log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
                name + "/db.tf");
      ids.insert(log["runs"][0]["automationDetails"]["id"].get<std::string>());
    }
    EXPECT_EQ(ids.size(), 21u);
  }
  // Merging them back into one file is refused the same way.
  std::string files;
  for (const auto &entry : fs::directory_iterator(t / "out")) files += " " + entry.path().string();
  const CliRun merged = run_in(t.path(), "merge" + files + " -o merged.sarif");
  EXPECT_EQ(merged.exit_code, 2);
  EXPECT_EQ(
      merged.out,
      "clause: error: merge: 21 SARIF runs, and GitHub code scanning accepts at most 20 runs in one file: "
      "upload the shard files one by one instead\n");
  EXPECT_FALSE(fs::exists(t / "merged.sarif"));
}

Report report_with(size_t findings, size_t related) {
  Report report;
  RuleInfo rule;
  rule.id = "CL-0901";
  rule.severity = Severity::High;
  report.rules.push_back(rule);
  RootReport root;
  root.name = "svc";
  Finding f;
  f.rule_id = "CL-0901";
  f.location = {"main.tf", {3, 1, 3, 10, 0, 0}};
  f.related.resize(related);
  root.findings.assign(findings, f);
  report.roots.push_back(root);
  return report;
}

TEST(SarifLimits, ResultsRulesAndLocationsPerRun) {
  EXPECT_TRUE(sarif_limit_problems(report_with(25000, 999), false).empty());
  EXPECT_EQ(
      sarif_limit_problems(report_with(25001, 0), false),
      std::vector<std::string>{"svc: 25001 results, and GitHub code scanning accepts at most 25000 in one "
                               "run: scan smaller roots, or report fewer findings (--severity-min, "
                               "--baseline)"});
  EXPECT_EQ(sarif_limit_problems(report_with(1, 1000), true),
            std::vector<std::string>{"svc: main.tf:3: [CL-0901] has 1001 locations, and GitHub code scanning "
                                     "accepts at most 1000 a result"});
  Report many_rules = report_with(1, 0);
  many_rules.rules.resize(25001, many_rules.rules.front());
  for (size_t i = 0; i < many_rules.rules.size(); ++i) many_rules.rules[i].id = "X-" + std::to_string(i);
  many_rules.roots.front().findings.front().rule_id = "X-0";
  EXPECT_EQ(sarif_limit_problems(many_rules, true),
            std::vector<std::string>{
                "25001 rules in each SARIF run, and GitHub code scanning accepts at most 25000 "
                "a run: select fewer rules (--enable, --disable, --scenario)"});
  // Over the limits the CLI writes nothing and exits 2; so does merge.
  SarifLimits small;
  small.runs_per_file = 1;
  Report two = report_with(1, 0);
  two.roots.push_back(two.roots.front());
  two.roots.back().name = "other";
  EXPECT_EQ(sarif_limit_problems(two, false, small).size(), 1u);
  EXPECT_TRUE(sarif_limit_problems(two, true, small).empty());
}

TEST(Provenance, SarifJsonMarkdownAndHtmlCarryTimeCommitAndBranch) {
  TempTree t;
  make_repository(t);
  const std::string rev = head_of(t);
  ASSERT_EQ(rev.size(), 40u);
  const std::string scan = "cd '" + t.path() + "' && env -u CI SOURCE_DATE_EPOCH=86400 " + CLAUSE_BINARY +
                           " scan infra --enable CL-0901 ";
  const auto sarif = nlohmann::json::parse(run_shell(scan + "-f sarif", false).out);
  const auto &run0 = sarif["runs"][0];
  EXPECT_EQ(run0["invocations"][0]["startTimeUtc"], "1970-01-02T00:00:00Z");
  EXPECT_EQ(run0["invocations"][0]["endTimeUtc"], "1970-01-02T00:00:00Z");
  EXPECT_EQ(
      run0["versionControlProvenance"],
      nlohmann::json::parse(R"([{"repositoryUri": "https://example.com/org/repo.git", "revisionId": ")" +
                            rev + R"(", "branch": "main", "mappedTo": {"uriBaseId": "%SRCROOT%"}}])"));
  const auto json = nlohmann::json::parse(run_shell(scan + "-f json", false).out);
  EXPECT_EQ(json["scan"], nlohmann::json::parse(R"({"started": "1970-01-02T00:00:00Z", "finished": )"
                                                R"("1970-01-02T00:00:00Z"})"));
  EXPECT_EQ(json["roots"][0]["versionControl"],
            nlohmann::json::parse(R"({"repositoryUri": "https://example.com/org/repo.git", "revision": ")" +
                                  rev + R"(", "branch": "main"})"));
  const std::string md = run_shell(scan + "-f markdown", false).out;
  EXPECT_NE(md.find("\n\nScanned 1970-01-02T00:00:00Z · infra at git `" + rev.substr(0, 12) + "` (main)\n\n"),
            std::string::npos)
      << md;
  const std::string html = run_shell(scan + "-f html", false).out;
  EXPECT_NE(html.find(" · scanned 1970-01-02T00:00:00Z</p>"), std::string::npos);
  EXPECT_NE(html.find(">git " + rev.substr(0, 12) + " (main)</span>"), std::string::npos);
  // SOURCE_DATE_EPOCH alone keeps the bytes too (the same commit, the same time).
  EXPECT_EQ(run_shell(scan + "-f sarif", false).out, run_shell(scan + "-f sarif", false).out);
  // Without SOURCE_DATE_EPOCH: now.
  const auto now = nlohmann::json::parse(run_in(t.path(), "scan infra --enable CL-0901 -f json").out);
  EXPECT_GE(now["scan"]["started"].get<std::string>(), "2025-");
  EXPECT_LE(now["scan"]["started"].get<std::string>(), now["scan"]["finished"].get<std::string>());
}

TEST(Provenance, ReproducibleLeavesItOutAndGivesTheSameBytes) {
  TempTree t;
  make_repository(t);
  const std::string rev = head_of(t);
  for (const std::string format : {"sarif", "json", "markdown", "html"}) {
    const CliRun a = run_in(t.path(), "scan infra --enable CL-0901 --reproducible -f " + format);
    const CliRun b = run_in(t.path(), "scan infra --enable CL-0901 --reproducible -f " + format);
    EXPECT_EQ(a.out, b.out) << format;
    for (const std::string &key : std::vector<std::string>{"startTimeUtc", "versionControl",
                                                           "\"scan\":", " · scanned ", "\nScanned ", rev})
      EXPECT_EQ(a.out.find(key), std::string::npos) << format << " has " << key;
  }
}

TEST(Provenance, RemoteUrlsLoseTheirCredentials) {
  EXPECT_EQ(public_remote_uri("https://user:secret@example.com/org/repo.git"),
            "https://example.com/org/repo.git");
  EXPECT_EQ(public_remote_uri("https://ghp_token@github.com/org/repo"), "https://github.com/org/repo");
  EXPECT_EQ(public_remote_uri("https://github.com/org/repo.git"), "https://github.com/org/repo.git");
  EXPECT_EQ(public_remote_uri("git@github.com:org/repo.git"), "ssh://git@github.com/org/repo.git");
  EXPECT_EQ(public_remote_uri("ssh://git@github.com/org/repo.git"), "ssh://git@github.com/org/repo.git");
  EXPECT_EQ(public_remote_uri("/srv/git/repo.git"), "file:///srv/git/repo.git/");
}

}  // namespace
}  // namespace clause
