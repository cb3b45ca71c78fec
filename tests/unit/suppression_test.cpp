// Inline suppressions end to end through the scanner: which findings each
// directive form covers, with what justification, and the meta rules'
// findings about the directives themselves.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "checker/discovery/discover.h"
#include "checker/engine/rule_set.h"
#include "checker/project/loader.h"
#include "checker/scan/scanner.h"
#include "checker/workflow/suppress.h"
#include "tests/unit/cli_run.h"

namespace clause {
namespace {

using testing::TempTree;

RuleSet only(const std::vector<std::string> &ids) {
  RuleSet rules = RuleSet::builtin();
  rules.filter([&](const Rule &r) { return std::find(ids.begin(), ids.end(), r.info.id) != ids.end(); });
  return rules;
}

SuppressionOptions options(bool report_unused = false) {
  SuppressionOptions o;
  o.report_unused = report_unused;
  o.today = "2025-06-01";
  // Keep the set alive: rules() refers into it.
  const RuleSet builtin = RuleSet::builtin();
  for (const Rule &r : builtin.rules()) {
    o.known_rules.insert(r.info.id);
    o.known_rules.insert(r.info.name);
  }
  return o;
}

std::vector<Finding> scan(const TempTree &tree, const std::vector<std::string> &ids,
                          const SuppressionOptions &opts = options()) {
  ScanOptions so;
  so.roots = {tree.path()};
  so.suppressions = opts;
  Report report = run_scan(only(ids), so);
  for (const auto &d : report.roots.at(0).diagnostics)
    ADD_FAILURE() << d.path << ":" << d.diagnostic.span.start_line << ": " << d.diagnostic.message;
  return report.roots.at(0).findings;
}

// "path:line RULE" plus " suppressed: justification" or " | message" for meta rules.
std::vector<std::string> describe(const std::vector<Finding> &findings) {
  std::vector<std::string> out;
  for (const Finding &f : findings) {
    std::string s = f.location.path + ":" + std::to_string(f.location.span.start_line) + " " + f.rule_id;
    if (f.suppression) s += " suppressed: " + f.suppression->justification;
    if (f.rule_id.starts_with("CL-00")) s += " | " + f.message;
    out.push_back(s);
  }
  return out;
}

TEST(InlineSuppression, LineLineAboveAndBlockHeader) {
  TempTree t;
  t.write("db.tf", R"(resource "aws_db_instance" "trailing" {
  backup_retention_period = 1 # clause:ignore CL-0901 -- trailing reason
}

resource "aws_db_instance" "above" {
  # clause:ignore ops.backup-enabled -- named by its slug
  backup_retention_period = 2
}

# clause:ignore CL-0901 -- header covers the block
resource "aws_db_instance" "header" {
  engine                  = "postgres"
  backup_retention_period = 3
}

resource "aws_db_instance" "gap" {
  # clause:ignore CL-0901 -- a blank line breaks the link

  backup_retention_period = 4
}
)");
  EXPECT_EQ(describe(scan(t, {"CL-0901"})), (std::vector<std::string>{
                                                "db.tf:2 CL-0901 suppressed: trailing reason",
                                                "db.tf:7 CL-0901 suppressed: named by its slug",
                                                "db.tf:13 CL-0901 suppressed: header covers the block",
                                                "db.tf:19 CL-0901",
                                            }));
  // The directive's own location is kept for SARIF and reviews.
  const Finding f = scan(t, {"CL-0901"}).at(0);
  EXPECT_EQ(f.suppression->kind, "inSource");
  EXPECT_EQ(f.suppression->location.path, "db.tf");
  EXPECT_EQ(f.suppression->location.span.start_line, 2u);
  EXPECT_EQ(f.suppression->location.span.start_col, 31u);
}

TEST(InlineSuppression, StackedDirectivesAndOtherCommentSyntaxes) {
  TempTree t;
  // The provider's default tags let CL-0301 decide (tags_all is then known).
  t.write("provider.tf", "provider \"aws\" {\n  default_tags {\n    tags = { team = \"data\" }\n  }\n}\n");
  t.write("main.tf", R"(# clause:ignore CL-0301 -- tagged by the platform module
// clause:ignore CL-0901 -- restored from snapshots
resource "aws_db_instance" "stacked" {
  backup_retention_period = 1
}

/* clause:ignore CL-0901,CL-0301 -- both, in a block comment */
resource "aws_db_instance" "block" {
  backup_retention_period = 1
}

# The provider configured here, so the tag rule can judge (no default tags).
provider "aws" {}
)");
  EXPECT_EQ(describe(scan(t, {"CL-0901", "CL-0301"})),
            (std::vector<std::string>{
                "main.tf:3 CL-0301 suppressed: tagged by the platform module",
                "main.tf:4 CL-0901 suppressed: restored from snapshots",
                "main.tf:8 CL-0301 suppressed: both, in a block comment",
                "main.tf:9 CL-0901 suppressed: both, in a block comment",
            }));
}

TEST(InlineSuppression, TerraformJsonCommentPropertyCoversItsBlock) {
  TempTree t;
  t.write("db.tf.json", R"({
  "resource": {
    "aws_db_instance": {
      "json": {
        "//": "clause:ignore CL-0901 -- JSON has no comments; the property speaks for its block",
        "engine": "postgres",
        "backup_retention_period": 1
      },
      "other": {
        "backup_retention_period": 1
      }
    }
  }
}
)");
  EXPECT_EQ(describe(scan(t, {"CL-0901"})),
            (std::vector<std::string>{
                "db.tf.json:7 CL-0901 suppressed: JSON has no comments; the property speaks for its block",
                "db.tf.json:10 CL-0901",
            }));
}

