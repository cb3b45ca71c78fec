// End-to-end tests of batch audits: the compliance summary of the fixture
// roots, --roots-from, --shard with `clause merge`, the progress line, the
// HTML output.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "cli_run.h"

namespace clause {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using testing::fresh_dir;
using testing::read_file;
using testing::run;
using testing::src;

const std::string kRules = "--enable CL-0301,CL-0901,CL-1001 ";

json scenario(const json &root, const char *sc) { return root["compliance"]["scenarios"][sc]; }

TEST(BatchCli, ComplianceSummaryOfTheFixture) {
  const auto r = run("scan " + kRules + "-f json " + src("fixtures/compliance/beta") + " " +
                     src("fixtures/compliance/alpha"));
  ASSERT_EQ(r.exit_code, 1) << r.out;
  const json doc = json::parse(r.out);
  ASSERT_EQ(doc["roots"].size(), 2u);
  const json &alpha = doc["roots"][0];  // roots are sorted by name
  const json &beta = doc["roots"][1];
  EXPECT_EQ(alpha["name"], src("fixtures/compliance/alpha"));
  EXPECT_EQ(alpha["compliance"]["status"], "fail");

  // alpha: 5.3 pass, 5.9 fail, 5.10 unknown.
  EXPECT_EQ(scenario(alpha, "5.3"),
            json::parse(R"({"title": "service catalogue", "status": "pass", "rules": 1, "evaluated": 1,
              "passed": 1, "failed": 0, "failedBySeverity": {"critical": 0, "high": 0, "medium": 0, "low": 0, "info": 0},
              "suppressed": 0, "unknown": 0, "notApplicable": 0,
              "findings": {"critical": 0, "high": 0, "medium": 0, "low": 0, "info": 0}, "suppressedFindings": 0,
              "targets": {"total": 2, "passed": 2, "failed": 0, "unknown": 0}})"));
  const json a59 = scenario(alpha, "5.9");
  EXPECT_EQ(a59["status"], "fail");
  EXPECT_EQ(a59["failed"], 1);
  EXPECT_EQ(a59["failedBySeverity"]["medium"], 1);
  EXPECT_EQ(a59["findings"]["medium"], 1);
  EXPECT_EQ(a59["targets"], json::parse(R"({"total": 1, "passed": 0, "failed": 1, "unknown": 0})"));
  const json a510 = scenario(alpha, "5.10");
  EXPECT_EQ(a510["status"], "unknown");
  EXPECT_EQ(a510["unknown"], 1);
  EXPECT_EQ(a510["evaluated"], 1);
  EXPECT_EQ(a510["targets"]["unknown"], 1);

  // beta: 5.3 fail, 5.9 pass, 5.10 n/a (no log group).
  EXPECT_EQ(scenario(beta, "5.3")["status"], "fail");
  EXPECT_EQ(scenario(beta, "5.3")["findings"]["medium"], 1);
  EXPECT_EQ(scenario(beta, "5.3")["targets"],
            json::parse(R"({"total": 2, "passed": 1, "failed": 1, "unknown": 0})"));
  EXPECT_EQ(scenario(beta, "5.9")["status"], "pass");
  EXPECT_EQ(scenario(beta, "5.10")["status"], "n/a");
  EXPECT_EQ(scenario(beta, "5.10")["notApplicable"], 1);
  EXPECT_EQ(scenario(beta, "5.10")["evaluated"], 0);

  // Scenarios without rules are n/a everywhere.
  for (const char *sc :
       {"5.1", "5.2", "5.4", "5.5", "5.6", "5.7", "5.8", "5.11", "5.12", "5.13", "5.14", "5.15"}) {
    EXPECT_EQ(scenario(alpha, sc)["status"], "n/a") << sc;
    EXPECT_EQ(scenario(beta, sc)["rules"], 0) << sc;
  }
  EXPECT_EQ(alpha["ruleTallies"]["CL-0301"],
            json::parse(R"({"targets": 2, "passed": 2, "failed": 0, "unknown": 0})"));

  const json &summary = doc["summary"];
  EXPECT_EQ(summary["roots"], 2);
  EXPECT_EQ(summary["compliance"]["roots"], json::parse(R"({"fail": 2, "unknown": 0, "pass": 0, "n/a": 0})"));
  EXPECT_EQ(summary["compliance"]["scenarios"]["5.3"]["roots"],
            json::parse(R"({"fail": 1, "unknown": 0, "pass": 1, "n/a": 0})"));
  EXPECT_EQ(summary["compliance"]["scenarios"]["5.10"]["status"], "unknown");
}

TEST(BatchCli, SarifRunsCarryTheRootCompliance) {
  const fs::path dir = fresh_dir("clause-batch-sarif");
  const auto r =
      run("scan -q " + kRules + src("fixtures/compliance/alpha") + " " + src("fixtures/compliance/beta") +
          " -o sarif=" + (dir / "a.sarif").string() + " -o json=" + (dir / "a.json").string());
  ASSERT_EQ(r.exit_code, 1) << r.out;
  const json sarif = json::parse(read_file(dir / "a.sarif"));
  const json doc = json::parse(read_file(dir / "a.json"));
  ASSERT_EQ(sarif["runs"].size(), 2u);
  for (size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(sarif["runs"][i]["properties"]["compliance"], doc["roots"][i]["compliance"]);
    EXPECT_EQ(sarif["runs"][i]["properties"]["root"], doc["roots"][i]["name"]);
  }
  fs::remove_all(dir);
}

TEST(BatchCli, TextEndsWithTheBatchSummary) {
  const std::string alpha = src("fixtures/compliance/alpha");
  const std::string beta = src("fixtures/compliance/beta");
  const auto r = run("scan --no-color " + kRules + alpha + " " + beta);
  ASSERT_EQ(r.exit_code, 1);
  const std::string tail = "root " + alpha + ": fail; fail 5.9; unknown 5.10; pass 5.3 (12 n/a)\nroot " +
                           beta +
                           ": fail; fail 5.3; pass 5.9 (13 n/a)\n2 roots: 2 fail, 0 unknown, 0 pass, 0 n/a\n"
                           "2 findings (2 medium); 2 files scanned (2 terraform)\n";
  EXPECT_TRUE(r.out.ends_with(tail)) << r.out;
}

TEST(BatchCli, RootsFromAFile) {
  const fs::path dir = fresh_dir("clause-roots-from");
  fs::create_directories(dir / "svc");
  fs::copy(src("fixtures/compliance/alpha"), dir / "svc/alpha");
  std::ofstream(dir / "roots.txt") << "# audited services\n\nsvc/alpha\n  " << src("fixtures/compliance/beta")
                                   << "/  \nsvc/alpha/\n";
  const auto r = run("scan " + kRules + "-f json --roots-from " + (dir / "roots.txt").string());
  ASSERT_EQ(r.exit_code, 1) << r.out;
  const json doc = json::parse(r.out);
  ASSERT_EQ(doc["roots"].size(), 2u);  // svc/alpha once
  // In name order, wherever the checkout and the temporary folder are.
  const std::string alpha = (dir / "svc/alpha").string(), beta = src("fixtures/compliance/beta");
  const size_t a = alpha < beta ? 0 : 1;
  EXPECT_EQ(doc["roots"][a]["name"], alpha);
  EXPECT_EQ(doc["roots"][1 - a]["name"], beta);
  EXPECT_EQ(doc["roots"][a]["findings"][0]["location"]["path"], "main.tf");  // relative to its own root

  EXPECT_EQ(run("scan --roots-from " + (dir / "nope.txt").string()).exit_code, 2);
  const auto bad = run("scan --shard 4/3 " + src("fixtures/compliance/alpha"));
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.out.find("--shard: '4/3' is not K/N"), std::string::npos) << bad.out;
  fs::remove_all(dir);
}

