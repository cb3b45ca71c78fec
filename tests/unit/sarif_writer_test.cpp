#include "sarif/sarif_writer.h"

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "checker/model/finding_identity.h"
#include "checker/model/uri.h"
#include "sample_report.h"

namespace clause {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

SarifOptions test_options() {
  SarifOptions opts;
  opts.tool_version = "1.2.3";
  opts.information_uri = "https://github.com/clause-dev/clause";
  return opts;
}

std::string sarif_text(const Report &report, const SarifOptions &opts = test_options()) {
  std::ostringstream out;
  write_sarif(report, out, opts);
  return out.str();
}

std::string read_file(const fs::path &path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_file(const fs::path &path, const std::string &text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

// A report with two roots, to check that each run gets its own category.
Report two_root_report() {
  Report report = testing::sample_report();
  RootReport second = report.roots[0];
  second.name = "services/api";
  second.abs_path = "/work/api";
  second.diagnostics.clear();
  report.roots.push_back(second);
  return report;
}

TEST(SarifWriter, MatchesGoldenFile) {
  const fs::path golden = fs::path(CLAUSE_SOURCE_DIR) / "fixtures/golden/report.sarif";
  const std::string text = sarif_text(testing::sample_report());
  const char *update = std::getenv("CLAUSE_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    write_file(golden, text);
    GTEST_SKIP() << "regenerated " << golden;
  }
  ASSERT_TRUE(fs::exists(golden)) << golden << " is missing; run with CLAUSE_UPDATE_GOLDEN=1";
  EXPECT_EQ(text, read_file(golden)) << "SARIF differs from " << golden
                                     << "; if intended, regenerate with CLAUSE_UPDATE_GOLDEN=1";
}

TEST(SarifWriter, IsDeterministic) {
  EXPECT_EQ(sarif_text(testing::sample_report()), sarif_text(testing::sample_report()));
}

TEST(SarifWriter, RunStructure) {
  const json log = json::parse(sarif_text(testing::sample_report()));
  EXPECT_EQ(log["$schema"], "https://json.schemastore.org/sarif-2.1.0.json");
  EXPECT_EQ(log["version"], "2.1.0");
  ASSERT_EQ(log["runs"].size(), 1u);
  const json &run = log["runs"][0];
  EXPECT_EQ(run["tool"]["driver"]["name"], "clause");
  EXPECT_EQ(run["tool"]["driver"]["semanticVersion"], "1.2.3");
  EXPECT_EQ(run["automationDetails"]["id"], "iac/");
  EXPECT_EQ(run["originalUriBaseIds"]["%SRCROOT%"]["uri"], "file:///work/demo%20repo/");
  EXPECT_EQ(run["invocations"][0]["executionSuccessful"], true);

  const json &rules = run["tool"]["driver"]["rules"];
  ASSERT_EQ(rules.size(), 2u);
  EXPECT_EQ(rules[0]["id"], "CL-0902");
  EXPECT_EQ(rules[0]["defaultConfiguration"]["level"], "error");
  EXPECT_EQ(rules[0]["properties"]["scenario"], "5.9");
  EXPECT_EQ(rules[0]["properties"]["tags"],
            json::array({"iso20000-9", "scenario-5.9", "terraform", "cloudformation", "infrastructure"}));
  EXPECT_EQ(rules[0]["properties"]["security-severity"], "8.0");
  EXPECT_EQ(rules[0]["properties"]["problem.severity"], "error");
  EXPECT_EQ(rules[0]["help"]["markdown"], testing::backup_rule().help_markdown);
  EXPECT_FALSE(rules[0].contains("helpUri"));
  // Without a documentation page the markdown is built from the metadata.
  EXPECT_NE(rules[1]["help"]["markdown"].get<std::string>().find("**How to fix:** Raise retention_in_days"),
            std::string::npos);
  EXPECT_EQ(rules[1]["properties"]["precision"], "medium");

  const json &results = run["results"];
  ASSERT_EQ(results.size(), 3u);
  const json &first = results[0];
  EXPECT_EQ(first["ruleId"], "CL-0902");
  EXPECT_EQ(first["ruleIndex"], 0);
  EXPECT_EQ(first["level"], "error");
  const json &loc = first["locations"][0]["physicalLocation"];
  EXPECT_EQ(loc["artifactLocation"]["uri"], "main.tf");
  EXPECT_EQ(loc["artifactLocation"]["uriBaseId"], "%SRCROOT%");
  EXPECT_EQ(loc["region"], json({{"startLine", 12}, {"startColumn", 3}, {"endLine", 12}, {"endColumn", 30}}));
  EXPECT_EQ(first["partialFingerprints"]["clause/v1"],
            finding_fingerprint("CL-0902", "aws_db_instance.main", "backup_retention_period = 1"));
  EXPECT_EQ(first["properties"]["resource"], "aws_db_instance.main");

  const json &related = results[1]["relatedLocations"];
  ASSERT_EQ(related.size(), 1u);
  EXPECT_EQ(related[0]["id"], 1);
  EXPECT_EQ(related[0]["message"]["text"], "log retention promised here");
  EXPECT_EQ(related[0]["physicalLocation"]["artifactLocation"]["uri"], "agreements/csa.yaml");
  EXPECT_EQ(results[1]["ruleIndex"], 1);

  EXPECT_EQ(results[2]["suppressions"],
            json::array({{{"kind", "inSource"}, {"justification", "dev database, rebuilt nightly"}}}));
  EXPECT_FALSE(results[0].contains("suppressions"));

  const json &notes = run["invocations"][0]["toolExecutionNotifications"];
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_EQ(notes[0]["level"], "error");
  EXPECT_EQ(notes[0]["message"]["text"], "unexpected '}'");
  EXPECT_EQ(notes[0]["descriptor"]["id"], "parse-error");
  EXPECT_EQ(notes[0]["locations"][0]["physicalLocation"]["region"]["startLine"], 3);
}

TEST(SarifWriter, OmitsZeroRegionFieldsAndKeepsALine) {
  Report report = testing::sample_report();
  report.roots[0].findings[0].location.span = testing::span(4, 0, 0, 0);
  report.roots[0].findings[1].location.span = Span{};
  const json results = json::parse(sarif_text(report))["runs"][0]["results"];
  EXPECT_EQ(results[0]["locations"][0]["physicalLocation"]["region"], json({{"startLine", 4}}));
  EXPECT_EQ(results[1]["locations"][0]["physicalLocation"]["region"], json({{"startLine", 1}}));
}

TEST(SarifWriter, UrisArePercentEncodedAndRelative) {
  EXPECT_EQ(relative_path_uri("dir with space/ü.tf"), "dir%20with%20space/%C3%BC.tf");
  EXPECT_EQ(relative_path_uri("./a/b#c?.yaml"), "a/b%23c%3F.yaml");
  EXPECT_EQ(relative_path_uri("c:weird.tf"), "c%3Aweird.tf");
  EXPECT_EQ(relative_path_uri("100%.tf"), "100%25.tf");
  EXPECT_EQ(directory_file_uri("/work/repo"), "file:///work/repo/");
  EXPECT_EQ(directory_file_uri("/work/repo/"), "file:///work/repo/");
}

TEST(SarifWriter, AutomationIdsPerRoot) {
  Report report = testing::sample_report();
  EXPECT_EQ(sarif_automation_ids(report), std::vector<std::string>{"iac/"});
  report.category = "";
  EXPECT_EQ(sarif_automation_ids(report), std::vector<std::string>{""});

  Report two = two_root_report();
  EXPECT_EQ(sarif_automation_ids(two), (std::vector<std::string>{"iac/fixtures/demo/", "iac/services/api/"}));
  two.category = "";
  two.roots[1].name = "fixtures/demo/";
  EXPECT_EQ(sarif_automation_ids(two),
            (std::vector<std::string>{"clause/fixtures/demo/", "clause/fixtures/demo-2/"}));

  const json log = json::parse(sarif_text(two_root_report()));
  ASSERT_EQ(log["runs"].size(), 2u);
  EXPECT_EQ(log["runs"][1]["automationDetails"]["id"], "iac/services/api/");
  EXPECT_EQ(log["runs"][1]["tool"]["driver"]["rules"].size(), 2u);
}

TEST(SarifWriter, UnknownRuleGetsADescriptor) {
  Report report = testing::sample_report();
  report.roots[0].findings[0].rule_id = "CL-9999";
  const json run = json::parse(sarif_text(report))["runs"][0];
  const json &rules = run["tool"]["driver"]["rules"];
  ASSERT_EQ(rules.size(), 3u);
  EXPECT_EQ(rules[2]["id"], "CL-9999");
  EXPECT_EQ(run["results"][0]["ruleIndex"], 2);
}

// The rule descriptors are streamed: their bytes are nlohmann's layout of
// the same values, indented and compact, whatever a rule holds (tags over
// the limit and repeated, profiles, a help URI, bytes that are not UTF-8).
TEST(SarifWriter, StreamedRuleDescriptorsHaveNlohmannsLayout) {
  Report report = testing::sample_report();
  RuleInfo &rule = report.rules[0];
  rule.title = "Title with a bad \xff byte and a \"quote\"";
  rule.profiles = {"recommended", "account"};
  rule.tags = {"a", "b", "", "a", "c", "d", "e", "f", "g", "h", "i", "j"};
  SarifOptions opts = test_options();
  opts.help_uri_base = "https://example.test/rules/";
  for (const bool pretty : {true, false}) {
    opts.pretty = pretty;
    const std::string text = sarif_text(report, opts);
    const nlohmann::ordered_json log = nlohmann::ordered_json::parse(text);
    // The log ends with a line break.
    EXPECT_EQ(text, log.dump(pretty ? 2 : -1) + "\n") << (pretty ? "indented" : "compact");
    const auto &descriptor = log["runs"][0]["tool"]["driver"]["rules"][0];
    EXPECT_EQ(descriptor["shortDescription"]["text"], "Title with a bad \xEF\xBF\xBD byte and a \"quote\"");
    EXPECT_EQ(descriptor["helpUri"], "https://example.test/rules/" + rule.id);
    EXPECT_EQ(descriptor["properties"]["profiles"], json::array({"recommended", "account"}));
    // The first ten distinct tags, in order.
    EXPECT_EQ(descriptor["properties"]["tags"],
              json::array({"iso20000-9", "scenario-5.9", "terraform", "cloudformation", "infrastructure", "a",
                           "b", "c", "d", "e"}));
  }
}

TEST(SarifWriter, InvalidUtf8IsReplaced) {
  Report report = testing::sample_report();
  report.roots[0].findings[0].message = "bad \xff byte";
  const json results = json::parse(sarif_text(report))["runs"][0]["results"];
  EXPECT_EQ(results[0]["message"]["text"], "bad \xEF\xBF\xBD byte");
}

// Results are never cut: a run over GitHub's 25,000 is refused by the CLI
// (sarif_limit_problems), not silently trimmed.
TEST(SarifWriter, WritesEveryResult) {
  Report report;
  report.rules = {testing::backup_rule()};
  RootReport root;
  root.name = ".";
  for (size_t i = 0; i < 25010; ++i) {
    Finding f;
    f.rule_id = "CL-0902";
    f.severity = Severity::Low;
    f.location = {"f" + std::to_string(100000 + i) + ".tf", testing::span(1, 1, 1, 2)};
    f.message = "m";
    f.resource = "r" + std::to_string(i);
    root.findings.push_back(std::move(f));
  }
  report.roots.push_back(std::move(root));
  const json run = json::parse(sarif_text(report, [] {
    SarifOptions o = test_options();
    o.pretty = false;
    return o;
  }()))["runs"][0];
  EXPECT_EQ(run["results"].size(), 25010u);
  EXPECT_FALSE(run["invocations"][0].contains("toolExecutionNotifications"));
  EXPECT_EQ(sarif_limit_problems(report, true).size(), 1u);
}

// Runs the shared SARIF validator (schema + GitHub upload constraints + the
// SARIF Multitool) on what we write, when it is available here.
TEST(SarifWriter, PassesTheSharedValidator) {
  fs::path tools;
  if (const char *shared = std::getenv("CLAUSE_SHARED"); shared != nullptr && *shared) {
    tools = fs::path(shared) / "tools/sarif";
  } else {
    tools = fs::path(CLAUSE_SOURCE_DIR "/../shared/tools/sarif");
  }
  if (!fs::exists(tools / "validate")) {
    GTEST_SKIP() << "SARIF validator not found at " << (tools / "validate")
                 << " (set CLAUSE_SHARED to the folder holding tools/sarif)";
  }
  const fs::path dir = fs::path(::testing::TempDir()) / "clause-sarif-validate";
  fs::create_directories(dir);
  const fs::path one = dir / "one-root.sarif";
  const fs::path two = dir / "two-roots.sarif";
  write_file(one, sarif_text(testing::sample_report()));
  write_file(two, sarif_text(two_root_report()));

  static const int setup_status =
      std::system(("'" + (tools / "setup").string() + "' >/dev/null 2>&1").c_str());
  if (setup_status != 0) {
    GTEST_SKIP() << "the validator's setup failed (exit " << setup_status << "); run " << (tools / "setup")
                 << " by hand to see why";
  }
  const fs::path log = dir / "validate.log";
  const std::string cmd = "'" + (tools / "validate").string() + "' '" + one.string() + "' '" + two.string() +
                          "' >'" + log.string() + "' 2>&1";
  const int status = std::system(cmd.c_str());
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0) << read_file(log);
}

}  // namespace
}  // namespace clause
