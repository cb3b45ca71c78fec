// scripts/new-rule, run into a temporary tree holding only the scripts it
// needs: each kind writes every file a rule needs, in the shapes the
// fixture test and the doc tests expect, and its rule file loads with the
// built-in loader. A declarative rule's fixtures then pass the fixture test's
// check (findings exactly on the annotated lines); a native check's draft
// compiles against the tree's headers (it is not linked in: its rule file
// loads but for the missing registration).
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <tuple>

#include "checker/engine/rule_loader.h"
#include "checker/engine/rule_set.h"
#include "checker/scan/scanner.h"
#include "checker/workflow/rule_page.h"

namespace clause {
namespace {

namespace fs = std::filesystem;

const fs::path kSource = CLAUSE_SOURCE_DIR;

std::string slurp(const fs::path &path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class NewRuleScaffold : public ::testing::Test {
 protected:
  void SetUp() override {
    tree_ = fs::temp_directory_path() /
            ("clause-new-rule-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(tree_);
    fs::create_directories(tree_ / "scripts");
    for (const char *script : {"new-rule", "rule-type-tables"})
      fs::copy_file(kSource / "scripts" / script, tree_ / "scripts" / script);
  }
  void TearDown() override { fs::remove_all(tree_); }

  int scaffold(const std::string &args) {
    const std::string cmd = "/usr/bin/python3 '" + (tree_ / "scripts" / "new-rule").string() + "' " + args +
                            " >'" + (tree_ / "out.txt").string() + "' 2>&1";
    return std::system(cmd.c_str());
  }

  // The files every kind writes, with the shapes the fixture test and the
  // doc tests need.
  void expect_common_files(const std::string &id, const std::string &name, const std::string &reads) {
    const std::string fail = slurp(tree_ / "fixtures/rules" / id / "fail/main.tf");
    EXPECT_NE(fail.find("  # expect: " + id + "\n"), std::string::npos) << fail;
    const std::string pass = slurp(tree_ / "fixtures/rules" / id / "pass/main.tf");
    EXPECT_FALSE(pass.empty());
    EXPECT_EQ(pass.find("expect:"), std::string::npos) << pass;
    const std::string page = slurp(tree_ / "docs/rules" / (id + ".md"));
    EXPECT_TRUE(page.starts_with("# " + id + " " + name +
                                 "\n\n**Scenario:** 5.1 Context for service "
                                 "management of cloud services · **Severity:** medium · **Profile:** "
                                 "recommended · **Reads:** " +
                                 reads))
        << page;
    for (const char *section :
         {"## What it checks", "## Why it matters for ISO/IEC 20000-9", "## Failing example",
          "## Passing example", "## How to fix", "## How to suppress",
          "## Resource types read\n\n| Format | Types |\n|---|---|\n| Terraform (AWS) | "
          "`aws_s3_bucket` |\n"})
      EXPECT_NE(page.find(section), std::string::npos) << section;
    EXPECT_EQ(page.find("expect:"), std::string::npos) << "the page shows the fixture without its annotation";
  }

  std::vector<Rule> load(const std::string &rel) {
    return load_rules_from_text(slurp(tree_ / rel), rel, RuleIds::BuiltIn);
  }

  // Everything in the rule file is valid but for the check, which only a
  // build of that tree registers.
  void expect_complete_but_for_its_check(const std::string &id) {
    try {
      load("rules/5.1/" + id + ".yaml");
      ADD_FAILURE() << id << " loaded without its native check";
    } catch (const RulePackError &e) {
      EXPECT_TRUE(std::string(e.what()).ends_with("no native check is registered for " + id)) << e.what();
    }
  }

  // The draft check compiles against the tree's headers.
  void expect_compiles(const std::string &rel) {
    const std::string cmd = std::string(CLAUSE_CXX_COMPILER) +
                            " -std=c++20 -fsyntax-only -Wall -Wextra -Werror -I'" + kSource.string() + "' '" +
                            (tree_ / rel).string() + "' >'" + (tree_ / "cxx.txt").string() + "' 2>&1";
    EXPECT_EQ(std::system(cmd.c_str()), 0) << slurp(tree_ / "cxx.txt");
  }

  fs::path tree_;
};

TEST_F(NewRuleScaffold, YamlRuleLoadsAndPassesItsFixtures) {
  ASSERT_EQ(scaffold("CL-0198 --kind yaml --name ctx.draft-declarative --attribute versioning"), 0)
      << slurp(tree_ / "out.txt");
  expect_common_files("CL-0198", "ctx.draft-declarative", "Terraform\n");
  std::vector<Rule> loaded = load("rules/5.1/CL-0198.yaml");
  ASSERT_EQ(loaded.size(), 1u);
  const RuleInfo &info = loaded[0].info;
  EXPECT_EQ(info.name, "ctx.draft-declarative");
  EXPECT_EQ(info.scenario, "5.1");
  EXPECT_EQ(info.profiles, std::vector<std::string>{"recommended"});
  EXPECT_FALSE(info.severity_rationale.empty());
  EXPECT_FALSE(info.peer_note.empty());
  EXPECT_FALSE(loaded[0].native);
  // The drafted page header is the one generated from the rule file.
  EXPECT_TRUE(slurp(tree_ / "docs/rules/CL-0198.md").starts_with(rule_page_header(info)))
      << rule_page_header(info);

  RuleSet rules;
  rules.add(std::move(loaded));
  for (const char *kase : {"fail", "pass"}) {
    ScanOptions opts;
    opts.roots = {(tree_ / "fixtures/rules/CL-0198" / kase).string()};
    const Report report = run_scan(rules, opts);
    std::set<std::tuple<std::string, uint32_t, std::string>> found;
    for (const Finding &f : report.roots.at(0).findings)
      found.emplace(f.location.path, f.location.span.start_line, f.rule_id);
    EXPECT_TRUE(report.roots.at(0).diagnostics.empty()) << kase;
    if (std::string(kase) == "fail") {
      EXPECT_EQ(found, (std::set<std::tuple<std::string, uint32_t, std::string>>{{"main.tf", 1, "CL-0198"}}));
    } else {
      EXPECT_TRUE(found.empty());
    }
  }
}

TEST_F(NewRuleScaffold, NativeRuleNamesItsRegisteredDraftCheck) {
  ASSERT_EQ(scaffold("CL-0197 --kind native --name ctx.draft-native"), 0) << slurp(tree_ / "out.txt");
  expect_common_files("CL-0197", "ctx.draft-native", "Terraform\n");
  const std::string check = "checker/rules/infrastructure/ctx_draft_native.cpp";
  EXPECT_NE(slurp(tree_ / "rules/5.1/CL-0197.yaml").find("check: native   # " + check + "\n"),
            std::string::npos);
  EXPECT_NE(
      slurp(tree_ / check).find("const NativeCheckRegistrar kRegistration(\"CL-0197\", &ctx_draft_native);"),
      std::string::npos);
  expect_complete_but_for_its_check("CL-0197");
  expect_compiles(check);
}

TEST_F(NewRuleScaffold, CrossdocRuleReadsAnAgreementToo) {
  ASSERT_EQ(scaffold("CL-0196 --kind crossdoc"), 0) << slurp(tree_ / "out.txt");
  expect_common_files("CL-0196", "draft.cl-0196", "agreement, Terraform · **Kind:** cross-document\n");
  for (const char *kase : {"fail", "pass"})
    EXPECT_TRUE(slurp(tree_ / "fixtures/rules/CL-0196" / kase / "agreement.yaml")
                    .starts_with("apiVersion: clause/v1alpha1\nkind: CloudServiceAgreement\n"));
  const std::string check = "checker/rules/crossdoc/draft_cl_0196.cpp";
  const std::string yaml = slurp(tree_ / "rules/5.1/CL-0196.yaml");
  EXPECT_NE(yaml.find("kind: cross-document\n"), std::string::npos);
  EXPECT_NE(yaml.find("check: native   # " + check + "\n"), std::string::npos);
  expect_complete_but_for_its_check("CL-0196");
  expect_compiles(check);
}

TEST_F(NewRuleScaffold, RefusesABadIdAndNeverOverwrites) {
  EXPECT_NE(scaffold("CL-1699 --kind yaml"), 0);
  EXPECT_NE(slurp(tree_ / "out.txt").find("a built-in rule id is CL-<scenario 01-15><sequence>"),
            std::string::npos);
  ASSERT_EQ(scaffold("CL-0198 --kind yaml"), 0) << slurp(tree_ / "out.txt");
  EXPECT_NE(scaffold("CL-0198 --kind yaml"), 0);
  EXPECT_NE(slurp(tree_ / "out.txt").find("already there, not overwritten: rules/5.1/CL-0198.yaml"),
            std::string::npos);
}

}  // namespace
}  // namespace clause
