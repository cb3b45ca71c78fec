// Agreement rules end to end: malformed agreements give agreement-schema
// errors and never a crash, and the built-in set has at least 60 agreement
// rules over all fifteen scenarios. The example agreements carry their
// findings and diagnostics as `# expect:` / `# expect-diagnostic:`
// annotations, checked by AgreementExamples in rule_fixtures_test.cpp.
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

// Where each diagnostic lies and what it says is annotated in the files
// (`# expect-diagnostic:`, checked by AgreementExamples in
// rule_fixtures_test.cpp); here, what they all share.
TEST(AgreementValidator, MalformedAgreementsGetAgreementSchemaErrors) {
  RootReport root = scan(kAgreements / "invalid");
  EXPECT_GE(root.diagnostics.size(), 10u);
  for (const auto &d : root.diagnostics) {
    EXPECT_EQ(d.diagnostic.code, kAgreementSchemaCode) << d.path << ":" << d.diagnostic.span.start_line;
    EXPECT_EQ(d.diagnostic.level, DiagLevel::Error) << d.path << ":" << d.diagnostic.span.start_line;
  }
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