TEST(BatchCli, MergedShardsEqualTheUnshardedScan) {
  const fs::path dir = fresh_dir("clause-shards");
  std::ofstream list(dir / "roots.txt");
  for (const char *root :
       {"fixtures/compliance/alpha", "fixtures/compliance/beta", "fixtures/demo", "fixtures/rules/CL-0301",
        "fixtures/rules/CL-0901", "fixtures/rules/CL-1001", "fixtures/agreements", "fixtures/plan"}) {
    list << src(root) << "\n";
  }
  list.close();
  const std::string roots = "--roots-from " + (dir / "roots.txt").string();
  // --reproducible: the time of each run would differ, and it is not what is compared.
  ASSERT_NE(run("scan -q --reproducible " + roots + " -o sarif=" + (dir / "all.sarif").string() +
                " -o json=" + (dir / "all.json").string())
                .exit_code,
            2);
  std::string sarif_parts, json_parts;
  std::multiset<std::string> scanned;
  size_t non_empty = 0;
  for (int k = 1; k <= 3; ++k) {
    const std::string n = std::to_string(k);
    const auto r = run("scan -q --reproducible " + roots + " --shard " + n + "/3 -o sarif=" +
                       (dir / (n + ".sarif")).string() + " -o json=" + (dir / (n + ".json")).string());
    ASSERT_NE(r.exit_code, 2) << r.out;
    const json part = json::parse(read_file(dir / (n + ".json")));
    for (const json &root : part["roots"]) scanned.insert(root["name"].get<std::string>());
    non_empty += !part["roots"].empty();
    sarif_parts += " " + (dir / (n + ".sarif")).string();
    json_parts = " " + (dir / (n + ".json")).string() + json_parts;  // any order
  }
  EXPECT_EQ(scanned.size(), 8u);
  EXPECT_EQ(std::set<std::string>(scanned.begin(), scanned.end()).size(), 8u);  // each root in one shard
  EXPECT_GE(non_empty, 2u);

  ASSERT_EQ(run("merge" + sarif_parts + " -o " + (dir / "merged.sarif").string()).exit_code, 0);
  ASSERT_EQ(run("merge" + json_parts + " -o " + (dir / "merged.json").string()).exit_code, 0);
  EXPECT_EQ(read_file(dir / "merged.sarif"), read_file(dir / "all.sarif"));
  EXPECT_EQ(read_file(dir / "merged.json"), read_file(dir / "all.json"));

  // The merged output keeps the shards' format: a name for another is refused, and nothing is written.
  const auto misnamed = run("merge" + json_parts + " -o " + (dir / "merged-json.sarif").string());
  EXPECT_EQ(misnamed.exit_code, 2);
  EXPECT_EQ(misnamed.out,
            "clause: error: merge: the shards are clause JSON outputs and the merged output keeps "
            "their format, but " +
                (dir / "merged-json.sarif").string() +
                " is named for sarif: name it .json or merge the sarif outputs of the shards\n");
  EXPECT_FALSE(fs::exists(dir / "merged-json.sarif"));
  EXPECT_EQ(run("merge" + sarif_parts + " -o " + (dir / "merged.sarif.json").string()).exit_code, 0);
  EXPECT_EQ(run("merge" + sarif_parts + " -o " + (dir / "merged.xml").string()).exit_code, 2);
  const auto mixed = run("merge " + (dir / "1.sarif").string() + " " + (dir / "2.json").string());
  EXPECT_EQ(mixed.exit_code, 2);
  EXPECT_NE(mixed.out.find("cannot merge SARIF with JSON"), std::string::npos) << mixed.out;
  const auto twice = run("merge " + (dir / "all.sarif").string() + " " + (dir / "all.sarif").string());
  EXPECT_EQ(twice.exit_code, 2);
  std::ofstream(dir / "junk.json") << "{\"hello\": 1}";
  EXPECT_EQ(run("merge " + (dir / "junk.json").string()).exit_code, 2);
  fs::remove_all(dir);
}