TEST(InlineSuppression, YamlCommentsInCloudFormation) {
  TempTree t;
  t.write("stack.yaml", R"(AWSTemplateFormatVersion: "2010-09-09"
Resources:
  # clause:ignore CL-0901 -- reporting copy, rebuilt from the primary
  Reporting:
    Type: AWS::RDS::DBInstance
    Properties:
      BackupRetentionPeriod: 1
  Ledger:
    Type: AWS::RDS::DBInstance
    Properties:
      BackupRetentionPeriod: 1 # clause:ignore CL-0901 -- trailing in YAML
  Orders:
    Type: AWS::RDS::DBInstance
    Properties:
      BackupRetentionPeriod: 2
)");
  EXPECT_EQ(describe(scan(t, {"CL-0901"})),
            (std::vector<std::string>{
                "stack.yaml:7 CL-0901 suppressed: reporting copy, rebuilt from the primary",
                "stack.yaml:11 CL-0901 suppressed: trailing in YAML",
                "stack.yaml:15 CL-0901",
            }));
}

TEST(InlineSuppression, ModuleCallCoversFindingsTiedToIt) {
  TempTree t;
  t.write("main.tf", R"(# clause:ignore CL-0901 -- the reporting copy is rebuilt nightly
module "reporting" {
  source = "./modules/db"
}

module "ledger" {
  source = "./modules/db"
}
)");
  t.write("modules/db/main.tf",
          "resource \"aws_db_instance\" \"this\" {\n  backup_retention_period = 1\n}\n");
  Project project = load_project(discover(t.path(), {}), {});
  RuleSet rules = only({"CL-0901"});
  // Findings as module evaluation reports them: in the module's file, tied
  // to the call that instantiated it.
  auto finding_through = [&](uint32_t call_line) {
    Finding f;
    f.rule_id = "CL-0901";
    f.severity = Severity::High;
    f.location = Location{"modules/db/main.tf", Span{2, 3, 2, 30}};
    f.resource = call_line ? "module.x.aws_db_instance.this" : "aws_db_instance.this";
    if (call_line)
      f.related.push_back(RelatedLocation{Location{"main.tf", Span{call_line, 1, call_line, 19}},
                                          "instantiated through this module call"});
    return f;
  };
  std::vector<Finding> findings = {finding_through(2), finding_through(6), finding_through(0)};
  apply_inline_suppressions(project, rules.infos(), findings, options(true));
  ASSERT_EQ(findings.size(), 3u);
  int suppressed = 0;
  for (const Finding &f : findings) {
    if (f.related.empty() || f.related[0].location.span.start_line != 2) {
      EXPECT_FALSE(f.suppression) << f.resource;
      continue;
    }
    ASSERT_TRUE(f.suppression);
    EXPECT_EQ(f.suppression->justification, "the reporting copy is rebuilt nightly");
    EXPECT_EQ(f.suppression->location.path, "main.tf");
    ++suppressed;
  }
  EXPECT_EQ(suppressed, 1);
}

