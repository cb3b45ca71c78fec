#include "reporters/json_reporter.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "checker/model/finding_identity.h"
#include "sample_report.h"
#include "sarif/sarif_writer.h"

namespace clause {
namespace {

using nlohmann::json;

std::string json_text(const Report &report) {
  std::ostringstream out;
  JsonOptions opts;
  opts.tool_version = "1.2.3";
  write_json(report, out, opts);
  return out.str();
}

TEST(JsonReporter, TopLevelShape) {
  const json doc = json::parse(json_text(testing::sample_report()));
  EXPECT_EQ(doc["version"], 1);
  EXPECT_EQ(doc["tool"], json({{"name", "clause"}, {"version", "1.2.3"}}));
  EXPECT_EQ(doc["category"], "iac/");
  EXPECT_EQ(doc["executionSuccessful"], true);
  ASSERT_EQ(doc["rules"].size(), 2u);
  EXPECT_EQ(doc["rules"][1]["kind"], "cross-document");
  ASSERT_EQ(doc["roots"].size(), 1u);
  const json &root = doc["roots"][0];
  EXPECT_EQ(root["name"], "fixtures/demo");
  EXPECT_EQ(root["path"], "/work/demo repo");
  EXPECT_EQ(root["files"], json({{"agreement", 1}, {"skipped", 2}, {"terraform", 3}}));
  // Key order is fixed (nlohmann would otherwise sort them).
  EXPECT_EQ(json_text(testing::sample_report()).find("{\n  \"version\": 1,\n  \"tool\""), 0u);
}

TEST(JsonReporter, EveryFindingField) {
  const json root = json::parse(json_text(testing::sample_report()))["roots"][0];
  ASSERT_EQ(root["findings"].size(), 3u);
  const json &f = root["findings"][0];
  EXPECT_EQ(f["ruleId"], "CL-0902");
  EXPECT_EQ(f["ruleName"], "ops.backup-enabled");
  EXPECT_EQ(f["scenario"], "5.9");
  EXPECT_EQ(f["severity"], "high");
  EXPECT_EQ(f["message"], "aws_db_instance.main keeps backups for 1 days; keep at least 7");
  EXPECT_EQ(f["resource"], "aws_db_instance.main");
  EXPECT_EQ(
      f["location"],
      json({{"path", "main.tf"}, {"startLine", 12}, {"startColumn", 3}, {"endLine", 12}, {"endColumn", 30}}));
  EXPECT_EQ(f["snippet"], "  backup_retention_period = 1");
  EXPECT_EQ(f["fingerprint"],
            finding_fingerprint("CL-0902", "aws_db_instance.main", "backup_retention_period = 1"));
  EXPECT_EQ(f["suppressed"], false);
  EXPECT_TRUE(f["suppression"].is_null());
  EXPECT_EQ(f["related"], json::array());

  const json &related = root["findings"][1]["related"];
  ASSERT_EQ(related.size(), 1u);
  EXPECT_EQ(related[0]["message"], "log retention promised here");
  EXPECT_EQ(related[0]["location"]["path"], "agreements/csa.yaml");
  EXPECT_EQ(related[0]["location"]["startLine"], 41);

  const json &s = root["findings"][2];
  EXPECT_EQ(s["suppressed"], true);
  EXPECT_EQ(s["suppression"]["kind"], "inSource");
  EXPECT_EQ(s["suppression"]["justification"], "dev database, rebuilt nightly");
  EXPECT_EQ(s["suppression"]["location"]["startLine"], 4);

  ASSERT_EQ(root["diagnostics"].size(), 1u);
  EXPECT_EQ(root["diagnostics"][0]["level"], "error");
  EXPECT_EQ(root["diagnostics"][0]["code"], "parse-error");
  EXPECT_EQ(root["diagnostics"][0]["message"], "unexpected '}'");
  EXPECT_EQ(root["diagnostics"][0]["location"]["path"], "broken.tf");
}

TEST(JsonReporter, FingerprintsAgreeWithSarif) {
  Report report = testing::sample_report();
  report.roots[0].findings[2] = report.roots[0].findings[0];  // a collision
  const json root = json::parse(json_text(report))["roots"][0];
  std::ostringstream sarif;
  write_sarif(report, sarif);
  const json results = json::parse(sarif.str())["runs"][0]["results"];
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(root["findings"][i]["fingerprint"], results[i]["partialFingerprints"]["clause/v1"]);
  }
  EXPECT_EQ(root["findings"][2]["fingerprint"], root["findings"][0]["fingerprint"].get<std::string>() + ":2");
}

TEST(JsonReporter, Summary) {
  const json summary = json::parse(json_text(testing::sample_report()))["summary"];
  EXPECT_EQ(summary["findings"], 2);
  EXPECT_EQ(summary["bySeverity"],
            json({{"critical", 0}, {"high", 1}, {"medium", 1}, {"low", 0}, {"info", 0}}));
  EXPECT_EQ(summary["byScenario"]["5.9"]["high"], 1);
  EXPECT_EQ(summary["byScenario"]["5.10"]["medium"], 1);
  EXPECT_EQ(summary["suppressed"], 1);
  EXPECT_EQ(summary["diagnostics"], 1);
  EXPECT_EQ(summary["filesScanned"], 4);
  EXPECT_EQ(summary["filesSkipped"], 2);
  EXPECT_EQ(summary["filesByKind"], json({{"agreement", 1}, {"terraform", 3}}));
}

TEST(JsonReporter, EmptyReportHasObjectsNotArrays) {
  Report report;
  report.roots.emplace_back();
  const json doc = json::parse(json_text(report));
  EXPECT_TRUE(doc["roots"][0]["files"].is_object());
  EXPECT_TRUE(doc["summary"]["byScenario"].is_object());
  EXPECT_TRUE(doc["summary"]["filesByKind"].is_object());
  EXPECT_TRUE(doc["roots"][0]["ruleTallies"].is_object());
  EXPECT_EQ(doc["roots"][0]["compliance"]["scenarios"].size(), 15u);
  EXPECT_EQ(doc["summary"]["findings"], 0);
}

TEST(JsonReporter, DeterministicAndUtf8Safe) {
  Report report = testing::sample_report();
  report.roots[0].findings[0].snippet = "x = \"\xC3\x28\"";
  EXPECT_EQ(json_text(report), json_text(report));
  const json doc = json::parse(json_text(report));
  EXPECT_EQ(doc["roots"][0]["findings"][0]["snippet"], "x = \"\xEF\xBF\xBD(\"");
}

}  // namespace
}  // namespace clause
