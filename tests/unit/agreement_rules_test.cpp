// Agreement rules end to end: the complete example passes every agreement
// rule, each flawed variant gives exactly its (line, rule) pairs, malformed
// agreements give agreement-schema diagnostics at file:line and never a
// crash, and the built-in set has at least 60 agreement rules over all
// fifteen scenarios.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <utility>

#include "checker/agreement/agreement_validator.h"
#include "checker/engine/rule_set.h"
#include "checker/scan/scanner.h"
#include "tests/unit/cli_run.h"

namespace clause {
namespace {

namespace fs = std::filesystem;
using LineRule = std::pair<uint32_t, std::string>;

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

// (line, rule id) of every finding, with repeats: one line may carry two
// findings of one rule.
std::multiset<LineRule> findings_of(const RootReport &root) {
  std::multiset<LineRule> out;
  for (const auto &f : root.findings) out.emplace(f.location.span.start_line, f.rule_id);
  return out;
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

TEST(AgreementRules, CompleteAgreementHasNoFinding) {
  for (const char *name : {"complete.yaml", "complete.json"}) {
    RootReport root = scan(kAgreements / name);
    EXPECT_EQ(root.files_by_kind["agreement"], 1u) << name;
    for (const auto &f : root.findings)
      ADD_FAILURE() << name << ":" << f.location.span.start_line << ": " << f.rule_id << " " << f.message;
    for (const auto &d : root.diagnostics)
      ADD_FAILURE() << name << ":" << d.diagnostic.span.start_line << ": " << d.diagnostic.message;
  }
}

TEST(AgreementRules, VagueVariantReportsEachPhrase) {
  RootReport root = scan(kAgreements / "flawed-vague.yaml");
  EXPECT_TRUE(root.diagnostics.empty());
  std::multiset<LineRule> expected = {
      {183, "CL-0445"},  // latency target "as fast as reasonably possible"
      {194, "CL-0446"},  // patches applied "promptly"
      {199, "CL-0243"},  // recovery strategy "best effort ..."
      {206, "CL-1141"},  // maxScale "as needed"
      {209, "CL-0745"},  // support hours "..., where possible"
  };
  EXPECT_EQ(findings_of(root), expected);
}

TEST(AgreementRules, ContradictoryVariantReportsEachContradiction) {
  RootReport root = scan(kAgreements / "flawed-contradictory.yaml");
  EXPECT_TRUE(root.diagnostics.empty());
  std::multiset<LineRule> expected = {
      {26, "CL-0746"},   // effective.to before effective.from
      {121, "CL-0144"},  // sub-processor in US, allowed EU
      {146, "CL-1544"},  // backups kept P60D, purge promised within P45D
      {179, "CL-0743"},  // weekly 30-minute windows vs 99.95 % a month
      {188, "CL-0744"},  // deeper breach, smaller credit
      {195, "CL-0447"},  // seconds vs the metric's ms
      {210, "CL-0941"},  // RPO PT1H vs daily backups
      {226, "CL-0745"},  // P3 answered faster than P2
      {285, "CL-1342"},  // retrieval P30D shorter than export timeline P45D
      {290, "CL-1545"},  // logs deleted after P20D, before retrieval ends
      {296, "CL-1446"},  // export timeline P45D over 30 days
  };
  EXPECT_EQ(findings_of(root), expected);
  for (const auto &f : root.findings) {
    if (f.rule_id == "CL-0743") {
      EXPECT_EQ(
          f.message,
          "maintenance that counts as downtime can take 2 hours 30 minutes per 30 days, more than the 21 "
          "minutes 36 seconds of downtime 99.95% allows: the agreement breaks its own objective "
          "'ledger-availability'");
    }
    if (f.rule_id == "CL-1342") {
      EXPECT_EQ(f.location.span.start_col, 3u);
      EXPECT_NE(f.message.find("30 days is shorter than the 45 days"), std::string::npos) << f.message;
    }
  }
}

TEST(AgreementRules, IncompleteVariantReportsEachMissingSection) {
  RootReport root = scan(kAgreements / "flawed-incomplete.yaml");
  EXPECT_TRUE(root.diagnostics.empty());
  std::multiset<LineRule> expected;
  // Whole blocks missing: at the `kind:` line (8).
  for (const char *id :
       {"CL-0140", "CL-0142", "CL-0143", "CL-0444", "CL-0540", "CL-0642", "CL-0643", "CL-0644", "CL-0742",
        "CL-0745", "CL-0840", "CL-0841", "CL-0842", "CL-0940", "CL-0943", "CL-1040", "CL-1041", "CL-1042",
        "CL-1043", "CL-1044", "CL-1140", "CL-1240", "CL-1242", "CL-1243", "CL-1440", "CL-1441", "CL-1442",
        "CL-1443", "CL-1446", "CL-1540", "CL-1541", "CL-1542", "CL-1543"})
    expected.emplace(8, id);
  // Fields missing from blocks that exist: at the block.
  expected.insert(
      {{10, "CL-0746"}, {10, "CL-0746"}, {10, "CL-1244"}});  // metadata: no documents, no dates, no version
  expected.insert({{32, "CL-0241"}, {32, "CL-0740"}});       // service without objectives
  expected.insert({{40, "CL-0341"}});                        // plan refers to an undefined objective
  for (const char *id : {"CL-1341", "CL-1342", "CL-1343", "CL-1344", "CL-1345"})
    expected.emplace(42, id);  // termination has only a notice period
  EXPECT_EQ(findings_of(root), expected);
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

TEST(AgreementValidator, WellFormedAgreementsGetNoDiagnostic) {
  for (const char *name :
       {"complete.yaml", "flawed-vague.yaml", "flawed-contradictory.yaml", "flawed-incomplete.yaml"})
    EXPECT_TRUE(scan(kAgreements / name).diagnostics.empty()) << name;
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
