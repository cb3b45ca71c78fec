// The generic rule test: every rule runs on its fixtures in
// fixtures/rules/<ID>/. Each subdirectory named pass* or fail* is a scan root
// of its own. Lines that must be reported carry an annotation
// `expect: CL-xxxx` (comma-separated for several) in a comment; JSON files,
// which have no comments, list `LINE RULE-ID` pairs in `<file>.expect`. A
// case's own .clause.yaml supplies its `locations:` tables and its `units:`.
// A pass* case must give no finding at all; a fail* case exactly the
// annotated ones, by file, line and rule id.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <tuple>

#include <re2/re2.h>

#include "checker/engine/rule_set.h"
#include "checker/scan/scanner.h"
#include "checker/workflow/config.h"

namespace clause {
namespace {

namespace fs = std::filesystem;
using Expectation = std::tuple<std::string, uint32_t, std::string>;  // file, line, rule

const fs::path kFixtures = fs::path(CLAUSE_SOURCE_DIR) / "fixtures" / "rules";

std::set<Expectation> read_expectations(const fs::path &root) {
  std::set<Expectation> out;
  static const RE2 kExpect("expect:\\s*((?:CL-\\d{4}\\s*,?\\s*)+)");
  for (const auto &entry : fs::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file()) continue;
    std::string rel = fs::relative(entry.path(), root).generic_string();
    std::ifstream in(entry.path());
    std::string line;
    if (entry.path().extension() == ".expect") {
      std::string target = rel.substr(0, rel.size() - std::string(".expect").size());
      uint32_t n;
      std::string id;
      while (in >> n >> id) out.emplace(target, n, id);
      continue;
    }
    uint32_t n = 0;
    while (std::getline(in, line)) {
      ++n;
      std::string ids;
      if (!RE2::PartialMatch(line, kExpect, &ids)) continue;
      std::stringstream ss(ids);
      std::string id;
      while (std::getline(ss, id, ',')) {
        id.erase(0, id.find_first_not_of(" \t"));
        id.erase(id.find_last_not_of(" \t") + 1);
        if (!id.empty()) out.emplace(rel, n, id);
      }
    }
  }
  return out;
}

std::vector<std::string> builtin_rule_ids() {
  std::vector<std::string> ids;
  RuleSet rules = RuleSet::builtin();
  for (const auto &r : rules.rules()) ids.push_back(r.info.id);
  return ids;
}

class RuleFixtures : public ::testing::TestWithParam<std::string> {};

TEST_P(RuleFixtures, ReportsExactlyTheAnnotatedLines) {
  const std::string id = GetParam();
  RuleSet rules = RuleSet::builtin();
  rules.filter([&](const Rule &r) { return r.info.id == id; });
  ASSERT_EQ(rules.rules().size(), 1u);
  EXPECT_FALSE(rules.rules()[0].info.help_markdown.empty()) << "docs/rules/" << id << ".md is missing";

  fs::path dir = kFixtures / id;
  ASSERT_TRUE(fs::is_directory(dir)) << dir << " is missing";
  int passes = 0, fails = 0;
  // Formats seen in pass* and fail* cases: each format the rule reads needs
  // both (a plan JSON counts as Terraform).
  std::set<std::string> pass_formats, fail_formats;
  std::vector<fs::path> cases;
  for (const auto &entry : fs::directory_iterator(dir))
    if (entry.is_directory()) cases.push_back(entry.path());
  std::sort(cases.begin(), cases.end());
  for (const auto &c : cases) {
    std::string name = c.filename().string();
    bool is_pass = name.rfind("pass", 0) == 0;
    bool is_fail = name.rfind("fail", 0) == 0;
    if (!is_pass && !is_fail) continue;
    (is_pass ? passes : fails)++;
    ScanOptions opts;
    opts.roots = {c.string()};
    // A case may place CloudFormation stacks and Kubernetes clusters with
    // the `locations:` tables of its own .clause.yaml.
    if (fs::exists(c / kConfigFileName)) {
      auto config = std::make_shared<Config>(load_config((c / kConfigFileName).string()));
      opts.deployment_region = [config](DocKind kind, const std::string &abs) {
        return config->region_for(kind, abs);
      };
      opts.declared_unit = [config](const std::string &abs) { return config->declared_unit(abs); };
    }
    Report report = run_scan(rules, opts);
    std::set<Expectation> actual;
    for (const auto &f : report.roots.at(0).findings)
      actual.emplace(f.location.path, f.location.span.start_line, f.rule_id);
    for (const auto &d : report.roots.at(0).diagnostics)
      ADD_FAILURE() << name << "/" << d.path << ":" << d.diagnostic.span.start_line
                    << ": unexpected diagnostic " << d.diagnostic.message;
    for (const auto &[kind, n] : report.roots.at(0).files_by_kind) {
      if (n == 0) continue;
      std::string fmt = kind == "terraform-plan" ? "terraform" : kind;
      (is_pass ? pass_formats : fail_formats).insert(fmt);
    }
    std::set<Expectation> expected = read_expectations(c);
    if (is_pass) {
      EXPECT_TRUE(expected.empty()) << name << " is a pass case but has expect: annotations";
    } else {
      EXPECT_FALSE(expected.empty()) << name << " is a fail case without expect: annotations";
    }
    for (const auto &e : expected)
      if (!actual.count(e))
        ADD_FAILURE() << id << "/" << name << "/" << std::get<0>(e) << ":" << std::get<1>(e) << ": expected "
                      << std::get<2>(e) << ", not reported";
    for (const auto &a : actual)
      if (!expected.count(a))
        ADD_FAILURE() << id << "/" << name << "/" << std::get<0>(a) << ":" << std::get<1>(a)
                      << ": unexpected " << std::get<2>(a);
  }
  for (const auto &fmt : rules.rules()[0].info.formats) {
    EXPECT_TRUE(pass_formats.count(fmt)) << id << " reads " << fmt << " but no pass* fixture has such a file";
    EXPECT_TRUE(fail_formats.count(fmt)) << id << " reads " << fmt << " but no fail* fixture has such a file";
  }
  EXPECT_GE(passes, 1) << id << " needs at least one pass* fixture";
  EXPECT_GE(fails, 1) << id << " needs at least one fail* fixture";
}

INSTANTIATE_TEST_SUITE_P(Builtin, RuleFixtures, ::testing::ValuesIn(builtin_rule_ids()),
                         [](const ::testing::TestParamInfo<std::string> &info) {
                           std::string n = info.param;
                           for (auto &ch : n)
                             if (ch == '-') ch = '_';
                           return n;
                         });

}  // namespace
}  // namespace clause
