#include "parsers/cloudformation/cfn_eval.h"

#include <gtest/gtest.h>

#include "parsers/cloudformation/cfn_resources.h"
#include "tests/unit/yaml_test_support.h"

namespace clause {
namespace {

using State = CfnEvaluator::Value::State;

Document parse(const std::string &source) { return testing::parse_cfn_template(source); }

const char *kTemplate =
    "Parameters:\n"
    "  Env: {Type: String, Default: dev}\n"
    "  Tier: {Type: String, Default: small}\n"
    "  Days: {Type: Number, Default: '3'}\n"
    "  Zones: {Type: CommaDelimitedList, Default: 'a,b,c'}\n"
    "  Open: {Type: String}\n"
    "Mappings:\n"
    "  Retention:\n"
    "    dev: {Days: 1}\n"
    "    prod: {Days: 35}\n"
    "Conditions:\n"
    "  IsProd: !Equals [!Ref Env, prod]\n"
    "  IsDev: !Not [!Condition IsProd]\n"
    "  SmallDev: !And [!Condition IsDev, !Equals [small, !Ref Tier]]\n"
    "  OpenOrDev: !Or [!Equals [!Ref Open, x], !Condition IsDev]\n"
    "  OpenAndDev: !And [!Equals [!Ref Open, x], !Condition IsDev]\n"
    "  OpenAndProd: !And [!Equals [!Ref Open, x], !Condition IsProd]\n"
    "  Loop: !Not [!Condition Loop]\n"
    "  InChina: !Equals [!Ref 'AWS::Partition', aws-cn]\n"
    "Resources: {}\n";

TEST(CfnEval, ConditionsFromDefaults) {
  Document doc = parse(kTemplate);
  CfnEvaluator eval(doc.roots[0], {});
  auto truth = [&](const char *name) {
    CfnEvaluator::Value v = eval.condition(name);
    return v.state == State::Known ? (v.node.boolean ? "true" : "false") : "unknown";
  };
  EXPECT_STREQ(truth("IsProd"), "false");
  EXPECT_STREQ(truth("IsDev"), "true");
  EXPECT_STREQ(truth("SmallDev"), "true");
  // Or: one true operand decides; And: one false operand decides.
  EXPECT_STREQ(truth("OpenOrDev"), "true");
  EXPECT_STREQ(truth("OpenAndDev"), "unknown");
  EXPECT_STREQ(truth("OpenAndProd"), "false");
  EXPECT_STREQ(truth("Loop"), "unknown");
  EXPECT_STREQ(truth("InChina"), "unknown");  // no region
  EXPECT_STREQ(truth("Missing"), "unknown");
  CfnEvaluator::Value dev = eval.condition("SmallDev");
  EXPECT_EQ(dev.defaults, (std::set<std::string>{"Env", "Tier"}));
}

TEST(CfnEval, PseudoParametersFromTheInputs) {
  Document doc = parse(kTemplate);
  CfnInputs inputs;
  inputs.region = "cn-north-1";
  inputs.account_id = "123456789012";
  CfnEvaluator eval(doc.roots[0], inputs);
  Document refs = parse(
      "- !Ref AWS::Region\n- !Ref AWS::AccountId\n- !Ref AWS::Partition\n- !Ref AWS::URLSuffix\n"
      "- !Ref AWS::StackName\n- !Sub 'arn:${AWS::Partition}:s3:::logs-${AWS::AccountId}'\n");
  const auto &items = refs.roots[0].items;
  EXPECT_EQ(eval.evaluate(items[0]).node.text, "cn-north-1");
  EXPECT_EQ(eval.evaluate(items[1]).node.text, "123456789012");
  EXPECT_EQ(eval.evaluate(items[2]).node.text, "aws-cn");
  EXPECT_EQ(eval.evaluate(items[3]).node.text, "amazonaws.com.cn");
  EXPECT_EQ(eval.evaluate(items[4]).state, State::Unknown);
  EXPECT_EQ(eval.evaluate(items[5]).node.text, "arn:aws-cn:s3:::logs-123456789012");
  EXPECT_EQ(eval.condition("InChina").node.boolean, true);

  CfnEvaluator open(doc.roots[0], {});
  for (size_t i = 0; i < 4; ++i) EXPECT_EQ(open.evaluate(items[i]).state, State::Unknown) << i;
  EXPECT_EQ(aws_partition("us-gov-west-1"), "aws-us-gov");
  EXPECT_EQ(aws_partition("eu-west-1"), "aws");
  EXPECT_EQ(aws_url_suffix("eu-west-1"), "amazonaws.com");
}

TEST(CfnEval, Functions) {
  Document doc = parse(kTemplate);
  CfnEvaluator eval(doc.roots[0], {});
  Document values = parse(
      "- !FindInMap [Retention, !Ref Env, Days]\n"                               // 0
      "- !FindInMap [Retention, !If [IsProd, prod, dev], Days]\n"                // 1
      "- !Select [2, !Ref Zones]\n"                                              // 2
      "- !Select ['1', !Split ['-', 'x-y-z']]\n"                                 // 3
      "- !Join [':', [a, !Ref Env, 3]]\n"                                        // 4
      "- !Sub '${Env}-${!Literal}-${Days}'\n"                                    // 5
      "- !Sub ['${Name}-${Env}', {Name: !FindInMap [Retention, prod, Days]}]\n"  // 6
      "- !Sub '${Bucket.Arn}'\n"                                                 // 7
      "- !Select [0, !GetAZs '']\n"                                              // 8
      "- !Ref Days\n"                                                            // 9
      "- !Ref Open\n"                                                            // 10
      "- !Select [5, [a, b]]\n"                                                  // 11
      "- !FindInMap [Retention, staging, Days]\n"                                // 12
      "- !If [IsDev, !Ref AWS::NoValue, 1]\n");                                  // 13
  const auto &v = values.roots[0].items;
  auto text = [&](size_t i) {
    CfnEvaluator::Value r = eval.evaluate(v[i]);
    return r.state == State::Known ? r.node.scalar_text() : std::string("unknown");
  };
  EXPECT_EQ(text(0), "1");
  EXPECT_EQ(text(1), "1");
  EXPECT_EQ(text(2), "c");
  EXPECT_EQ(text(3), "y");
  EXPECT_EQ(text(4), "a:dev:3");
  EXPECT_EQ(text(5), "dev-${Literal}-3");
  EXPECT_EQ(text(6), "35-dev");
  EXPECT_EQ(text(7), "unknown");
  EXPECT_EQ(text(8), "unknown");
  EXPECT_EQ(text(10), "unknown");
  EXPECT_EQ(text(11), "unknown");
  EXPECT_EQ(text(12), "unknown");
  EXPECT_EQ(eval.evaluate(v[13]).state, State::NoValue);
  CfnEvaluator::Value days = eval.evaluate(v[9]);
  EXPECT_EQ(days.node.kind, NodeKind::Number);  // a Number parameter
  EXPECT_EQ(days.node.number, 3);
  EXPECT_EQ(days.defaults, std::set<std::string>{"Days"});
  // A mapping value is located where the template asks for it.
  CfnEvaluator::Value mapped = eval.evaluate(v[0]);
  EXPECT_EQ(mapped.node.span.start_line, 1u);
  EXPECT_EQ(mapped.node.span.start_col, 3u);
  EXPECT_EQ(mapped.defaults, std::set<std::string>{"Env"});
}

TEST(CfnEval, GivenParametersWinOverDefaults) {
  Document doc = parse(kTemplate);
  CfnInputs inputs;
  inputs.parameters = {{"Env", "prod"}, {"Open", "x"}, {"Zones", "q,r"}};
  CfnEvaluator eval(doc.roots[0], inputs);
  EXPECT_TRUE(eval.condition("IsProd").node.boolean);
  EXPECT_TRUE(eval.condition("IsProd").defaults.empty());
  EXPECT_TRUE(eval.condition("OpenAndProd").node.boolean);
  Document zones = parse("!Select [1, !Ref Zones]\n");
  EXPECT_EQ(eval.evaluate(zones.roots[0]).node.text, "r");
}

const char *kResources =
    "Parameters:\n"
    "  Env: {Type: String, Default: dev}\n"
    "  Open: {Type: String}\n"
    "Conditions:\n"
    "  IsProd: !Equals [!Ref Env, prod]\n"
    "  Unknown: !Equals [!Ref Open, x]\n"
    "Resources:\n"
    "  Prod:\n"
    "    Type: AWS::S3::Bucket\n"
    "    Condition: IsProd\n"
    "  Undecided:\n"
    "    Type: AWS::S3::Bucket\n"
    "    Condition: Unknown\n"
    "  Bucket:\n"
    "    Type: AWS::S3::Bucket\n"
    "    Properties:\n"
    "      VersioningConfiguration: !If [IsProd, {Status: Enabled}, !Ref AWS::NoValue]\n"
    "      AccessControl: !If [Unknown, Private, PublicRead]\n"
    "      BucketName: !Sub '${AWS::StackName}-data'\n"
    "      Tags:\n"
    "        - !If [IsProd, {Key: tier, Value: prod}, !Ref AWS::NoValue]\n"
    "        - Key: env\n"
    "          Value: !Ref Env\n";

TEST(CfnEval, ResourcesWithConditionsAndNoValue) {
  Document doc = parse(kResources);
  std::vector<Resource> rs = cloudformation_resources(doc);
  // Prod's condition is false: not created. Undecided's is unknown: kept.
  ASSERT_EQ(rs.size(), 2u);
  EXPECT_EQ(rs[0].address, "Undecided");
  EXPECT_EQ(rs[0].owned_body, nullptr);  // nothing to evaluate
  const Resource &b = rs[1];
  ASSERT_NE(b.owned_body, nullptr);
  const Node *props = b.body->get("Properties");
  EXPECT_EQ(props->get("VersioningConfiguration"), nullptr);  // AWS::NoValue
  EXPECT_TRUE(props->get("AccessControl")->get("Fn::If"));    // unknown condition: as written
  EXPECT_TRUE(props->get("BucketName")->get("Fn::Sub"));      // the stack name is not known
  const Node *tags = props->get("Tags");
  ASSERT_EQ(tags->items.size(), 1u);  // the NoValue item is removed
  EXPECT_EQ(tags->items[0].get("Value")->text, "dev");
  EXPECT_EQ(tags->items[0].get("Value")->span.start_line, 23u);
  // What the defaults decided: the removed property, the removed tag, the tag value.
  ASSERT_EQ(b.assumed_defaults.size(), 3u);
  EXPECT_EQ(b.assumed_defaults[0].removed_path, "Properties.VersioningConfiguration");
  EXPECT_EQ(b.assumed_defaults[0].span.start_line, 17u);
  EXPECT_EQ(b.assumed_defaults[0].parameters, std::vector<std::string>{"Env"});
  EXPECT_EQ(b.assumed_defaults[1].removed_path, "Properties.Tags");
  EXPECT_EQ(b.assumed_defaults[2].removed_path, "");
  EXPECT_EQ(b.assumed_defaults[2].span.start_line, 23u);
  // The document itself is untouched.
  const Node *original = doc.roots[0].get("Resources")->get("Bucket")->get("Properties");
  EXPECT_TRUE(original->get("VersioningConfiguration")->get("Fn::If"));
}

TEST(CfnEval, ResourceCreatedByADefaultSaysSo) {
  Document doc = parse(
      "Parameters:\n"
      "  Env: {Type: String, Default: prod}\n"
      "Conditions:\n"
      "  IsProd: !Equals [!Ref Env, prod]\n"
      "Resources:\n"
      "  Db:\n"
      "    Type: AWS::RDS::DBInstance\n"
      "    Condition: IsProd\n"
      "    Properties: {BackupRetentionPeriod: 0}\n");
  std::vector<Resource> rs = cloudformation_resources(doc);
  ASSERT_EQ(rs.size(), 1u);
  ASSERT_EQ(rs[0].assumed_defaults.size(), 1u);
  EXPECT_EQ(rs[0].assumed_defaults[0].span.start_line, 7u);  // the whole resource
  EXPECT_EQ(rs[0].assumed_defaults[0].parameters, std::vector<std::string>{"Env"});
  CfnInputs given;
  given.parameters = {{"Env", "prod"}};
  EXPECT_TRUE(cloudformation_resources(doc, given)[0].assumed_defaults.empty());
}

}  // namespace
}  // namespace clause
