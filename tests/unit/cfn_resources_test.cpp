#include "parsers/cloudformation/cfn_resources.h"

#include <gtest/gtest.h>

#include "tests/unit/yaml_test_support.h"

namespace clause {
namespace {

Document parse(const std::string &source) { return testing::parse_cfn_template(source); }

const char *kTemplate =
    "AWSTemplateFormatVersion: '2010-09-09'\n"
    "Parameters:\n"
    "  Retention:\n"
    "    Type: Number\n"
    "    Default: '7'\n"
    "  Env:\n"
    "    Type: String\n"
    "    Default: prod\n"
    "  NoDefault:\n"
    "    Type: String\n"
    "Conditions:\n"
    "  IsProd: !Equals [!Ref Env, prod]\n"
    "Resources:\n"
    "  Db:\n"
    "    Type: AWS::RDS::DBInstance\n"
    "    Condition: IsProd\n"
    "    DeletionPolicy: Snapshot\n"
    "    Properties:\n"
    "      BackupRetentionPeriod: !Ref Retention\n"
    "      DBName: !Ref NoDefault\n"
    "      AvailabilityZone: !Ref AWS::Region\n"
    "      Tags:\n"
    "        - Key: env\n"
    "          Value: {Ref: Env}\n"
    "  Fn:\n"
    "    Type: AWS::Serverless::Function\n"
    "    Properties:\n"
    "      Role: !GetAtt Db.Arn\n";

TEST(CfnResources, OneResourcePerEntry) {
  Document doc = parse(kTemplate);
  std::vector<Resource> rs = cloudformation_resources(doc);
  ASSERT_EQ(rs.size(), 2u);
  const Resource &db = rs[0];
  EXPECT_EQ(db.address, "Db");
  EXPECT_EQ(db.name, "Db");
  EXPECT_EQ(db.type, "AWS::RDS::DBInstance");
  EXPECT_EQ(db.provider, ProviderFamily::Aws);
  EXPECT_EQ(db.format, DocKind::CloudFormation);
  EXPECT_EQ(db.document, &doc);
  EXPECT_EQ(db.span.start_line, 14u);
  EXPECT_EQ(db.span.start_col, 3u);
  EXPECT_EQ(db.span.end_col, 5u);
  ASSERT_NE(db.body, nullptr);
  EXPECT_EQ(db.body->get("DeletionPolicy")->text, "Snapshot");
  EXPECT_EQ(db.body->get("Condition")->text, "IsProd");

  const Resource &fn = rs[1];
  EXPECT_EQ(fn.type, "AWS::Serverless::Function");
  EXPECT_EQ(fn.owned_body, nullptr);
  EXPECT_EQ(fn.body, doc.roots[0].get("Resources")->get("Fn"));
  EXPECT_TRUE(fn.body->get("Properties")->get("Role")->get("Fn::GetAtt")->is_list());
}

TEST(CfnResources, ParameterDefaultsAreSubstituted) {
  Document doc = parse(kTemplate);
  std::vector<Resource> rs = cloudformation_resources(doc);
  const Resource &db = rs[0];
  ASSERT_NE(db.owned_body, nullptr);
  EXPECT_EQ(db.body, db.owned_body.get());
  const Node *props = db.body->get("Properties");
  const Node *retention = props->get("BackupRetentionPeriod");
  ASSERT_EQ(retention->kind, NodeKind::Number);  // a Number parameter
  EXPECT_EQ(retention->number, 7);
  EXPECT_EQ(retention->span.start_line, 19u);  // at the !Ref
  EXPECT_EQ(retention->span.start_col, 30u);
  // No default, pseudo parameter: the Ref stays.
  EXPECT_EQ(props->get("DBName")->get("Ref")->text, "NoDefault");
  EXPECT_EQ(props->get("AvailabilityZone")->get("Ref")->text, "AWS::Region");
  // Nested long-form Ref.
  const Node *tag = &props->get("Tags")->items[0];
  EXPECT_EQ(tag->get("Value")->kind, NodeKind::String);
  EXPECT_EQ(tag->get("Value")->text, "prod");
  EXPECT_EQ(tag->get("Value")->span.start_line, 24u);
  // The document itself is untouched.
  const Node *original = doc.roots[0].get("Resources")->get("Db")->get("Properties");
  EXPECT_TRUE(original->get("BackupRetentionPeriod")->is_map());
}

TEST(CfnResources, NonTemplatesGiveNothing) {
  Document doc = parse("Resources: [a, b]\n");
  EXPECT_TRUE(cloudformation_resources(doc).empty());
  Document empty;
  EXPECT_TRUE(cloudformation_resources(empty).empty());
}

}  // namespace
}  // namespace clause
