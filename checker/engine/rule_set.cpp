#include "checker/engine/rule_set.h"

#include <algorithm>
#include <iterator>
#include <numeric>
#include <thread>

#include "checker/engine/embedded_files.h"
#include "checker/engine/embedded_models.h"
#include "checker/engine/rule_loader.h"
#include "checker/project/parallel.h"

namespace clause {

RuleSet RuleSet::builtin() {
  RuleSet set;
  // Packs are independent: decoded and compiled side by side, then added at
  // once in pack order (add() sorts the whole set each time).
  const auto &files = embedded_rule_files();
  std::vector<std::vector<Rule>> packs(files.size());
  const unsigned jobs = std::max(1u, std::thread::hardware_concurrency());
  run_rethrowing(
      files.size(), [&](auto fn) { parallel_for(files.size(), jobs, fn); },
      [&](size_t i) {
        packs[i] = load_rules_from_document(*embedded_document(files[i].content, std::string(files[i].path)),
                                            RegexCompile::OnFirstUse);
      });
  std::vector<Rule> all;
  for (auto &pack : packs) std::move(pack.begin(), pack.end(), std::back_inserter(all));
  set.add(std::move(all));
  for (auto &rule : set.rules_) {
    std::string doc_path = "docs/rules/" + rule.info.id + ".md";
    for (const auto &doc : embedded_doc_files())
      if (doc.path == doc_path) rule.info.help_markdown = std::string(doc.content);
  }
  return set;
}

void RuleSet::add(std::vector<Rule> rules) {
  for (auto &r : rules) {
    for (const auto &existing : rules_) {
      const std::string &here = r.defined_at.empty() ? r.info.source : r.defined_at;
      const std::string &there = existing.defined_at.empty() ? existing.info.source : existing.defined_at;
      if (existing.info.id == r.info.id)
        throw RulePackError(here + ": rule id " + r.info.id + " is already defined at " + there);
      if (existing.info.name == r.info.name)
        throw RulePackError(here + ": rule name " + r.info.name + " is already used by " + existing.info.id +
                            " at " + there);
    }
    rules_.push_back(std::move(r));
  }
  // By id, through an index: a Rule is large, and sorting the rules
  // themselves would move each one several times.
  std::vector<size_t> order(rules_.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(),
            [&](size_t a, size_t b) { return rules_[a].info.id < rules_[b].info.id; });
  std::vector<Rule> sorted;
  sorted.reserve(rules_.size());
  for (size_t i : order) sorted.push_back(std::move(rules_[i]));
  rules_ = std::move(sorted);
}

const Rule *RuleSet::find(std::string_view key) const {
  for (const auto &r : rules_)
    if (r.info.id == key || r.info.name == key) return &r;
  for (const auto &r : rules_)
    if (same_rule_id(r.info.id, key)) return &r;
  return nullptr;
}

bool same_rule_id(std::string_view id, std::string_view key) {
  return id.size() == key.size() && std::equal(id.begin(), id.end(), key.begin(), [](char a, char b) {
           return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
         });
}

std::vector<RuleInfo> RuleSet::infos() const {
  std::vector<RuleInfo> out;
  out.reserve(rules_.size());
  for (const auto &r : rules_) out.push_back(r.info);
  return out;
}

}  // namespace clause
