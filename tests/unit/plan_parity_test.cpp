// A configuration scanned as HCL and the plan made from it scanned alone
// give the same findings, rule by rule and resource by resource, with the
// same messages: the plan's `configuration` says which attributes the user
// left to the provider (fixtures/terraform/plan-alone/).
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <tuple>

#include "checker/engine/rule_set.h"
#include "checker/scan/scanner.h"
#include "tests/unit/cli_run.h"

namespace clause {
namespace {

const std::string kDir = std::string(CLAUSE_SOURCE_DIR) + "/fixtures/terraform/plan-alone";

struct Seen {
  // rule, resource, message -> the line reported
  std::map<std::tuple<std::string, std::string, std::string>, uint32_t> findings;
  std::set<std::tuple<std::string, std::string, std::string>> undecided;  // rule, resource, message
};

Seen scan(const std::string &root, bool strict = false) {
  ScanOptions opts;
  opts.roots = {root};
  opts.strict = strict;
  Report report = run_scan(RuleSet::builtin(), opts);
  Seen out;
  for (const auto &f : report.roots.at(0).findings) {
    // Account-level checks stand at the provider block, which a plan has no
    // resource for: they are not part of the comparison.
    if (f.resource.rfind("provider.", 0) == 0) continue;
    if (f.severity == Severity::Info && f.message.find("could not be decided") != std::string::npos) {
      out.undecided.emplace(f.rule_id, f.resource, f.message);
      continue;
    }
    out.findings.emplace(std::make_tuple(f.rule_id, f.resource, f.message), f.location.span.start_line);
  }
  for (const auto &d : report.roots.at(0).diagnostics)
    ADD_FAILURE() << d.path << ":" << d.diagnostic.span.start_line << ": " << d.diagnostic.message;
  return out;
}

TEST(PlanParity, PlanAloneGivesTheFindingsOfItsConfiguration) {
  Seen hcl = scan(kDir + "/main.tf");
  Seen plan = scan(kDir + "/plan.json");
  for (const auto &[key, line] : hcl.findings)
    EXPECT_TRUE(plan.findings.count(key)) << "only in HCL (main.tf:" << line << "): " << std::get<0>(key)
                                          << " " << std::get<1>(key) << ": " << std::get<2>(key);
  for (const auto &[key, line] : plan.findings)
    EXPECT_TRUE(hcl.findings.count(key))
        << "only in the plan (plan.json:" << line << "): " << std::get<0>(key) << " " << std::get<1>(key)
        << ": " << std::get<2>(key);
  // The gaps the fixture was written for, decided from the plan alone.
  const std::tuple<std::string, std::string, std::string> expected[] = {
      {"CL-0901", "aws_db_instance.ledger",
       "aws_db_instance.ledger is not backed up as required (backup_retention_period is 0); keep automated "
       "backups for at least the configured minimum (minRetentionDays, 7 days by default) or add it to an "
       "AWS "
       "Backup plan"},
      {"CL-0901", "aws_dynamodb_table.orders",
       "aws_dynamodb_table.orders is not backed up as required (point_in_time_recovery.enabled is false "
       "(default)); keep automated backups for at least the configured minimum (minRetentionDays, 7 days by "
       "default) or add it to an AWS Backup plan"},
      {"CL-0904", "aws_s3_bucket.exports",
       "aws_s3_bucket.exports cannot bring back an overwritten or deleted object (versioning.enabled is not "
       "set)"},
      {"CL-0505", "aws_s3_bucket.site",
       "aws_s3_bucket.site leaves public access possible: acl is public-read"},
      {"CL-0501", "aws_ebs_volume.data",
       "aws_ebs_volume.data stores data unencrypted at rest (encrypted is false (default))"},
  };
  for (const auto &e : expected)
    EXPECT_TRUE(plan.findings.count(e)) << std::get<0>(e) << " " << std::get<1>(e);
  // Where the plan reports them: the resource's address for a value the
  // provider decides, the attribute for a value written down.
  EXPECT_EQ(plan.findings.at(expected[2]), 68u);
  EXPECT_EQ(plan.findings.at(expected[3]), 94u);
  EXPECT_EQ(hcl.findings.at(expected[2]), 26u);
  EXPECT_EQ(hcl.findings.at(expected[3]), 32u);
  // Selected by an AWS Backup selection (found through the configuration's
  // references), versioned by aws_s3_bucket_versioning: no finding.
  for (const auto &[key, line] : plan.findings) {
    EXPECT_FALSE(std::get<0>(key) == "CL-0901" && std::get<1>(key) == "aws_db_instance.reports") << line;
    EXPECT_FALSE(std::get<0>(key) == "CL-0904" && std::get<1>(key) == "aws_s3_bucket.archive") << line;
  }
}

TEST(PlanParity, NothingIsLeftUndecidedThatTheConfigurationDecides) {
  Seen hcl = scan(kDir + "/main.tf", true);
  Seen plan = scan(kDir + "/plan.json", true);
  EXPECT_EQ(plan.undecided, hcl.undecided);
}

TEST(PlanParity, PlanBesideItsSourceReportsAtTheSourceLines) {
  // Scanned together, the plan joins the .tf resources: the same findings
  // at the same .tf lines as the source alone.
  ScanOptions opts;
  opts.roots = {kDir};
  Report together = run_scan(RuleSet::builtin(), opts);
  opts.roots = {kDir + "/main.tf"};
  Report alone = run_scan(RuleSet::builtin(), opts);
  std::set<std::tuple<std::string, std::string, uint32_t, std::string>> a, b;
  for (const auto &f : together.roots.at(0).findings)
    a.emplace(f.rule_id, f.location.path, f.location.span.start_line, f.message);
  for (const auto &f : alone.roots.at(0).findings)
    b.emplace(f.rule_id, f.location.path, f.location.span.start_line, f.message);
  EXPECT_EQ(a, b);
  EXPECT_FALSE(a.empty());
}

}  // namespace
}  // namespace clause

