// Agreement rules end to end: malformed agreements give agreement-schema
// diagnostics at file:line and never a crash, and the built-in set has at
// least 60 agreement rules over all fifteen scenarios. The complete and
// flawed examples carry their findings as `# expect:` annotations, checked by
// AgreementExamples in rule_fixtures_test.cpp.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <string>

#include "checker/agreement/agreement_validator.h"
#include "checker/engine/rule_set.h"
#include "checker/scan/scanner.h"
#include "tests/unit/cli_run.h"

namespace clause {
namespace {

namespace fs = std::filesystem;

const fs::path kAgreements = fs::path(CLAUSE_SOURCE_DIR) / "fixtures" / "agreements";

const RuleSet &agreement_rules() {
  static const RuleSet rules = [] {
    RuleSet all = RuleSet::builtin();
    all.filter([](const Rule &r) { return r.info.kind == RuleKind::Agreement; });
    return all;
  }();
  return rules;
}

RootReport scan(const fs::path &root) {
  ScanOptions opts;
  opts.roots = {root.string()};
  Report report = run_scan(agreement_rules(), opts);
  return report.roots.at(0);
}

TEST(AgreementRules, BuiltinSetCoversEveryScenario) {
  std::map<std::string, int> per_scenario;
  for (const auto &r : agreement_rules().rules()) {
    ++per_scenario[r.info.scenario];
    EXPECT_FALSE(r.info.help_markdown.empty()) << r.info.id;
    // Agreement rules own the sequence numbers 40-69 of their scenario.
    int seq = std::stoi(r.info.id.substr(5, 2));
    EXPECT_GE(seq, 40) << r.info.id;
    EXPECT_LE(seq, 69) << r.info.id;
  }
  EXPECT_GE(agreement_rules().rules().size(), 60u);
  for (int s = 1; s <= 15; ++s) EXPECT_GE(per_scenario["5." + std::to_string(s)], 3) << "scenario 5." << s;
}

struct DiagAt {
  std::string file;
  uint32_t line;
  uint32_t col;
  std::string text;  // a part of the message
};

TEST(AgreementValidator, MalformedAgreementsGetDiagnosticsAtTheirLines) {
  RootReport root = scan(kAgreements / "invalid");
  const DiagAt expected[] = {
      {"unknown-version.yaml", 2, 1,
       "unsupported apiVersion 'clause/v9'; this version of clause reads clause/v1alpha1"},
      {"wrong-level.yaml", 4, 1,
       "unknown field 'dataRetrievalPeriod' at the top level; 'dataRetrievalPeriod' belongs under "
       "'termination'"},
      {"wrong-level.yaml", 6, 3,
       "unknown field 'dataRetrievalPeriode' in 'termination'; did you mean 'dataRetrievalPeriod'?"},
      {"wrong-level.yaml", 7, 3, "'backupsPurgedWithin' belongs under 'dataManagement.deletion'"},
      {"wrong-types.yaml", 5, 1, "'parties' must be a list, not a mapping"},
      {"wrong-types.yaml", 10, 5,
       "'dataManagement.deletion.includesBackups' must be true or false, not the string 'yes'"},
      {"wrong-types.yaml", 12, 3,
       "'termination.noticePeriod' must be a duration such as P30D or 30d, not the number 30"},
      {"wrong-types.yaml", 13, 3,
       "'termination.returnedAssets' must be a list, not the string 'all customer data'"},
      {"garbage-shapes.yaml", 7, 1, "'services' must be a list, not the number 5"},
      {"garbage-shapes.yaml", 27, 11,
       "'removal.retirementNotice' must be a duration such as P30D or 30d, not a mapping"},
  };
  for (const auto &e : expected) {
    bool found = false;
    for (const auto &d : root.diagnostics) {
      if (d.path != e.file || d.diagnostic.span.start_line != e.line) continue;
      if (d.diagnostic.message.find(e.text) == std::string::npos) continue;
      found = true;
      EXPECT_EQ(d.diagnostic.code, kAgreementSchemaCode);
      EXPECT_EQ(d.diagnostic.level, DiagLevel::Error);
      EXPECT_EQ(d.diagnostic.span.start_col, e.col) << e.file << ":" << e.line;
    }
    EXPECT_TRUE(found) << "no diagnostic " << e.file << ":" << e.line << ": " << e.text;
  }
  // The wrong-level file has exactly its three problems: the x- key is fine.
  int wrong_level = 0;
  for (const auto &d : root.diagnostics) wrong_level += d.path == "wrong-level.yaml";
  EXPECT_EQ(wrong_level, 3);
  // Rules still run on malformed agreements and skip what they cannot read.
  EXPECT_FALSE(root.findings.empty());
}

TEST(AgreementCli, RuleListingHasTheAgreementRules) {
  testing::CliRun r = testing::run("rules --format json");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  std::map<std::string, int> per_scenario;
  size_t agreement = 0;
  for (const auto &rule : nlohmann::json::parse(r.out)) {
    if (rule["kind"] != "agreement") continue;
    ++agreement;
    ++per_scenario[rule["scenario"].get<std::string>()];
    EXPECT_EQ(rule["formats"], nlohmann::json::array({"agreement"})) << rule["id"];
    EXPECT_EQ(rule["documented"], true) << rule["id"];
  }
  EXPECT_GE(agreement, 60u);
  for (int s = 1; s <= 15; ++s) EXPECT_GE(per_scenario["5." + std::to_string(s)], 3) << "scenario 5." << s;
}

TEST(AgreementCli, ScanPointsAtTheLineOfEachProblem) {
  testing::CliRun complete =
      testing::run("scan --no-color " + testing::src("fixtures/agreements/complete.yaml"));
  EXPECT_EQ(complete.exit_code, 0) << complete.out;
  EXPECT_NE(complete.out.find("0 findings"), std::string::npos) << complete.out;

  const std::string dir = testing::src("fixtures/agreements/invalid");
  testing::CliRun bad = testing::run("scan --no-color --enable CL-1342 " + dir);
  EXPECT_NE(bad.out.find(dir + "/wrong-level.yaml:4:1: "), std::string::npos) << bad.out;
  EXPECT_NE(
      bad.out.find("unknown field 'dataRetrievalPeriod' at the top level; 'dataRetrievalPeriod' belongs "
                   "under 'termination' [agreement-schema]"),
      std::string::npos)
      << bad.out;
  EXPECT_NE(bad.out.find(dir + "/unknown-version.yaml:2:1: "), std::string::npos) << bad.out;
  // The misplaced key does not count as a retrieval period.
  EXPECT_NE(bad.out.find(dir + "/wrong-level.yaml:5:1: critical: [CL-1342]"), std::string::npos) << bad.out;
}

}  // namespace
}  // namespace clause
