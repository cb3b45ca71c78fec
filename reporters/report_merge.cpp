#include "reporters/report_merge.h"

#include <algorithm>
#include <map>
#include <set>

namespace clause {

Report merge_reports(std::vector<Report> parts) {
  Report out;
  if (parts.empty()) return out;
  out.category = parts.front().category;
  std::map<std::string, RuleInfo> rules;
  std::set<std::string> names;
  for (Report &part : parts) {
    if (part.category != out.category) {
      throw std::runtime_error("the inputs have different categories ('" + out.category + "' and '" +
                               part.category + "'): they are not shards of one scan");
    }
    out.execution_successful = out.execution_successful && part.execution_successful;
    out.batch_roots = std::max(out.batch_roots, part.batch_roots);
    // The merged scan ran from the first shard's start to the last one's end.
    if (!part.started_at.empty() && (out.started_at.empty() || part.started_at < out.started_at))
      out.started_at = part.started_at;
    out.finished_at = std::max(out.finished_at, part.finished_at);
    for (RuleInfo &rule : part.rules) rules.try_emplace(rule.id, std::move(rule));
    for (RootReport &root : part.roots) {
      if (!names.insert(root.name).second)
        throw std::runtime_error("root '" + root.name + "' is in more than one input");
      out.roots.push_back(std::move(root));
    }
  }
  for (auto &[id, rule] : rules) out.rules.push_back(std::move(rule));
  std::stable_sort(out.roots.begin(), out.roots.end(),
                   [](const RootReport &a, const RootReport &b) { return root_order_less(a.name, b.name); });
  return out;
}

}  // namespace clause
