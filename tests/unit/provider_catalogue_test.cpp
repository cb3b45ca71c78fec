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

TEST(ProviderCatalogue, DataStoreAliasesExpandToTheDataBearingTypes) {
  ProviderCatalogue c = ProviderCatalogue::parse(
      "terraform:\n  - {type: aws_kms_key, provider: aws}\n  - {type: aws_s3_bucket, provider: aws, data: "
      "true}\n"
      "  - {type: google_storage_bucket, provider: google, data: true}\n"
      "kubernetes:\n  - {type: StatefulSet, data: true}\n",
      "c.yaml");
  EXPECT_EQ(c.expand_alias(DocKind::Terraform, "@data-stores"),
            (std::vector<std::string>{"aws_s3_bucket", "google_storage_bucket"}));
  EXPECT_EQ(c.expand_alias(DocKind::TerraformPlan, "@data-stores/aws"),
            std::vector<std::string>{"aws_s3_bucket"});
  EXPECT_EQ(c.expand_alias(DocKind::Kubernetes, "@data-stores"), std::vector<std::string>{"StatefulSet"});
  auto error = [&](DocKind format, std::string_view alias) -> std::string {
    try {
      c.expand_alias(format, alias);
    } catch (const std::invalid_argument &e) {
      return e.what();
    }
    return "";
  };
  // No data store of that provider, no such provider, no provider part outside Terraform.
  EXPECT_EQ(error(DocKind::Terraform, "@data-stores/azurerm"),
            "unknown alias '@data-stores/azurerm' for terraform: the catalogue names \"@data-stores\" and "
            "\"@data-stores/<provider>\" (aws, azurerm, google)");
  EXPECT_NE(error(DocKind::Terraform, "@data-stores/"), "");
  EXPECT_NE(error(DocKind::Terraform, "@data-storesX"), "");
  EXPECT_EQ(error(DocKind::Kubernetes, "@data-stores/aws"),
            "unknown alias '@data-stores/aws' for kubernetes: the catalogue names \"@data-stores\"");
  // A format with no data store in this catalogue.
  EXPECT_NE(error(DocKind::CloudFormation, "@data-stores"), "");
  EXPECT_NE(error(DocKind::Agreement, "@data-stores"), "");
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
