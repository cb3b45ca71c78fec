// The inputs fuzzing found problems with (tests/fuzz/regressions/<target>/),
// replayed through the fuzz targets' own entries (tests/fuzz/fuzz_entry.h)
// in the normal build, plus what each of them must produce now.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "tests/fuzz/fuzz_entry.h"

namespace {

namespace fs = std::filesystem;
using Entry = clause::fuzz::Result (*)(std::string_view);

const fs::path kRegressions = fs::path(CLAUSE_SOURCE_DIR) / "tests" / "fuzz" / "regressions";

const std::map<std::string, Entry> &targets() {
  static const std::map<std::string, Entry> map = {
      {"hcl", &clause::fuzz::hcl},   {"terraform", &clause::fuzz::terraform}, {"yaml", &clause::fuzz::yaml},
      {"json", &clause::fuzz::json}, {"agreement", &clause::fuzz::agreement}, {"rules", &clause::fuzz::rules},
      {"glob", &clause::fuzz::glob},
  };
  return map;
}

std::string read(const fs::path &path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string regression(const std::string &target, const std::string &name) {
  fs::path path = kRegressions / target / name;
  EXPECT_TRUE(fs::is_regular_file(path)) << path;
  return read(path);
}

std::vector<const clause::Finding *> findings_of(const clause::fuzz::Result &r, const std::string &rule) {
  std::vector<const clause::Finding *> out;
  for (const auto &f : r.findings)
    if (f.rule_id == rule) out.push_back(&f);
  return out;
}

// Every committed input, through its target: no crash, no exception, every
// span where its offsets are.
TEST(FuzzRegressions, EveryCommittedInputReplaysCleanly) {
  size_t replayed = 0;
  for (const auto &dir : fs::directory_iterator(kRegressions)) {
    auto target = targets().find(dir.path().filename().string());
    ASSERT_NE(target, targets().end()) << "no fuzz target named like " << dir.path();
    std::vector<fs::path> files;
    for (const auto &f : fs::directory_iterator(dir.path())) files.push_back(f.path());
    std::sort(files.begin(), files.end());
    for (const auto &f : files) {
      clause::fuzz::Result r = target->second(read(f));
      EXPECT_EQ(r.problem, "") << f;
      ++replayed;
    }
  }
  EXPECT_GT(replayed, 0u);
}

// A rule pack holding a stray flow indicator before invalid UTF-8: yaml-cpp's
// document loader returned empty documents at the same place forever (the
// fuzzer's timeout, memory growing without bound). Rule packs now go through
// our YAML parser, which stops at the first document that does not advance.
TEST(FuzzRegressions, RulePackWithStrayCommaFailsInsteadOfHanging) {
  clause::fuzz::Result r = clause::fuzz::rules(regression("rules", "stray-comma-invalid-utf8-hang.yaml"));
  EXPECT_EQ(r.rules, 0u);
  EXPECT_EQ(r.error, "fuzz.yaml:1:1: unexpected ','");
}

// Native checks that report an attribute from its key to the end of its
// value moved the end line and column but kept the key's end offset, so the
// span's offsets and its columns disagreed (CL-1104 here; CL-0906 and
// CL-1002 built theirs the same way).
TEST(FuzzRegressions, AttributeFindingSpanEndsWhereItsValueEnds) {
  const std::string text = regression("terraform", "attribute-span-offsets.tf");
  clause::fuzz::Result r = clause::fuzz::terraform(text);
  EXPECT_EQ(r.problem, "");
  auto found = findings_of(r, "CL-1104");
  ASSERT_EQ(found.size(), 4u);  // the group at line 3, then three node pools
  const clause::Span &s = found[0]->location.span;
  EXPECT_EQ(s, (clause::Span{3, 3, 3, 15, 58, 70}));
  EXPECT_EQ(text.substr(s.start_offset, s.end_offset - s.start_offset), "max_size = 3");
}

// 20,000 `(` around a literal: the parser's walk took a stack frame a level
// and overflowed the stack (issue 23). Now the depth limit stops it.
TEST(FuzzRegressions, DeepParenthesesStopAtTheDepthLimit) {
  clause::fuzz::Result r = clause::fuzz::hcl(regression("hcl", "twenty-thousand-parentheses.tf"));
  EXPECT_EQ(r.problem, "");
  ASSERT_EQ(r.documents.size(), 1u);
  ASSERT_EQ(r.documents[0]->diagnostics.size(), 1u);
  EXPECT_EQ(r.documents[0]->diagnostics[0].code, "limit-depth");
  EXPECT_EQ(r.documents[0]->diagnostics[0].span.start_line, 2u);
}

// Twenty counted resources, each with three nested dynamic blocks of
// 17 x 20 x 17: the budget stops it, and the fuzz targets' budget is a
// quarter of a user's, so that spending it stays within libFuzzer's limits.
TEST(FuzzRegressions, NestedDynamicBlocksStopAtTheFuzzTargetsBudget) {
  clause::fuzz::Result r = clause::fuzz::terraform(
      regression("terraform", "budget-nested-dynamic-blocks-in-counted-resources.tf"));
  EXPECT_EQ(r.problem, "");
  std::vector<const clause::FileDiagnostic *> budget;
  for (const auto &d : r.diagnostics)
    if (d.diagnostic.code == "limit-eval-budget") budget.push_back(&d);
  ASSERT_EQ(budget.size(), 1u);
  EXPECT_EQ(
      budget[0]->diagnostic.message,
      "evaluating root module \".\" needs more than its evaluation budget (250,000 nodes, 8 MiB) from this "
      "expression on; this value and every later one that needs more are treated as unknown");
  // The innermost `dynamic "d1"` block of the second resource.
  EXPECT_EQ(budget[0]->diagnostic.span.start_line, 43u);
  EXPECT_EQ(budget[0]->diagnostic.span.start_col, 11u);
}

TEST(FuzzRegressions, BareExponentIsANumber) {
  clause::fuzz::Result r = clause::fuzz::hcl(regression("hcl", "exponent-without-fraction.tf"));
  EXPECT_EQ(r.problem, "");
  ASSERT_EQ(r.documents.size(), 1u);
  EXPECT_TRUE(r.documents[0]->diagnostics.empty());
  ASSERT_EQ(r.documents[0]->blocks.size(), 1u);
  EXPECT_EQ(r.documents[0]->blocks[0].body.entries.size(), 3u);
  EXPECT_EQ(r.documents[0]->blocks[0].body.get("a")->number, 1e9);
}

// Globs that made the backtracking matcher exponential (issue 23): they now
// answer, and correctly (`values` counts the paths they match).
TEST(FuzzRegressions, ExponentialGlobShapesAnswer) {
  EXPECT_EQ(clause::fuzz::glob(regression("glob", "fourteen-stars-long-name.txt")).values, 1u);
  EXPECT_EQ(clause::fuzz::glob(regression("glob", "fourteen-double-stars-deep-path.txt")).values, 1u);
}

}  // namespace
