#include "parsers/classify.h"

#include <gtest/gtest.h>

#include "tests/unit/yaml_test_support.h"

namespace clause {
namespace {

DocKind classify(const std::string &source, std::string_view path = "x.yaml") {
  Document doc = testing::parse_yaml_text(source, std::string(path));
  EXPECT_FALSE(doc.has_errors()) << source;
  return classify_structured(doc.roots, path);
}

TEST(Classify, TerraformPlan) {
  EXPECT_EQ(classify("{\"format_version\": \"1.2\", \"planned_values\": {}}", "plan.json"),
            DocKind::TerraformPlan);
  EXPECT_EQ(classify("{\"format_version\": \"1.2\", \"resource_changes\": []}", "plan.json"),
            DocKind::TerraformPlan);
  EXPECT_EQ(classify("{\"format_version\": \"1.2\"}", "x.json"), DocKind::Unknown);
}

TEST(Classify, TerraformJsonByName) {
  EXPECT_EQ(classify("{\"resource\": {}}", "main.tf.json"), DocKind::Terraform);
  EXPECT_EQ(classify("{\"region\": \"eu-west-1\"}", "prod.tfvars.json"), DocKind::TerraformVars);
}

TEST(Classify, CloudFormation) {
  EXPECT_EQ(classify("AWSTemplateFormatVersion: '2010-09-09'\nResources: {}\n"), DocKind::CloudFormation);
  EXPECT_EQ(classify("Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n"), DocKind::CloudFormation);
  EXPECT_EQ(classify("Transform: AWS::Serverless-2016-10-31\nResources: {}\n"), DocKind::CloudFormation);
  EXPECT_EQ(classify("Transform: [AWS::Serverless-2016-10-31]\n"), DocKind::CloudFormation);
  // Registry and custom types are CloudFormation too (Alexa::ASK::Skill, Custom::X).
  EXPECT_EQ(classify("Resources:\n  Skill:\n    Type: Alexa::ASK::Skill\n"), DocKind::CloudFormation);
  EXPECT_EQ(classify("Resources:\n  M:\n    Type: Custom::KubeManifest\n"), DocKind::CloudFormation);
  EXPECT_EQ(classify("Resources:\n  Thing:\n    Type: widget\n"), DocKind::Unknown);
}

TEST(Classify, KubernetesWithoutApiVersionAndKustomization) {
  EXPECT_EQ(classify("kind: InferencePool\nmetadata:\n  name: pool\n"), DocKind::Kubernetes);
  EXPECT_EQ(classify("kind: Thing\n"), DocKind::Unknown);
  EXPECT_EQ(classify("resources:\n- deployment.yaml\n", "overlay/kustomization.yaml"), DocKind::Kubernetes);
}

TEST(Classify, Kubernetes) {
  EXPECT_EQ(classify("apiVersion: v1\nkind: Service\nmetadata: {name: a}\n"), DocKind::Kubernetes);
  EXPECT_EQ(classify("---\napiVersion: v1\nkind: Service\n---\n---\napiVersion: apps/v1\nkind: Deployment\n"),
            DocKind::Kubernetes);
  EXPECT_EQ(classify("apiVersion: v1\nkind: List\nitems: []\n"), DocKind::Kubernetes);
  // A stream with a non-Kubernetes document is not Kubernetes.
  EXPECT_EQ(classify("apiVersion: v1\nkind: Service\n---\nfoo: bar\n"), DocKind::Unknown);
  EXPECT_EQ(classify("apiVersion: v1\n"), DocKind::Unknown);
}

TEST(Classify, Agreement) {
  EXPECT_EQ(classify("apiVersion: clause/v1alpha1\nkind: CloudServiceAgreement\nmetadata: {name: a}\n"),
            DocKind::Agreement);
  EXPECT_EQ(classify("apiVersion: clause/v1alpha1\nkind: Something\n"), DocKind::Kubernetes);
  // An unsupported version is still an agreement (the validator reports it).
  EXPECT_EQ(classify("apiVersion: clause/v9\nkind: CloudServiceAgreement\n"), DocKind::Agreement);
}

TEST(Classify, Unknown) {
  EXPECT_EQ(classify("name: x\nsteps: []\n"), DocKind::Unknown);
  EXPECT_EQ(classify("- a\n- b\n"), DocKind::Unknown);
  EXPECT_EQ(classify(""), DocKind::Unknown);
  EXPECT_EQ(classify("plain scalar\n"), DocKind::Unknown);
}

}  // namespace
}  // namespace clause
