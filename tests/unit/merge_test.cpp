#include <gtest/gtest.h>

#include <sstream>

#include "reporters/json_reader.h"
#include "reporters/json_reporter.h"
#include "reporters/report_merge.h"
#include "sample_report.h"
#include "sarif/sarif_merge.h"
#include "sarif/sarif_writer.h"

namespace clause {
namespace {

// Three roots with tallies, findings (suppressed, undecided, related) and
// diagnostics: the whole batch.
Report batch_report() {
  Report report = testing::sample_report();
  report.roots[0].rule_tallies["CL-0902"] = RuleTally{3, 1, 2, 0};
  report.roots[0].findings[0].undecided = false;
  RootReport api = report.roots[0];
  api.name = "services/api";
  api.abs_path = "/work/api";
  api.diagnostics.clear();
  api.findings.resize(1);
  api.findings[0].undecided = true;
  api.rule_tallies = {{"CL-1003", RuleTally{2, 1, 0, 1}}};
  RootReport web = api;
  web.name = "services/web";
  web.findings.clear();
  web.rule_tallies.clear();
  report.roots.push_back(api);
  report.roots.push_back(web);
  report.batch_roots = 3;
  return report;
}

// The part of `report` a shard holds: some of its roots, everything else alike.
Report shard_of(const Report &report, std::vector<size_t> roots) {
  Report part = report;
  part.roots.clear();
  for (size_t i : roots) part.roots.push_back(report.roots[i]);
  return part;
}

std::string json_of(const Report &r) {
  std::ostringstream out;
  write_json(r, out);
  return out.str();
}

std::string sarif_of(const Report &r) {
  std::ostringstream out;
  write_sarif(r, out);
  return out.str();
}

TEST(JsonReader, RoundTripsTheJsonOutput) {
  const Report report = batch_report();
  const std::string text = json_of(report);
  const JsonReport back = read_json_report(nlohmann::json::parse(text));
  EXPECT_EQ(back.tool_version, CLAUSE_VERSION);
  EXPECT_EQ(back.report.category, "iac/");
  ASSERT_EQ(back.report.roots.size(), 3u);
  EXPECT_TRUE(back.report.roots[1].findings[0].undecided);
  EXPECT_EQ(back.report.roots[0].rule_tallies.at("CL-0902").failed, 2u);
  EXPECT_EQ(back.report.roots[0].findings[2].suppression->justification, "dev database, rebuilt nightly");
  EXPECT_EQ(json_of(back.report), text);
}

TEST(JsonReader, NamesWhatIsWrong) {
  nlohmann::json doc = nlohmann::json::parse(json_of(batch_report()));
  doc["roots"][1]["findings"][0].erase("message");
  try {
    read_json_report(doc);
    FAIL() << "no error";
  } catch (const std::runtime_error &e) {
    EXPECT_STREQ(e.what(), "$.roots[1].findings[0]: missing \"message\"");
  }
  EXPECT_FALSE(is_clause_json(nlohmann::json::parse("{\"version\": \"2.1.0\", \"runs\": []}")));
}

TEST(ReportMerge, ShardsGiveTheUnshardedReport) {
  const Report whole = batch_report();
  // Shard outputs read back, given in any order.
  std::vector<Report> parts;
  for (std::vector<size_t> roots :
       {std::vector<size_t>{2}, std::vector<size_t>{0}, std::vector<size_t>{}, std::vector<size_t>{1}}) {
    parts.push_back(read_json_report(nlohmann::json::parse(json_of(shard_of(whole, roots)))).report);
  }
  EXPECT_EQ(json_of(merge_reports(parts)), json_of(whole));

  parts.push_back(parts[1]);
  EXPECT_THROW(merge_reports(parts), std::runtime_error);  // a root twice
  Report other = shard_of(whole, {});
  other.category = "other/";
  EXPECT_THROW(merge_reports({shard_of(whole, {0}), other}), std::runtime_error);
}

TEST(SarifMerge, ShardsGiveTheUnshardedLog) {
  const Report whole = batch_report();
  std::vector<nlohmann::ordered_json> logs;
  for (std::vector<size_t> roots : {std::vector<size_t>{1, 2}, std::vector<size_t>{0}})
    logs.push_back(nlohmann::ordered_json::parse(sarif_of(shard_of(whole, roots))));
  const std::string merged = merge_sarif_logs(logs).dump(2, ' ', false) + "\n";
  EXPECT_EQ(merged, sarif_of(whole));
}

TEST(SarifMerge, UnitesRulesAndRenumbersResults) {
  Report a = shard_of(batch_report(), {0});
  Report b = shard_of(batch_report(), {1});
  // Shard b knows one more rule, sorted before the others.
  RuleInfo extra = testing::backup_rule();
  extra.id = "CL-0001";
  b.rules.insert(b.rules.begin(), extra);
  const nlohmann::ordered_json merged = merge_sarif_logs(
      {nlohmann::ordered_json::parse(sarif_of(a)), nlohmann::ordered_json::parse(sarif_of(b))});
  ASSERT_EQ(merged["runs"].size(), 2u);
  for (const auto &run : merged["runs"]) {
    const auto &rules = run["tool"]["driver"]["rules"];
    ASSERT_EQ(rules.size(), 3u);
    EXPECT_EQ(rules[0]["id"], "CL-0001");
    for (const auto &result : run["results"])
      EXPECT_EQ(rules[result["ruleIndex"].get<size_t>()]["id"], result["ruleId"]);
  }
  nlohmann::ordered_json other = nlohmann::ordered_json::parse(sarif_of(b));
  other["runs"][0]["tool"]["driver"]["version"] = "9.9.9";
  EXPECT_THROW(merge_sarif_logs({nlohmann::ordered_json::parse(sarif_of(a)), other}), std::runtime_error);
}

TEST(SarifWriter, BatchCategoriesAndTheRunsLimit) {
  Report one = shard_of(batch_report(), {1});
  one.category = "";
  one.batch_roots = 1;
  auto log = nlohmann::json::parse(sarif_of(one));
  EXPECT_FALSE(log["runs"][0].contains("automationDetails"));
  // A shard of a batch names its run as the whole batch would.
  one.batch_roots = 3;
  log = nlohmann::json::parse(sarif_of(one));
  EXPECT_EQ(log["runs"][0]["automationDetails"]["id"], "clause/services/api/");
  EXPECT_FALSE(log["runs"][0]["invocations"][0].contains("toolExecutionNotifications"));
  // A shard of a batch over 20 roots is within the limit on its own: no
  // notification (a file over it is refused by the CLI instead).
  one.batch_roots = 21;
  log = nlohmann::json::parse(sarif_of(one));
  EXPECT_FALSE(log["runs"][0]["invocations"][0].contains("toolExecutionNotifications"));
  EXPECT_EQ(log["runs"][0]["automationDetails"]["id"], "clause/services/api/");
  EXPECT_EQ(log["runs"][0]["properties"]["compliance"]["scenarios"]["5.10"]["status"], "unknown");
}

}  // namespace
}  // namespace clause