TEST(InlineSuppression, ModuleCallThroughModuleEvaluation) {
  TempTree t;
  t.write("main.tf", R"(# clause:ignore CL-0901 -- the reporting copy is rebuilt nightly
module "reporting" {
  source = "./modules/db"
}

module "ledger" {
  source = "./modules/db"
}
)");
  t.write("modules/db/main.tf",
          "resource \"aws_db_instance\" \"this\" {\n  backup_retention_period = 1\n}\n");
  std::vector<std::string> got;
  for (const Finding &f : scan(t, {"CL-0901"}, options(true)))
    got.push_back(f.resource + (f.suppression ? " suppressed: " + f.suppression->justification : ""));
  EXPECT_EQ(got,
            (std::vector<std::string>{
                "module.ledger.aws_db_instance.this",
                "module.reporting.aws_db_instance.this suppressed: the reporting copy is rebuilt nightly",
            }));
}

TEST(InlineSuppression, MissingReasonSuppressesNothingAndIsReported) {
  TempTree t;
  t.write("db.tf", R"(# clause:ignore CL-0901
resource "aws_db_instance" "a" {
  backup_retention_period = 1
}

resource "aws_db_instance" "b" {
  backup_retention_period = 1 # clause:ignore CL-0901 --
}
)");
  EXPECT_EQ(
      describe(scan(t, {"CL-0901"})),
      (std::vector<std::string>{
          "db.tf:1 CL-0000 | `clause:ignore CL-0901` gives no reason after `--`, so it suppresses nothing",
          "db.tf:3 CL-0901",
          "db.tf:7 CL-0901",

          "db.tf:7 CL-0000 | `clause:ignore CL-0901 --` gives no reason after `--`, so it suppresses nothing",
      }));
}

TEST(InlineSuppression, ExpiryHoldsThroughItsDayThenReports) {
  TempTree t;
  t.write("db.tf", R"(# clause:ignore CL-0901 until=2025-06-01 -- waiver W-7 until the migration
resource "aws_db_instance" "a" {
  backup_retention_period = 1
}
)");
  SuppressionOptions on_the_day = options();
  EXPECT_EQ(describe(scan(t, {"CL-0901"}, on_the_day)),
            (std::vector<std::string>{"db.tf:3 CL-0901 suppressed: waiver W-7 until the migration"}));
  SuppressionOptions day_after = options();
  day_after.today = "2025-06-02";
  EXPECT_EQ(
      describe(scan(t, {"CL-0901"}, day_after)),
      (std::vector<std::string>{
          "db.tf:1 CL-0001 | `clause:ignore CL-0901 until=2025-06-01 -- waiver W-7 until the migration` "
          "expired on 2025-06-01 and no longer suppresses anything",
          "db.tf:3 CL-0901",
      }));
}