// Shards that no scan wrote: each is refused with exit 2 and a message
// naming the file, never a crash and never a quiet wrong merge.
TEST(BatchCli, MergeRefusesShardsItCannotMergeFaithfully) {
  const fs::path dir = fresh_dir("merge-hostile");
  const std::string a = (dir / "a.sarif").string(), b = (dir / "b.sarif").string();
  const std::string scan = "scan -q --enable CL-0901 --no-config ";
  ASSERT_EQ(run(scan + "-o sarif=" + a + " " + src("fixtures/rules/CL-0901/fail")).exit_code, 1);
  ASSERT_EQ(run(scan + "-o sarif=" + b + " " + src("fixtures/rules/CL-0901/pass")).exit_code, 0);
  ASSERT_EQ(run("merge " + a + " " + b).exit_code, 0);

  // A 50,000-deep array under a result's properties (a 100 KB file): the
  // merge copied it recursively and overflowed the stack.
  json log = json::parse(read_file(a));
  ASSERT_FALSE(log["runs"][0]["results"].empty());
  log["runs"][0]["results"][0]["properties"]["deep"] = "DEEP";
  std::string text = log.dump();
  text.replace(text.find("\"DEEP\""), 6, std::string(50'000, '[') + std::string(50'000, ']'));
  const std::string deep = (dir / "deep.sarif").string();
  std::ofstream(deep) << text;
  auto r = run("merge " + deep + " " + b);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out,
            "clause: error: merge: " + deep + ": nesting deeper than 256 levels: not an output of clause\n");

  // One rule described two ways (here, re-graded in one shard).
  log = json::parse(read_file(b));
  for (json &rule : log["runs"][0]["tool"]["driver"]["rules"])
    if (rule["id"] == "CL-0901") rule["defaultConfiguration"]["level"] = "note";
  const std::string regraded = (dir / "regraded.sarif").string();
  std::ofstream(regraded) << log.dump();
  r = run("merge " + a + " " + regraded);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "clause: error: merge: rule CL-0901 is described differently by " + a + " and " +
                       regraded + ": shards must be scanned with the same rules and configuration\n");

  // A line number past 2^32 is an error, not line 1.
  const std::string shard = (dir / "a.json").string();
  ASSERT_EQ(
      run("scan -q --enable CL-0901 --no-config -o json=" + shard + " " + src("fixtures/rules/CL-0901/fail"))
          .exit_code,
      1);
  log = json::parse(read_file(shard));
  ASSERT_FALSE(log["roots"][0]["findings"].empty());
  log["roots"][0]["findings"][0]["location"]["startLine"] = 4294967297ull;
  std::ofstream(shard, std::ios::trunc) << log.dump();
  r = run("merge " + shard);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "clause: error: merge: " + shard +
                       ": $.roots[0].findings[0].location.startLine: 4294967297 is out of range\n");
  fs::remove_all(dir);
}

