// sort_findings (checker/model/finding_order.h) makes exactly the
// permutation std::sort with finding_less makes, including the order of
// findings finding_less calls equal (std::sort is not stable: the report's
// bytes depend on that order).
#include "checker/model/finding_order.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace clause {
namespace {

// Findings with few distinct values of each compared field, so that every
// level of the comparison decides some pairs and many are ties; `snippet`
// tells the findings apart.
std::vector<Finding> findings(size_t n, uint32_t seed) {
  std::vector<Finding> out;
  uint32_t x = seed;
  const auto next = [&x](uint32_t m) {
    x = x * 1103515245u + 12345u;
    return (x >> 16) % m;
  };
  const std::vector<std::string> paths = {"a.tf", "b/main.tf", "b.tf", "", "z/y.yaml"};
  const std::vector<std::string> rules = {"CL-0901", "CL-0100", "CL-0901x", "CL-1"};
  const std::vector<std::string> words = {"", "m", "message", "n"};
  for (size_t i = 0; i < n; ++i) {
    Finding f;
    f.location.path = paths[next(paths.size())];
    f.location.span.start_line = next(4);
    f.location.span.start_col = next(3);
    f.rule_id = rules[next(rules.size())];
    f.message = words[next(words.size())];
    f.resource = words[next(words.size())];
    f.snippet = std::to_string(i);
    out.push_back(std::move(f));
  }
  return out;
}

std::vector<std::string> order(const std::vector<Finding> &fs) {
  std::vector<std::string> out;
  for (const Finding &f : fs) out.push_back(f.snippet);
  return out;
}

TEST(FindingOrder, SamePermutationAsStdSortWithFindingLess) {
  for (size_t n : {0, 1, 2, 5, 16, 17, 40, 300, 3000}) {
    for (uint32_t seed : {1u, 7u, 42u}) {
      std::vector<Finding> expected = findings(n, seed);
      std::vector<Finding> got = expected;
      std::sort(expected.begin(), expected.end(), finding_less);
      sort_findings(got);
      ASSERT_EQ(order(got), order(expected)) << n << " findings, seed " << seed;
    }
  }
}

TEST(FindingOrder, OrdersByPathLineColumnRuleMessageResource) {
  std::vector<Finding> fs(4);
  fs[0].location.path = "b.tf";
  fs[1].location.path = "a.tf";
  fs[1].location.span.start_line = 9;
  fs[2].location.path = "a.tf";
  fs[2].location.span.start_line = 2;
  fs[2].rule_id = "CL-2";
  fs[3].location.path = "a.tf";
  fs[3].location.span.start_line = 2;
  fs[3].rule_id = "CL-1";
  for (size_t i = 0; i < fs.size(); ++i) fs[i].snippet = std::to_string(i);
  sort_findings(fs);
  EXPECT_EQ(order(fs), (std::vector<std::string>{"3", "2", "1", "0"}));
}

}  // namespace
}  // namespace clause
