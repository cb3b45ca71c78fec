#include "checker/model/finding_order.h"

#include <algorithm>
#include <cstdint>
#include <string_view>
#include <unordered_map>

namespace clause {
namespace {

// Ranks of the distinct strings `field` gives the findings, in string
// order: equal strings share a rank, and ranks compare as the strings do.
template <typename Field>
std::vector<uint32_t> ranks(const std::vector<Finding> &findings, Field field) {
  std::unordered_map<std::string_view, uint32_t> rank_of;
  std::vector<std::string_view> distinct;
  std::string_view last;
  bool any = false;
  for (const Finding &f : findings) {
    const std::string_view s = field(f);
    if (any && s == last) continue;  // findings of one file come together
    any = true;
    last = s;
    if (rank_of.emplace(s, 0).second) distinct.push_back(s);
  }
  std::sort(distinct.begin(), distinct.end());
  for (uint32_t r = 0; r < distinct.size(); ++r) rank_of[distinct[r]] = r;
  std::vector<uint32_t> out;
  out.reserve(findings.size());
  for (const Finding &f : findings) out.push_back(rank_of.find(field(f))->second);
  return out;
}

struct Key {
  uint32_t path, line, col, rule, index;
};

}  // namespace

void sort_findings(std::vector<Finding> &findings) {
  if (findings.size() < 2) return;
  const std::vector<uint32_t> path_ranks =
      ranks(findings, [](const Finding &f) -> std::string_view { return f.location.path; });
  const std::vector<uint32_t> rule_ranks =
      ranks(findings, [](const Finding &f) -> std::string_view { return f.rule_id; });
  std::vector<Key> keys(findings.size());
  for (uint32_t i = 0; i < findings.size(); ++i) {
    const Span &s = findings[i].location.span;
    keys[i] = Key{path_ranks[i], s.start_line, s.start_col, rule_ranks[i], i};
  }
  std::sort(keys.begin(), keys.end(), [&](const Key &a, const Key &b) {
    if (a.path != b.path) return a.path < b.path;
    if (a.line != b.line) return a.line < b.line;
    if (a.col != b.col) return a.col < b.col;
    if (a.rule != b.rule) return a.rule < b.rule;
    const Finding &fa = findings[a.index], &fb = findings[b.index];
    if (const int c = fa.message.compare(fb.message); c != 0) return c < 0;
    return fa.resource < fb.resource;
  });
  std::vector<Finding> sorted;
  sorted.reserve(findings.size());
  for (const Key &k : keys) sorted.push_back(std::move(findings[k.index]));
  findings = std::move(sorted);
}

}  // namespace clause