TEST(BatchCli, OutputDoesNotDependOnThreads) {
  std::string roots;
  for (const char *root : {"fixtures/demo", "fixtures/compliance/beta", "fixtures/rules/CL-0301",
                           "fixtures/compliance/alpha", "fixtures/rules/CL-1001"}) {
    roots += " " + src(root);
  }
  const auto one = run("scan -f json --reproducible -j 1" + roots);
  const auto four = run("scan -f json --reproducible -j 4" + roots);
  ASSERT_EQ(one.exit_code, 1) << one.out;
  EXPECT_EQ(four.exit_code, 1);
  EXPECT_EQ(one.out, four.out);
  EXPECT_EQ(json::parse(one.out)["roots"].size(), 5u);
}

TEST(BatchCli, ProgressOnlyWhenAskedOnAPipe) {
  const std::string root = src("fixtures/compliance/alpha");
  const fs::path dir = fresh_dir("clause-progress");
  const std::string err = (dir / "err.txt").string();
  // stderr is a file here, not a terminal: no progress unless forced.
  run("scan -q " + root + " 2>" + err, false);
  EXPECT_EQ(read_file(err), "");
  run("scan -q --progress " + root + " 2>" + err, false);
  const std::string progress = read_file(err);
  EXPECT_NE(progress.find("\r\x1b[Kclause: 0/1 files"), std::string::npos) << progress;
  EXPECT_TRUE(progress.ends_with("\r\x1b[K")) << progress;  // erased at the end
  run("scan -q --no-progress " + root + " 2>" + err, false);
  EXPECT_EQ(read_file(err), "");
  fs::remove_all(dir);
}

TEST(BatchCli, HtmlFormat) {
  const fs::path dir = fresh_dir("clause-html");
  const std::string roots = src("fixtures/compliance/alpha") + " " + src("fixtures/compliance/beta");
  const std::string same = "--reproducible ";
  ASSERT_EQ(run("scan " + same + kRules + "-f html -o " + (dir / "r.html").string() + " " + roots).exit_code,
            1);
  ASSERT_EQ(run("scan " + same + kRules + "-o html=" + (dir / "again.html").string() + " " + roots).exit_code,
            1);
  const std::string html = read_file(dir / "r.html");
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_EQ(html, read_file(dir / "again.html"));  // deterministic
  EXPECT_EQ(html.find(" · scanned "), std::string::npos);
  // By default the header has the time of the scan (--report-time is still accepted).
  for (const std::string flag : {"", "--report-time "})
    ASSERT_EQ(
        run("scan " + flag + kRules + "-f html -o " + (dir / "t.html").string() + " " + roots).exit_code, 1);
  EXPECT_NE(read_file(dir / "t.html").find(" · scanned 20"), std::string::npos);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace clause