TEST(InlineSuppression, UnusedDirectivesAreReportedOnlyWhenAsked) {
  TempTree t;
  t.write("db.tf", R"(# clause:ignore CL-0901 -- written when retention was 1
resource "aws_db_instance" "a" {
  backup_retention_period = 14
}

# clause:ignore CL-1001 -- names a rule that did not run
resource "aws_db_instance" "b" {
  backup_retention_period = 14
}

# tfsec:ignore:aws-rds-specify-backup-retention
resource "aws_db_instance" "c" {
  backup_retention_period = 30
}
)");
  EXPECT_TRUE(scan(t, {"CL-0901"}).empty());
  EXPECT_EQ(
      describe(scan(t, {"CL-0901"}, options(true))),
      (std::vector<std::string>{
          "db.tf:1 CL-0002 | `clause:ignore CL-0901` suppresses no CL-0901 finding; remove it",
          "db.tf:11 CL-0002 | `tfsec:ignore:aws-rds-specify-backup-retention` (tfsec, mapped to CL-0901) "
          "suppresses no CL-0901 finding; remove it",
      }));
}

TEST(InlineSuppression, MalformedDirectivesAreReportedAndTheValidPartApplies) {
  TempTree t;
  t.write("db.tf", R"(# clause:ignore CL-9999, CL-0901 until=2025-02-30 -- typo and an impossible date
resource "aws_db_instance" "a" {
  backup_retention_period = 1
}
# clause:ignore -- forgot the rule
)");
  EXPECT_EQ(
      describe(scan(t, {"CL-0901"})),
      (std::vector<std::string>{
          "db.tf:1 CL-0003 | `clause:ignore CL-9999, CL-0901 until=2025-02-30 -- typo and an impossible "
          "date` is not a valid suppression: 'until=2025-02-30' is not a date written until=YYYY-MM-DD; no "
          "rule has the id or name 'CL-9999'",
          "db.tf:3 CL-0901 suppressed: typo and an impossible date",
          "db.tf:5 CL-0003 | `clause:ignore -- forgot the rule` is not a valid suppression: it names no rule",
      }));
}

TEST(InlineSuppression, PeerDirectivesMapThroughTheTable) {
  TempTree t;
  t.write("db.tf", R"(resource "aws_db_instance" "checkov" {
  #checkov:skip=CKV_AWS_133:restored nightly
  engine                  = "postgres"
  backup_retention_period = 1
}

#tfsec:ignore:aws-rds-specify-backup-retention
resource "aws_db_instance" "tfsec" {
  backup_retention_period = 1
}

# trivy:ignore:AVD-AWS-0077:exp:2999-01-01
resource "aws_db_instance" "trivy" {
  backup_retention_period = 1
}

# trivy:ignore:AVD-AWS-0001
# checkov:skip=CKV_AWS_999:not a check we map
resource "aws_db_instance" "unmapped" {
  backup_retention_period = 1
}

resource "aws_cloudwatch_log_group" "app" {
  # checkov:skip=CKV_AWS_66
  name = "app"
}

# tfsec:ignore:aws-rds-specify-backup-retention:exp:2024-12-31
resource "aws_db_instance" "expired" {
  backup_retention_period = 1
}
)");
  EXPECT_EQ(
      describe(scan(t, {"CL-0901", "CL-1001"}, options(true))),
      (std::vector<std::string>{
          "db.tf:4 CL-0901 suppressed: migrated from checkov:skip=CKV_AWS_133: restored nightly",
          "db.tf:9 CL-0901 suppressed: migrated from tfsec:ignore:aws-rds-specify-backup-retention",
          "db.tf:14 CL-0901 suppressed: migrated from trivy:ignore:AVD-AWS-0077:exp:2999-01-01",
          "db.tf:20 CL-0901",
          "db.tf:23 CL-1001 suppressed: migrated from checkov:skip=CKV_AWS_66",
          "db.tf:28 CL-0001 | `tfsec:ignore:aws-rds-specify-backup-retention:exp:2024-12-31` expired on "
          "2024-12-31 and no longer suppresses anything",
          "db.tf:30 CL-0901",
      }));
}

