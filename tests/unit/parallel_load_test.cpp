// Discovery's walk and the loader's per-document resources run on several
// threads (docs/performance.md, "-j2 against -j1"): what they find, and the
// order the project holds it in, must not depend on the thread count.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "checker/discovery/discover.h"
#include "checker/project/loader.h"
#include "tests/unit/cli_run.h"

namespace clause {
namespace {

namespace fs = std::filesystem;
using testing::TempTree;

std::vector<std::string> rel_paths(const Discovery &d) {
  std::vector<std::string> out;
  for (const SourceFile &f : d.files) out.push_back(f.rel_path);
  return out;
}

std::vector<std::string> notes(const Discovery &d) {
  std::vector<std::string> out;
  for (const FileDiagnostic &n : d.diagnostics) out.push_back(n.path + " [" + n.diagnostic.code + "]");
  return out;
}

TEST(ParallelDiscovery, SameFilesNotesAndCountsForAnyJobCount) {
  TempTree t;
  const std::vector<std::pair<std::string, std::string>> files = {
      {"main.tf", "locals {}\n"},        {"README.md", "not an input\n"},
      {"a/one.tf", "locals {}\n"},       {"a/deep/er/two.yaml", "a: 1\n"},
      {"b/three.json", "{}\n"},          {"b/big.yaml", std::string(200, '#') + "\n"},
      {"b/notes.txt", "not an input\n"}, {"c/node_modules/hidden.tf", "locals {}\n"},
      {"c/d/four.tfvars", "x = 1\n"}};
  for (const auto &[rel, content] : files) t.write(rel, content);
  fs::create_symlink("loop.tf", t / "a/deep/loop.tf");
  fs::create_symlink("../../main.tf", t / "c/d/alias.tf");
  fs::create_directory_symlink("/", t / "b/outside");
  DiscoveryOptions opts;
  opts.max_file_size = 100;
  const Discovery one = discover(t.path(), opts);
  EXPECT_EQ(rel_paths(one), (std::vector<std::string>{"a/deep/er/two.yaml", "a/one.tf", "b/three.json",
                                                      "c/d/alias.tf", "c/d/four.tfvars", "main.tf"}));
  EXPECT_EQ(notes(one),
            (std::vector<std::string>{"a/deep/loop.tf [symlink-loop]", "b/big.yaml [skipped-size]",
                                      "b/outside [symlink-outside]"}));
  EXPECT_EQ(one.ignored, 2u);
  for (unsigned jobs : {2u, 3u, 8u}) {
    opts.jobs = jobs;
    const Discovery many = discover(t.path(), opts);
    EXPECT_EQ(many.root_abs, one.root_abs) << jobs;
    EXPECT_EQ(rel_paths(many), rel_paths(one)) << jobs;
    EXPECT_EQ(notes(many), notes(one)) << jobs;
    EXPECT_EQ(many.ignored, one.ignored) << jobs;
    for (size_t i = 0; i < std::min(many.files.size(), one.files.size()); ++i)
      EXPECT_EQ(std::tie(many.files[i].abs_path, many.files[i].size, many.files[i].syntax),
                std::tie(one.files[i].abs_path, one.files[i].size, one.files[i].syntax));
  }
}

TEST(ParallelDiscovery, UnreadableRootIsAnErrorForAnyJobCount) {
  DiscoveryOptions opts;
  opts.jobs = 2;
  EXPECT_THROW(discover("/nonexistent/clause-root", opts), std::runtime_error);
}

// Resources of CloudFormation templates, Kubernetes manifests and agreements
// are built by the parse workers; the project lists them in file order,
// without the manifests a kustomization renders, whatever the job count.
TEST(ParallelLoad, OwnResourcesInFileOrderForAnyJobCount) {
  TempTree t;
  for (const char *rel : {"base/deployment.yaml", "base/kustomization.yaml", "overlays/scaled/scale.yaml",
                          "overlays/scaled/kustomization.yaml"}) {
    std::ifstream in(testing::src(std::string("fixtures/kustomize/overlays/") + rel));
    t.write(std::string("k/") + rel, std::string(std::istreambuf_iterator<char>(in), {}));
  }
  std::ifstream cfn(testing::src("fixtures/rules/CL-0903/fail-cfn/template.yaml"));
  t.write("a/template.yaml", std::string(std::istreambuf_iterator<char>(cfn), {}));
  std::ifstream agreement(testing::src("fixtures/agreements/complete.yaml"));
  t.write("b/agreement.yaml", std::string(std::istreambuf_iterator<char>(agreement), {}));
  t.write("c/service.yaml",
          "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports: [{port: 80}]\n");
  auto addresses = [&](unsigned jobs) {
    LoadOptions lo;
    lo.jobs = jobs;
    const Project p = load_project(discover(t.path(), {}), lo);
    std::vector<std::string> out;
    for (const Resource &r : p.resources) out.push_back(r.document->path + " " + r.address);
    return out;
  };
  const std::vector<std::string> one = addresses(1);
  ASSERT_EQ(one.size(), 5u);
  EXPECT_EQ(one[0], "a/template.yaml Reports");
  EXPECT_EQ(one[1], "a/template.yaml Warehouse");
  EXPECT_EQ(one[2].rfind("b/agreement.yaml agreement ", 0), 0u) << one[2];
  EXPECT_EQ(one[3], "c/service.yaml Service/default/web");
  EXPECT_EQ(one[4].rfind("k/base/deployment.yaml ", 0), 0u) << one[4];  // rendered by the overlay
  for (unsigned jobs : {2u, 4u}) EXPECT_EQ(addresses(jobs), one) << jobs;
}

}  // namespace
}  // namespace clause
