// The provider catalogue (catalogue/resources.yaml): what the built-in file
// says, and that a malformed catalogue is refused with its line.
#include "checker/catalogue/provider_catalogue.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace clause::catalogue {
namespace {

std::string parse_error(const std::string &text) {
  try {
    ProviderCatalogue::parse(text, "c.yaml");
  } catch (const std::runtime_error &e) {
    return e.what();
  }
  return "";
}

TEST(ProviderCatalogue, BuiltInFileNamesDataStoresAndNameAttributes) {
  const ProviderCatalogue &c = provider_catalogue();
  EXPECT_TRUE(c.holds_data(DocKind::Terraform, "aws_s3_bucket"));
  EXPECT_TRUE(c.holds_data(DocKind::TerraformPlan, "google_sql_database_instance"));
  EXPECT_TRUE(c.holds_data(DocKind::CloudFormation, "AWS::DynamoDB::GlobalTable"));
  EXPECT_TRUE(c.holds_data(DocKind::Kubernetes, "StatefulSet"));
  EXPECT_FALSE(c.holds_data(DocKind::Kubernetes, "Deployment"));
  EXPECT_FALSE(c.holds_data(DocKind::CloudFormation, "aws_s3_bucket"));  // a Terraform type
  // Known for how others name it, but holds no data of its own.
  ASSERT_NE(c.find(DocKind::Terraform, "aws_kms_key"), nullptr);
  EXPECT_FALSE(c.holds_data(DocKind::Terraform, "aws_kms_key"));
  EXPECT_EQ(c.find(DocKind::Terraform, "aws_s3_bucket")->name, "bucket");
  EXPECT_EQ(c.find(DocKind::Terraform, "aws_s3_bucket")->provider, "aws");
  EXPECT_EQ(c.find(DocKind::CloudFormation, "AWS::S3::Bucket")->name, "Properties.BucketName");
  EXPECT_EQ(c.find(DocKind::Terraform, "aws_sqs_queue")->name, "");
  EXPECT_EQ(c.find(DocKind::Terraform, "aws_instance"), nullptr);
}

TEST(ProviderCatalogue, MalformedCataloguesAreRefusedWithTheirLine) {
  EXPECT_EQ(parse_error("terraform:\n  - {type: b, provider: aws}\n  - {type: a, provider: aws}\n"),
            "c.yaml:3:5: a is out of order or listed twice: types are sorted within a format");
  EXPECT_EQ(parse_error("terraform:\n  - {type: a, provider: aws}\n  - {type: a, provider: aws}\n"),
            "c.yaml:3:5: a is out of order or listed twice: types are sorted within a format");
  EXPECT_EQ(parse_error("terraform:\n  - {type: a}\n"),
            "c.yaml:2:5: a needs its provider (aws, azurerm or google)");
  EXPECT_EQ(parse_error("terraform:\n  - {type: a, provider: oci}\n"),
            "c.yaml:2:15: unexpected field or value 'provider'");
  EXPECT_EQ(parse_error("kubernetes:\n  - {type: Pod, data: yes please}\n"),
            "c.yaml:2:17: unexpected field or value 'data'");
  EXPECT_EQ(parse_error("helm:\n  - {type: x}\n"), "c.yaml:1:1: unknown format 'helm'");
  EXPECT_EQ(parse_error("kubernetes:\n  - {data: true}\n"), "c.yaml:2:5: an entry needs its type");
  EXPECT_EQ(parse_error("kubernetes: {type: Pod}\n"), "c.yaml:1:13: a format holds a list of resource types");
  EXPECT_EQ(parse_error("kubernetes:\n  - {type: PersistentVolumeClaim, data: true}\n"), "");
}

}  // namespace
}  // namespace clause::catalogue