TEST(InlineSuppression, CfnGuardWaiversSuppressTheRulesThatNameThem) {
  TempTree t;
  t.write("template.yaml", R"(AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Waived:
    Type: AWS::S3::Bucket
    Metadata:
      Comment: scratch uploads, re-created from the source system
      guard:
        SuppressedRules:
          - S3_BUCKET_LOGGING_ENABLED
          - S3_BUCKET_VERSIONING_ENABLED
  OtherWaiver:
    Type: AWS::S3::Bucket
    Metadata:
      guard:
        SuppressedRules:
          - S3_BUCKET_LOGGING_ENABLED
  Versioned:
    Type: AWS::S3::Bucket
    Metadata:
      guard:
        SuppressedRules: [S3_BUCKET_VERSIONING_ENABLED]
    Properties:
      VersioningConfiguration:
        Status: Enabled
  Table:
    Type: AWS::DynamoDB::Table
    Metadata:
      guard:
        SuppressedRules:
          - DYNAMODB_PITR_ENABLED
    Properties:
      AttributeDefinitions:
        - AttributeName: id
          AttributeType: S
      KeySchema:
        - AttributeName: id
          KeyType: HASH
)");
  t.write("template.json", R"({
  "Resources": {
    "Bucket": {
      "Type": "AWS::S3::Bucket",
      "Metadata": {"guard": {"SuppressedRules": ["S3_BUCKET_VERSIONING_ENABLED"]}}
    }
  }
})");
  // A waiver that suppresses nothing is not reported (cfn-guard still reads it).
  EXPECT_EQ(describe(scan(t, {"CL-0904", "CL-0901", "CL-1401"}, options(true))),
            (std::vector<std::string>{
                "template.json:3 CL-0904 suppressed: cfn-guard waiver S3_BUCKET_VERSIONING_ENABLED in "
                "Metadata.guard.SuppressedRules",
                "template.yaml:3 CL-0904 suppressed: cfn-guard waiver S3_BUCKET_VERSIONING_ENABLED in "
                "Metadata.guard.SuppressedRules: scratch uploads, re-created from the source system",
                "template.yaml:11 CL-0904",
                "template.yaml:25 CL-0901 suppressed: cfn-guard waiver DYNAMODB_PITR_ENABLED in "
                "Metadata.guard.SuppressedRules",
                "template.yaml:25 CL-1401 suppressed: cfn-guard waiver DYNAMODB_PITR_ENABLED in "
                "Metadata.guard.SuppressedRules",
            }));
  // The suppression points at the waiver's own line.
  for (const Finding &f : scan(t, {"CL-0904"})) {
    if (f.location.path == "template.yaml" && f.suppression) {
      EXPECT_EQ(f.suppression->location.span.start_line, 10u);
    }
  }
}

TEST(InlineSuppression, SwitchedOffMetaRulesAndDirectivesStayQuiet) {
  TempTree t;
  t.write(
      "db.tf",
      "# clause:ignore CL-0901\nresource \"aws_db_instance\" \"a\" {\n  backup_retention_period = 1\n}\n");
  SuppressionOptions no_meta = options();
  no_meta.meta_rules.clear();
  EXPECT_EQ(describe(scan(t, {"CL-0901"}, no_meta)), (std::vector<std::string>{"db.tf:3 CL-0901"}));
  SuppressionOptions off = options();
  off.inline_directives = false;
  t.write("db.tf",
          "# clause:ignore CL-0901 -- ok\nresource \"aws_db_instance\" \"a\" {\n  backup_retention_period = "
          "1\n}\n");
  EXPECT_EQ(describe(scan(t, {"CL-0901"}, off)), (std::vector<std::string>{"db.tf:3 CL-0901"}));
}

}  // namespace
}  // namespace clause