namespace clause {
namespace {

// A plan of one database (retention 0) and one backup selection whose
// `resources` the configuration writes as `selected` (an expression object),
// or, with `selected` empty, a plan without configuration.
std::string backup_plan(const std::string &selected) {
  std::string plan = R"({"format_version": "1.2",
  "planned_values": {"root_module": {"resources": [
    {"address": "aws_db_instance.db", "mode": "managed", "type": "aws_db_instance", "name": "db",
     "values": {"engine": "postgres", "backup_retention_period": 0}},
    {"address": "aws_backup_selection.s", "mode": "managed", "type": "aws_backup_selection", "name": "s",
     "values": {"name": "s", "plan_id": "p"}}]}},
  "resource_changes": [
    {"address": "aws_backup_selection.s", "mode": "managed", "type": "aws_backup_selection", "name": "s",
     "change": {"actions": ["create"], "after_unknown": {"resources": true}}}])";
  if (!selected.empty())
    plan += R"(,
  "configuration": {"root_module": {"resources": [
    {"address": "aws_db_instance.db", "expressions": {"engine": {"constant_value": "postgres"},
       "backup_retention_period": {"constant_value": 0}}},
    {"address": "aws_backup_selection.s", "expressions": {"name": {"constant_value": "s"},
       "plan_id": {"constant_value": "p"}, "resources": )" +
            selected + "}}]}}";
  return plan + "}\n";
}

std::vector<std::string> cl0901(const std::string &plan) {
  testing::TempTree t;
  t.write("plan.json", plan);
  RuleSet rules = RuleSet::builtin();
  rules.filter([](const Rule &r) { return r.info.id == "CL-0901"; });
  ScanOptions opts;
  opts.roots = {t.path()};
  opts.strict = true;
  Report report = run_scan(rules, opts);
  std::vector<std::string> out;
  for (const auto &f : report.roots.at(0).findings) out.push_back(f.resource + ": " + f.message);
  return out;
}

TEST(PlanParity, BackupSelectionsOfAPlanAloneAreFoundThroughItsConfiguration) {
  // Refers to the database: selected, no finding.
  EXPECT_EQ(cl0901(backup_plan(R"({"references": ["aws_db_instance.db.arn", "aws_db_instance.db"]})")),
            std::vector<std::string>{});
  // Refers to another resource only: not selected.
  EXPECT_EQ(cl0901(backup_plan(R"({"references": ["aws_db_instance.other.arn"]})")),
            std::vector<std::string>{"aws_db_instance.db: aws_db_instance.db is not backed up as required "
                                     "(backup_retention_period is 0); keep automated backups "
                                     "for at least the configured minimum (minRetentionDays, 7 days by "
                                     "default) or add it to an AWS Backup plan"});
  // Through a variable: may be the database; undecided.
  EXPECT_EQ(
      cl0901(backup_plan(R"({"references": ["var.databases"]})")),
      std::vector<std::string>{"aws_db_instance.db: CL-0901 could not be decided for aws_db_instance.db: "
                               "aws_backup_selection.resources depends on `whether "
                               "aws_backup_selection.s.resources refers to this "
                               "resource`, which is not known statically"});
  // No configuration: the unknown `resources` may be anything of the plan.
  EXPECT_EQ(cl0901(backup_plan("")).size(), 1u);
  EXPECT_NE(cl0901(backup_plan("")).at(0).find("could not be decided"), std::string::npos);
}

}  // namespace
}  // namespace clause
