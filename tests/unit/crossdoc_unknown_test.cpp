// Unknown infrastructure values never make a cross-document rule fire; under
// --strict each one is a note that names the expression that blocked it.
#include <gtest/gtest.h>

#include "crossdoc_test_util.h"

namespace clause::crossdoc {
namespace {

using crossdoc_test::at;
using crossdoc_test::Repo;

// Silent by default; exactly one informational note under --strict.
void expect_undecided(const Repo &repo, const std::string &rule, const std::string &where,
                      const std::string &blocked_by) {
  EXPECT_TRUE(repo.scan(rule).empty()) << rule << " fired on an unknown value";
  auto notes = repo.scan(rule, /*strict=*/true);
  ASSERT_EQ(notes.size(), 1u) << rule;
  EXPECT_EQ(notes[0].rule_id, rule);
  EXPECT_EQ(notes[0].severity, Severity::Info);
  EXPECT_EQ(at(notes[0].location), where);
  EXPECT_NE(notes[0].message.find("`" + blocked_by + "`"), std::string::npos) << notes[0].message;
}

const char *kResidency = R"(apiVersion: clause/v1alpha1
kind: CloudServiceAgreement
services:
  - id: ledger-api
    infraSelector:
      tags: { service: ledger-api }
dataManagement:
  location:
    allowed: [EU]
)";

TEST(CrossdocUnknown, ResidencyWithAProviderRegionFromAnUnsetVariable) {
  Repo repo({{"agreement.yaml", kResidency}, {"main.tf", R"(variable "region" {}
provider "aws" {
  region = var.region
  default_tags {
    tags = { service = "ledger-api" }
  }
}
resource "aws_s3_bucket" "ledger" {
  bucket = "ledger"
}
)"}});
  expect_undecided(repo, "CL-0170", "main.tf:8", "var.region");
}

TEST(CrossdocUnknown, ResidencyWhenTheBindingItselfIsUnknown) {
  // The bucket is outside the EU, but whether the agreement covers it
  // depends on tags that are not known.
  Repo repo({{"agreement.yaml", kResidency}, {"main.tf", R"(variable "tags" {}
provider "aws" {
  region = "us-east-1"
}
resource "aws_s3_bucket" "ledger" {
  bucket = "ledger"
  tags   = var.tags
}
)"}});
  expect_undecided(repo, "CL-0170", "main.tf:5", "var.tags");
}

TEST(CrossdocUnknown, KeysWithAKeyFromAnUnsetVariable) {
  Repo repo({{"agreement.yaml",
              "apiVersion: clause/v1alpha1\nkind: CloudServiceAgreement\n"
              "security:\n  keyManagement: customer-managed-kms\n"},
             {"main.tf",
              "variable \"key\" {}\nresource \"aws_db_instance\" \"ledger\" {\n  engine     = \"postgres\"\n"
              "  kms_key_id = var.key\n}\n"}});
  expect_undecided(repo, "CL-0172", "main.tf:4", "var.key");
}

TEST(CrossdocUnknown, AvailabilityWithMultiAzFromAVariable) {
  Repo repo({{"agreement.yaml", R"(apiVersion: clause/v1alpha1
kind: CloudServiceAgreement
serviceLevels:
  objectives:
    - { id: a, metric: availability, comparator: ">=", target: 99.95, unit: percent, period: P1M, window: calendar }
)"},
             {"main.tf",
              "variable \"ha\" {}\nresource \"aws_db_instance\" \"ledger\" {\n  engine   = \"postgres\"\n"
              "  multi_az = var.ha\n}\n"}});
  expect_undecided(repo, "CL-0770", "main.tf:4", "var.ha");
}

TEST(CrossdocUnknown, LogRetentionFromACloudFormationParameterWithoutDefault) {
  Repo repo({{"agreement.yaml",
              "apiVersion: clause/v1alpha1\nkind: CloudServiceAgreement\n"
              "logging:\n  auditLogRetention: P365D\n"},
             {"template.yaml", R"(AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Retention:
    Type: Number
Resources:
  Audit:
    Type: AWS::Logs::LogGroup
    Properties:
      RetentionInDays: !Ref Retention
)"}});
  expect_undecided(repo, "CL-1070", "template.yaml:9", "Ref Retention");
}

TEST(CrossdocUnknown, LogRetentionFromAParameterDefaultIsJudged) {
  Repo repo({{"agreement.yaml",
              "apiVersion: clause/v1alpha1\nkind: CloudServiceAgreement\n"
              "logging:\n  auditLogRetention: P365D\n"},
             {"template.yaml", R"(AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Retention:
    Type: Number
    Default: 30
Resources:
  Audit:
    Type: AWS::Logs::LogGroup
    Properties:
      RetentionInDays: !Ref Retention
)"}});
  auto f = repo.scan("CL-1070");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(at(f[0].location), "template.yaml:10");
  EXPECT_EQ(at(f[0].related.at(0).location), "agreement.yaml:4");
  EXPECT_NE(f[0].message.find("keeps logs 30 days"), std::string::npos) << f[0].message;
}

TEST(CrossdocUnknown, BackupRetentionFromAPlanLifecycleVariable) {
  Repo repo({{"agreement.yaml",
              "apiVersion: clause/v1alpha1\nkind: CloudServiceAgreement\n"
              "reliability:\n  backup: { retention: P35D }\n"},
             {"main.tf", R"(variable "days" {}
resource "aws_efs_file_system" "files" {}
resource "aws_backup_plan" "p" {
  name = "p"
  rule {
    rule_name         = "daily"
    target_vault_name = "v"
    lifecycle {
      delete_after = var.days
    }
  }
}
resource "aws_backup_selection" "s" {
  name         = "s"
  iam_role_arn = "arn:aws:iam::123456789012:role/backup"
  plan_id      = aws_backup_plan.p.id
  resources    = [aws_efs_file_system.files.arn]
}
)"}});
  expect_undecided(repo, "CL-0971", "main.tf:9", "var.days");
}

TEST(CrossdocUnknown, PlanRegressionWhenTheAfterValueIsKnownOnlyAfterApply) {
  Repo repo({{"agreement.yaml", R"(apiVersion: clause/v1alpha1
kind: CloudServiceAgreement
serviceLevels:
  objectives:
    - { id: a, metric: availability, comparator: ">=", target: 99.95, unit: percent, period: P1M, window: calendar }
)"},
             {"plan.json", R"({
  "format_version": "1.2",
  "planned_values": { "root_module": { "resources": [] } },
  "resource_changes": [
    {
      "address": "aws_db_instance.ledger",
      "mode": "managed",
      "type": "aws_db_instance",
      "name": "ledger",
      "change": {
        "actions": ["update"],
        "before": { "multi_az": true },
        "after": {},
        "after_unknown": { "multi_az": true }
      }
    }
  ]
})"}});
  expect_undecided(repo, "CL-1270", "plan.json:6", "multi_az after apply");
}

TEST(CrossdocUnknown, CloudFormationResidencyUsesTheDeploymentTable) {
  Repo repo({{"agreement.yaml",
              "apiVersion: clause/v1alpha1\nkind: CloudServiceAgreement\n"
              "dataManagement:\n  location:\n    allowed: [EU]\n"},
             {"stack.yaml",
              "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  Data:\n    Type: AWS::S3::Bucket\n"}});
  // Unknown without the table: silent, a note under --strict.
  EXPECT_TRUE(repo.scan("CL-0170").empty());
  auto notes = repo.scan("CL-0170", true);
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_EQ(at(notes[0].location), "stack.yaml:3");
  // With the table: judged.
  auto f = repo.scan("CL-0170", false, {{"stack.yaml", "us-east-2"}});
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(at(f[0].location), "stack.yaml:3");
  EXPECT_EQ(at(f[0].related.at(0).location), "agreement.yaml:5");
  EXPECT_NE(f[0].message.find("us-east-2 (US)"), std::string::npos) << f[0].message;
  EXPECT_TRUE(repo.scan("CL-0170", false, {{"stack.yaml", "eu-south-1"}}).empty());
}

}  // namespace
}  // namespace clause::crossdoc
