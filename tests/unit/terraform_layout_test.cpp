// The Terraform layout the account-level checks read (provider blocks,
// local and remote module calls): worked out once per project and shared.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "checker/rules/infrastructure/infra_support.h"
#include "terraform_test_util.h"

namespace clause {
namespace {

using testing_support::TerraformFiles;

Project layout_project() {
  TerraformFiles files;
  files.add("live/main.tf", R"(
provider "aws" {
  region = "eu-west-1"
}
provider "aws" {
  alias  = "west"
  region = "us-west-2"
}
module "net" {
  source = "../modules/net"
}
module "vpc" {
  source = "terraform-aws-modules/vpc/aws"
}
module "later" {
  source = "git::https://example.com/m.git"
}
)");
  files.add("modules/net/main.tf", R"(
provider "google" {}
module "sub" {
  source = "./sub"
}
)");
  files.add("modules/net/sub/main.tf", R"(
resource "aws_s3_bucket" "b" {}
)");
  Project p;
  for (auto &d : files.docs) p.documents.push_back(std::move(d));
  std::sort(p.documents.begin(), p.documents.end(),
            [](const DocumentPtr &a, const DocumentPtr &b) { return a->path < b->path; });
  return p;
}

TEST(TerraformLayout, ProvidersAndModuleCallsOfTheScanRoot) {
  const Project p = layout_project();
  const infra::TerraformLayout &layout = infra::terraform_layout(p);
  ASSERT_EQ(layout.providers.size(), 3u);
  EXPECT_EQ(layout.providers[0].name, "aws");
  EXPECT_EQ(layout.providers[0].alias, "");
  EXPECT_EQ(layout.providers[0].family, ProviderFamily::Aws);
  EXPECT_EQ(layout.providers[0].doc->path, "live/main.tf");
  EXPECT_EQ(layout.providers[1].alias, "west");
  EXPECT_EQ(layout.providers[1].block->header.start_line, 5u);
  EXPECT_EQ(layout.providers[2].name, "google");
  EXPECT_EQ(layout.providers[2].family, ProviderFamily::Google);
  const std::map<std::string, std::set<std::string>> local_calls = {{"live", {"modules/net"}},
                                                                    {"modules/net", {"modules/net/sub"}}};
  EXPECT_EQ(layout.local_calls, local_calls);
  EXPECT_EQ(layout.local_module_dirs, (std::set<std::string>{"modules/net", "modules/net/sub"}));
  // The first remote call of a directory names it.
  EXPECT_EQ(layout.remote_calls, (std::map<std::string, std::string>{{"live", "module.vpc"}}));
}

TEST(TerraformLayout, BuiltOnceAndSharedByEveryReader) {
  const Project p = layout_project();
  EXPECT_EQ(p.terraform_layout, nullptr);
  const infra::TerraformLayout &first = infra::terraform_layout(p);
  EXPECT_EQ(p.terraform_layout.get(), &first);
  EXPECT_EQ(&infra::terraform_layout(p), &first);
  EXPECT_EQ(&infra::provider_blocks(p), &first.providers);
  EXPECT_EQ(&infra::local_module_calls(p), &first.local_calls);
  EXPECT_EQ(&infra::local_module_directories(p), &first.local_module_dirs);
  EXPECT_EQ(&infra::remote_module_calls(p), &first.remote_calls);
}

TEST(TerraformLayout, NoTerraformNoLayout) {
  const Project p;
  const infra::TerraformLayout &layout = infra::terraform_layout(p);
  EXPECT_TRUE(layout.providers.empty());
  EXPECT_TRUE(layout.local_calls.empty());
  EXPECT_TRUE(layout.local_module_dirs.empty());
  EXPECT_TRUE(layout.remote_calls.empty());
}

}  // namespace
}  // namespace clause
