// The cross-document resource index: effective locations, tags, data-bearing
// resources, references; and the agreement binding built on it.
#include <gtest/gtest.h>

#include "checker/crossdoc/binding.h"
#include "checker/crossdoc/copies.h"
#include "checker/crossdoc/resource_index.h"
#include "crossdoc_test_util.h"

namespace clause::crossdoc {
namespace {

using crossdoc_test::Repo;

const IndexedResource &get(const ResourceIndex &index, const std::string &address) {
  for (const auto &r : index.resources())
    if (r.address() == address) return r;
  throw std::runtime_error("no resource " + address);
}

TEST(ResourceIndex, AwsLocationComesFromTheResourceOrItsProviderAlias) {
  Repo repo({{"main.tf", R"(variable "region" {
  default = "eu-central-1"
}
provider "aws" {
  region = var.region
}
provider "aws" {
  alias  = "london"
  region = "eu-west-2"
}
resource "aws_s3_bucket" "a" {}
resource "aws_s3_bucket" "b" {
  provider = aws.london
}
resource "aws_s3_bucket" "c" {
  region = "us-east-1"
}
resource "aws_s3_bucket" "d" {
  provider = aws.missing
}
)"}});
  Project p = repo.load();
  ResourceIndex index(p);
  const auto &a = get(index, "aws_s3_bucket.a").location;
  EXPECT_TRUE(a.known());
  EXPECT_EQ(a.region, "eu-central-1");
  EXPECT_EQ(a.span.start_line, 5u);  // where the provider uses var.region
  EXPECT_EQ(a.via, "provider aws (var.region = \"eu-central-1\")");
  const auto &b = get(index, "aws_s3_bucket.b").location;
  EXPECT_EQ(b.region, "eu-west-2");
  EXPECT_EQ(b.span.start_line, 9u);
  EXPECT_EQ(*b.countries(), std::vector<std::string>{"GB"});
  const auto &c = get(index, "aws_s3_bucket.c").location;
  EXPECT_EQ(c.region, "us-east-1");
  EXPECT_EQ(c.via, "its region argument");
  EXPECT_EQ(c.span.start_line, 16u);
  const auto &d = get(index, "aws_s3_bucket.d").location;
  EXPECT_TRUE(d.unknown());
  EXPECT_NE(d.blocked_by.find("no provider \"aws.missing\" configuration"), std::string::npos)
      << d.blocked_by;
}

TEST(ResourceIndex, TfvarsOverrideDefaultsAndUnsetVariablesStayUnknown) {
  Repo repo({{"main.tf",
              "variable \"region\" {\n  default = \"eu-central-1\"\n}\nvariable \"zone\" {}\n"
              "provider \"aws\" {\n  region = var.region\n}\n"
              "provider \"google\" {\n  region = var.zone\n}\n"
              "resource \"aws_s3_bucket\" \"a\" {}\n"
              "resource \"google_compute_disk\" \"d\" {}\n"},
             {"terraform.tfvars", "region = \"eu-north-1\"\n"}});
  Project p = repo.load();
  ResourceIndex index(p);
  EXPECT_EQ(get(index, "aws_s3_bucket.a").location.region, "eu-north-1");
  const auto &d = get(index, "google_compute_disk.d").location;
  EXPECT_TRUE(d.unknown());
  EXPECT_EQ(d.blocked_by, "var.zone");
}

TEST(ResourceIndex, ModulesInheritTheCallersProvider) {
  Repo repo({{"main.tf",
              "provider \"aws\" {\n  region = \"eu-west-3\"\n}\n"
              "provider \"aws\" {\n  alias  = \"dr\"\n  region = \"eu-north-1\"\n}\n"
              "module \"db\" {\n  source = \"./modules/db\"\n}\n"
              "module \"dr\" {\n  source    = \"./modules/dr\"\n  providers = { aws = aws.dr }\n}\n"},
             {"modules/db/main.tf", "resource \"aws_db_instance\" \"this\" {}\n"},
             {"modules/dr/main.tf", "resource \"aws_s3_bucket\" \"this\" {}\n"}});
  Project p = repo.load();
  ResourceIndex index(p);
  bool db = false, dr = false;
  for (const auto &r : index.resources()) {
    if (r.resource->document->path == "modules/db/main.tf") {
      db = true;
      EXPECT_EQ(r.location.region, "eu-west-3");
      EXPECT_EQ(r.location.doc->path, "main.tf");
    }
    if (r.resource->document->path == "modules/dr/main.tf") {
      dr = true;
      EXPECT_EQ(r.location.region, "eu-north-1");
    }
  }
  EXPECT_TRUE(db && dr);
}

TEST(ResourceIndex, AzureLocationFollowsTheResourceGroupAndGoogleUsesItsOwn) {
  Repo repo({{"main.tf", R"(resource "azurerm_resource_group" "rg" {
  name     = "ledger"
  location = "West Europe"
}
resource "azurerm_storage_account" "sa" {
  location = azurerm_resource_group.rg.location
}
resource "azurerm_mssql_server" "sql" {
  location = "northeurope"
}
resource "azurerm_mssql_database" "db" {
  server_id = azurerm_mssql_server.sql.id
}
resource "google_storage_bucket" "b" {
  location = "EU"
}
)"}});
  Project p = repo.load();
  ResourceIndex index(p);
  const auto &sa = get(index, "azurerm_storage_account.sa");
  EXPECT_EQ(sa.location.region, "West Europe");
  EXPECT_EQ(sa.location.via, "the location of azurerm_resource_group.rg");
  EXPECT_TRUE(sa.data_bearing);
  EXPECT_EQ(get(index, "azurerm_mssql_database.db").location.region, "northeurope");
  const auto &b = get(index, "google_storage_bucket.b");
  EXPECT_EQ(b.location.region, "EU");
  EXPECT_EQ(b.location.countries()->size(), 27u);
}

TEST(ResourceIndex, CloudFormationAndKubernetesTakeTheDeploymentTable) {
  Repo repo({{"stack.yaml",
              "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  Data:\n    Type: AWS::S3::Bucket\n"
              "    Properties:\n      Tags:\n        - { Key: service, Value: ledger-api }\n"},
             {"app.yaml",
              "apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\n"
              "  labels: { app.kubernetes.io/part-of: ledger-api }\n"}});
  {
    Project p = repo.load({{"stack.yaml", "eu-central-1"}});
    ResourceIndex index(p);
    const auto &data = get(index, "Data");
    EXPECT_TRUE(data.location.known());
    EXPECT_EQ(data.location.region, "eu-central-1");
    EXPECT_EQ(data.tags.value("service"), "ledger-api");
    const auto &pvc = get(index, "PersistentVolumeClaim/default/data");
    EXPECT_TRUE(pvc.location.unknown());
    EXPECT_NE(pvc.location.blocked_by.find("locations:"), std::string::npos);
    EXPECT_TRUE(pvc.data_bearing);
    EXPECT_EQ(pvc.tags.value("app.kubernetes.io/part-of"), "ledger-api");
  }
  Project p = repo.load();
  ResourceIndex index(p);
  EXPECT_TRUE(get(index, "Data").location.unknown());
}

TEST(ResourceIndex, PlanResourcesTakeTheProviderConfiguration) {
  Repo repo({{"plan.json", R"({
  "format_version": "1.2",
  "planned_values": { "root_module": { "resources": [
    { "address": "aws_s3_bucket.b", "mode": "managed", "type": "aws_s3_bucket", "name": "b", "values": {} }
  ] } },
  "configuration": {
    "provider_config": { "aws.west": { "name": "aws", "expressions": { "region": { "constant_value": "us-west-2" } } } },
    "root_module": { "resources": [ { "address": "aws_s3_bucket.b", "provider_config_key": "aws.west" } ] }
  }
})"}});
  Project p = repo.load();
  ResourceIndex index(p);
  const auto &b = get(index, "aws_s3_bucket.b");
  EXPECT_EQ(b.location.region, "us-west-2");
  EXPECT_EQ(b.location.span.start_line, 7u);
}

TEST(ResourceIndex, ReferencesResolveByAddressNameAndArn) {
  Repo repo({{"main.tf", R"(resource "aws_s3_bucket" "src" {
  bucket = "ledger-src"
}
resource "aws_s3_bucket" "dst" {
  bucket = "ledger-dst"
}
resource "aws_s3_bucket_versioning" "v1" {
  bucket = aws_s3_bucket.src.id
}
resource "aws_s3_bucket_versioning" "v2" {
  bucket = "ledger-dst"
}
resource "aws_s3_bucket_replication_configuration" "r" {
  bucket = aws_s3_bucket.src.id
  rule {
    destination {
      bucket = "arn:aws:s3:::ledger-dst"
    }
  }
}
)"}});
  Project p = repo.load();
  ResourceIndex index(p);
  auto v1 = index.referrers(get(index, "aws_s3_bucket.src"), "aws_s3_bucket_versioning", "bucket");
  ASSERT_EQ(v1.size(), 1u);
  EXPECT_EQ(v1[0]->address(), "aws_s3_bucket_versioning.v1");
  auto v2 = index.referrers(get(index, "aws_s3_bucket.dst"), "aws_s3_bucket_versioning", "bucket");
  ASSERT_EQ(v2.size(), 1u);
  EXPECT_EQ(v2[0]->address(), "aws_s3_bucket_versioning.v2");
  auto copies = data_copies(index);
  ASSERT_EQ(copies.size(), 1u);
  EXPECT_EQ(copies[0].source->address(), "aws_s3_bucket.src");
  EXPECT_EQ(copies[0].destination_name, "aws_s3_bucket.dst");
  EXPECT_EQ(copies[0].span.start_line, 17u);
}

TEST(Binding, SelectorsBindByTagsLabelsAndModulesAndTheRestGoesToTheUnselectedService) {
  Repo repo({{"agreement.yaml", R"(apiVersion: clause/v1alpha1
kind: CloudServiceAgreement
metadata: { id: a }
services:
  - id: api
    infraSelector:
      tags: { service: api }
      k8sLabels: { app.kubernetes.io/part-of: api }
  - id: batch
    infraSelector:
      modules: [module.batch]
  - id: shared
)"},
             {"main.tf",
              "variable \"tags\" {}\n"
              "resource \"aws_s3_bucket\" \"api\" {\n  tags = { service = \"api\" }\n}\n"
              "resource \"aws_s3_bucket\" \"other\" {\n  tags = { service = \"other\" }\n}\n"
              "resource \"aws_s3_bucket\" \"hidden\" {\n  tags = var.tags\n}\n"},
             {"app.yaml",
              "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n"
              "  labels: { app.kubernetes.io/part-of: api }\n"}});
  Project p = repo.load();
  const ResourceIndex &index = resource_index(p);
  auto agreements_ = agreements(p);
  ASSERT_EQ(agreements_.size(), 1u);
  Binding binding(agreements_[0], index);
  EXPECT_TRUE(binding.in_service("api", get(index, "aws_s3_bucket.api")).yes());
  EXPECT_TRUE(binding.in_service("api", get(index, "Deployment/default/api")).yes());
  EXPECT_TRUE(binding.in_service("api", get(index, "aws_s3_bucket.other")).no());
  EXPECT_TRUE(binding.in_service("shared", get(index, "aws_s3_bucket.other")).yes());
  EXPECT_TRUE(binding.in_service("shared", get(index, "aws_s3_bucket.api")).no());
  EXPECT_TRUE(binding.in_scope(get(index, "aws_s3_bucket.other")).yes());
  Membership hidden = binding.in_service("api", get(index, "aws_s3_bucket.hidden"));
  EXPECT_TRUE(hidden.unknown());
  EXPECT_EQ(hidden.blocked_by, "var.tags");
  // The same index object is returned for the project every time.
  EXPECT_EQ(&resource_index(p), &index);
}

TEST(Binding, OwnTagsDecideWhenProviderDefaultTagsAreUnknown) {
  // Without a provider block here, default tags come from outside: only the
  // resource's own tags are known.
  Repo repo({{"agreement.yaml",
              "apiVersion: clause/v1alpha1\nkind: CloudServiceAgreement\nservices:\n"
              "  - id: api\n    infraSelector:\n      tags: { service: api }\n"},
             {"main.tf",
              "resource \"aws_s3_bucket\" \"own\" {\n  tags = { service = \"api\" }\n}\n"
              "resource \"aws_s3_bucket\" \"none\" {}\n"}});
  Project p = repo.load();
  const ResourceIndex &index = resource_index(p);
  auto list = agreements(p);
  Binding binding(list[0], index);
  EXPECT_TRUE(binding.in_scope(get(index, "aws_s3_bucket.own")).yes());
  EXPECT_TRUE(binding.in_scope(get(index, "aws_s3_bucket.none")).unknown());
}

}  // namespace
}  // namespace clause::crossdoc
