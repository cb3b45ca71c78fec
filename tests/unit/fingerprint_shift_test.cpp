// Fingerprints survive unrelated edits (issue 21): a finding inside a module
// instance is identified by its rule, the instance's module address and the
// offending text, never by a line of the caller, so shifting every file of
// a module-calling tree keeps every fingerprint and a baseline taken before
// still holds every finding.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>

#include "cli_run.h"

namespace clause {
namespace {

namespace fs = std::filesystem;
using testing::CliRun;
using testing::run;
using testing::TempTree;

// The two rules of the report in issue 21 (CL-1003 is not in the default profile).
const std::string kRules = "--enable CL-1003,CL-1105 ";

// A root module calling a local database module twice, the arguments
// flowing into the attributes the findings are about.
void write_module_tree(const TempTree &t) {
  t.write(".git/HEAD", "ref: refs/heads/main\n");  // stops the search for a .clause.yaml
  t.write("main.tf",
          "locals {\n  common = { logs = [], max = 0 }\n}\n\n"
          "module \"primary\" {\n  source   = \"./modules/db\"\n  name     = \"primary\"\n"
          "  settings = local.common\n}\n\n"
          "module \"reporting\" {\n  source   = \"./modules/db\"\n  name     = \"reporting\"\n"
          "  settings = { logs = [], max = 0 }\n}\n");
  t.write("modules/db/variables.tf", "variable \"name\" {}\nvariable \"settings\" {}\n");
  t.write("modules/db/main.tf",
          "resource \"aws_db_instance\" \"this\" {\n  identifier                      = var.name\n"
          "  allocated_storage               = 20\n"
          "  max_allocated_storage           = var.settings.max\n"
          "  enabled_cloudwatch_logs_exports = var.settings.logs\n"
          "  engine                          = \"postgres\"\n}\n");
}

// Every finding of the scan as "rule resource" -> (fingerprint, line). (Where
// a finding stands, the module's attribute or the caller's argument that
// gives its value, is the evaluator's business; here only that it moves
// with its file and keeps its fingerprint.)
std::map<std::string, std::pair<std::string, int>> findings_of(const TempTree &t) {
  const CliRun r = run("scan -f json --reproducible --no-cache " + kRules + t.path(), false);
  std::map<std::string, std::pair<std::string, int>> out;
  const nlohmann::json report = nlohmann::json::parse(r.out);
  for (const auto &f : report["roots"][0]["findings"]) {
    const std::string key = f["ruleId"].get<std::string>() + " " + f["resource"].get<std::string>();
    EXPECT_EQ(out.count(key), 0u) << key;
    out[key] = {f["fingerprint"].get<std::string>(), f["location"]["startLine"].get<int>()};
  }
  return out;
}

void prepend(const TempTree &t, const std::string &rel, const std::string &text) {
  t.write(rel, text + t.read(rel));
}

TEST(FingerprintShift, ShiftingEveryFileOfAModuleTreeKeepsEveryFingerprint) {
  TempTree t;
  write_module_tree(t);
  const auto before = findings_of(t);
  // The module's findings of both instances are there, told apart by address.
  ASSERT_TRUE(before.count("CL-1003 module.primary.aws_db_instance.this"));
  ASSERT_TRUE(before.count("CL-1003 module.reporting.aws_db_instance.this"));
  ASSERT_TRUE(before.count("CL-1105 module.primary.aws_db_instance.this"));
  ASSERT_TRUE(before.count("CL-1105 module.reporting.aws_db_instance.this"));
  EXPECT_NE(before.at("CL-1003 module.primary.aws_db_instance.this").first,
            before.at("CL-1003 module.reporting.aws_db_instance.this").first);
  for (const std::string rel : {"main.tf", "modules/db/main.tf", "modules/db/variables.tf"})
    prepend(t, rel, "\n\n\n");
  const auto after = findings_of(t);
  ASSERT_EQ(after.size(), before.size());
  for (const auto &[key, was] : before) {
    ASSERT_TRUE(after.count(key)) << key;
    EXPECT_EQ(after.at(key).first, was.first) << key;
    EXPECT_EQ(after.at(key).second, was.second + 3) << key << ": the finding moved with its file";
  }
}

TEST(FingerprintShift, ABaselineHoldsModuleFindingsWhenTheCallerMoves) {
  TempTree t;
  write_module_tree(t);
  const std::string baseline = t / "baseline.json";
  ASSERT_EQ(run("baseline " + kRules + "-o " + baseline + " " + t.path()).exit_code, 0);
  const size_t total = nlohmann::json::parse(t.read("baseline.json"))["findings"].size();
  ASSERT_EQ(total, 4u);  // CL-1003 and CL-1105, each in both instances
  // Five blank lines at the top of the root main.tf: only the caller moves.
  prepend(t, "main.tf", "\n\n\n\n\n");
  const CliRun r = run("scan --no-color " + kRules + "--baseline " + baseline + " " + t.path());
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_EQ(r.out.find("CL-1003"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("CL-1105"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("0 findings, " + std::to_string(total) + " baselined;"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace clause
