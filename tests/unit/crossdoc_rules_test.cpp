// Both sides of every cross-document finding: the finding's own location and
// the related location that names the agreement's promise, at exact lines,
// with both values in the message. Scans the rules' failing fixtures.
#include <gtest/gtest.h>

#include <filesystem>

#include "checker/engine/rule_set.h"
#include "checker/scan/scanner.h"
#include "crossdoc_test_util.h"

namespace clause::crossdoc {
namespace {

namespace fs = std::filesystem;
using crossdoc_test::at;

struct BothSides {
  const char *rule;
  const char *fixture;                  // fixtures/rules/<rule>/<fixture>
  const char *finding;                  // "file:line"
  const char *related;                  // the agreement side, "file:line"
  std::vector<const char *> message;    // substrings: the promised and the actual value
  const char *other_related = nullptr;  // a further related location, "file:line"
};

std::vector<Finding> scan_fixture(const std::string &rule, const std::string &fixture) {
  RuleSet rules = RuleSet::builtin();
  rules.filter([&](const Rule &r) { return r.info.id == rule; });
  ScanOptions opts;
  opts.roots = {(fs::path(CLAUSE_SOURCE_DIR) / "fixtures" / "rules" / rule / fixture).string()};
  return run_scan(rules, opts).roots.at(0).findings;
}

class CrossdocBothSides : public ::testing::TestWithParam<BothSides> {};

TEST_P(CrossdocBothSides, FindingAndPromiseAreLocated) {
  const BothSides &c = GetParam();
  auto findings = scan_fixture(c.rule, c.fixture);
  const Finding *match = nullptr;
  for (const auto &f : findings)
    if (at(f.location) == c.finding && !f.related.empty() && at(f.related[0].location) == c.related)
      match = &f;
  ASSERT_NE(match, nullptr) << c.rule << ": no finding at " << c.finding << " related to " << c.related;
  EXPECT_EQ(match->rule_id, c.rule);
  for (const char *s : c.message) EXPECT_NE(match->message.find(s), std::string::npos) << match->message;
  EXPECT_FALSE(match->related[0].message.empty());
  if (c.other_related) {
    bool found = false;
    for (const auto &r : match->related) found = found || at(r.location) == c.other_related;
    EXPECT_TRUE(found) << c.rule << ": no related location at " << c.other_related;
  }
}

const BothSides kCases[] = {
    {"CL-0170",
     "fail",
     "main.tf:21",
     "agreement.yaml:10",
     {"only in EU", "eu-west-2 (GB)", "provider aws.london"},
     "main.tf:11"},
    {"CL-0170", "fail", "main.tf:29", "agreement.yaml:10", {"us-east-1 (US)", "its region argument"}},
    {"CL-0171",
     "fail",
     "main.tf:31",
     "agreement.yaml:10",
     {"only in EU", "us-east-1 (US)", "aws_s3_bucket.ledger_dr"},
     "main.tf:10"},
    {"CL-0171", "fail", "main.tf:42", "agreement.yaml:10", {"backup copy", "us-west-2"}},
    {"CL-0172", "fail", "main.tf:20", "agreement.yaml:7", {"customer-managed-kms", "alias/aws/s3"}},
    {"CL-0172", "fail", "main.tf:5", "agreement.yaml:7", {"customer-managed-kms", "names no key"}},
    {"CL-0173", "fail", "main.tf:8", "agreement.yaml:6", {"datadog/datadog", "does not disclose"}},
    {"CL-0270",
     "fail",
     "agreement.yaml:6",
     "main.tf:2",
     {"multi-az-with-cross-region-backup", "eu-central-1"},
     "main.tf:5"},
    {"CL-0370", "fail", "agreement.yaml:9", "agreement.yaml:8", {"ledger-reports", "service=ledger-reports"}},
    {"CL-0371", "fail", "main.tf:28", "agreement.yaml:4", {"service=billing", "ledger-api"}},
    {"CL-0371", "fail", "main.tf:5", "agreement.yaml:4", {"service=ledger", "by default"}, "main.tf:10"},
    {"CL-0470",
     "fail",
     "agreement.yaml:14",
     "agreement.yaml:6",
     {"ledger-availability", "availability"},
     "main.tf:8"},
    {"CL-0471", "fail", "main.tf:8", "agreement.yaml:8", {"30 minutes", "multi_az is false"}},
    {"CL-0570", "fail", "main.tf:8", "agreement.yaml:5", {"encrypted at rest", "storage_encrypted is false"}},
    {"CL-0570", "fail", "template.yaml:8", "agreement.yaml:5", {"StorageEncrypted is false"}},
    {"CL-0670", "fail", "main.tf:5", "agreement.yaml:8", {"security@brightwell.example", "it-security@"}},
    {"CL-0770", "fail", "main.tf:4", "agreement.yaml:8", {"99.95 %", "21.6 minutes", "multi_az is false"}},
    {"CL-0770", "fail", "main.tf:30", "agreement.yaml:8", {"99.95 %", "mode is SameZone"}},
    {"CL-0771", "fail", "main.tf:17", "agreement.yaml:6", {"99.95 %", "only eu-central-1a"}},
    {"CL-0772", "fail", "workloads.yaml:9", "agreement.yaml:11", {"99.95 %", "replicas = 1"}},
    {"CL-0772", "fail", "workloads.yaml:22", "agreement.yaml:11", {"replicas is not set (1)"}},
    {"CL-0870", "fail", "agreement.yaml:9", "agreement.yaml:11", {"harbour-prod", "ledger-dedicated"}},
    {"CL-0970",
     "fail",
     "main.tf:8",
     "agreement.yaml:6",
     {"1 hour", "no backup at all", "backup_retention_period = 0"}},
    {"CL-0970",
     "fail",
     "main.tf:26",
     "agreement.yaml:6",
     {"1 hour", "every 1 day", "aws_efs_file_system.uploads"},
     "main.tf:16"},
    {"CL-0971", "fail", "main.tf:8", "agreement.yaml:5", {"35 days", "kept 7 days"}},
    {"CL-0971",
     "fail",
     "main.tf:26",
     "agreement.yaml:5",
     {"35 days", "kept 14 days", "retained_backups = 14"}},
    {"CL-0972", "fail", "agreement.yaml:8", "main.tf:5", {"90 days", "aws_backup_restore_testing_plan"}},
    {"CL-1070", "fail", "main.tf:3", "agreement.yaml:5", {"365 days", "keeps logs 30 days"}},
    {"CL-1070", "fail", "template.yaml:7", "agreement.yaml:5", {"365 days", "keeps logs 90 days"}},
    {"CL-1070", "fail", "main.tf:28", "agreement.yaml:5", {"trail bucket keeps logs 90 days"}},
    {"CL-1071", "fail", "main.tf:5", "agreement.yaml:8", {"99.95 %", "aims at 99.9 %"}},
    {"CL-1071", "fail", "template.yaml:16", "agreement.yaml:8", {"rolling window", "calendar one"}},
    {"CL-1170",
     "fail",
     "main.tf:5",
     "agreement.yaml:8",
     {"500 GiB", "400 GiB", "max_allocated_storage = 400"}},
    {"CL-1170", "fail", "main.tf:11", "agreement.yaml:9", {"8 instances", "max_size = 6"}},
    {"CL-1171",
     "fail",
     "main.tf:4",
     "agreement.yaml:10",
     {"200 requests per 1 second", "100 requests a second"}},
    {"CL-1171",
     "fail",
     "main.tf:8",
     "agreement.yaml:11",
     {"50000000 requests per 30 days", "1000000 requests a month"}},
    {"CL-1270", "fail", "plan.json:26", "agreement.yaml:6", {"multi_az from true to false", "version 2.1.0"}},
    {"CL-1270", "fail", "plan.json:26", "agreement.yaml:8", {"backup_retention_period from 14 to 7"}},
    {"CL-1270", "fail", "plan.json:38", "agreement.yaml:10", {"retention_in_days from 0 to 30"}},
    {"CL-1270", "fail", "plan.json:50", "agreement.yaml:12", {"deletes the data store"}},
    {"CL-1370", "fail", "main.tf:3", "agreement.yaml:7", {"30 days", "force_destroy = true"}},
    {"CL-1370", "fail-cfn", "template.yaml:4", "agreement.yaml:5", {"60 days", "DeletionPolicy is not set"}},
    {"CL-1470", "fail", "main.tf:9", "agreement.yaml:9", {"category invoices", "no export format"}},
    {"CL-1570",
     "fail",
     "main.tf:8",
     "agreement.yaml:6",
     {"14 days", "20 days", "deletion_window_in_days = 20"},
     "agreement.yaml:9"},
    {"CL-1570", "fail", "main.tf:2", "agreement.yaml:6", {"14 days", "30 days", "the default"}},
    {"CL-1571", "fail", "main.tf:7", "agreement.yaml:8", {"45 days", "kept 90 days"}},
    {"CL-1571", "fail", "main.tf:16", "agreement.yaml:8", {"45 days", "never expire"}},
    {"CL-1572", "fail", "main.tf:7", "agreement.yaml:8", {"backups are deleted within 45 days", "365"}},
    {"CL-1572",
     "fail",
     "main.tf:21",
     "agreement.yaml:6",
     {"customer data are deleted within 30 days", "years = 1"}},
    {"CL-1573", "fail", "main.tf:8", "agreement.yaml:6", {"14 days", "aws_s3_bucket.exports", "by hand"}},
    {"CL-1573", "fail", "main.tf:13", "agreement.yaml:6", {"14 days", "for 30 days"}},
};

INSTANTIATE_TEST_SUITE_P(Rules, CrossdocBothSides, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<BothSides> &info) {
                           std::string n = std::string(info.param.rule) + "_" + std::to_string(info.index);
                           for (auto &ch : n)
                             if (ch == '-') ch = '_';
                           return n;
                         });

// Every cross-document rule has at least one case above.
TEST(CrossdocBothSides, EveryCrossDocumentRuleIsCovered) {
  RuleSet rules = RuleSet::builtin();
  size_t crossdoc = 0;
  for (const auto &r : rules.rules()) {
    if (r.info.kind != RuleKind::CrossDocument) continue;
    ++crossdoc;
    bool covered = false;
    for (const auto &c : kCases) covered = covered || r.info.id == c.rule;
    EXPECT_TRUE(covered) << r.info.id << " has no both-sides case";
  }
  EXPECT_GE(crossdoc, 25u);
}

}  // namespace
}  // namespace clause::crossdoc
