#include "checker/engine/rule_set.h"

#include <algorithm>
#include <iterator>
#include <mutex>
#include <numeric>
#include <thread>
#include <unordered_map>

#include "checker/engine/embedded_files.h"
#include "checker/engine/embedded_models.h"
#include "checker/engine/rule_loader.h"
#include "checker/project/parallel.h"

namespace clause {

namespace {

// The built-in pack `i`, decoded once per process and kept: its rules'
// checks are compiled from it when a scan first needs them.
const Document &builtin_pack(size_t i) {
  const auto &files = embedded_rule_files();
  // Held by a global, so that leak checkers see the packs as reachable.
  static auto *slots = new std::vector<std::pair<std::once_flag, DocumentPtr>>(files.size());
  auto &slot = (*slots)[i];
  std::call_once(slot.first,
                 [&] { slot.second = embedded_document(files[i].content, std::string(files[i].path)); });
  return *slot.second;
}

}  // namespace

RuleSet RuleSet::builtin() {
  RuleSet set;
  // Packs are independent: decoded (once per process) and loaded side by
  // side, then added at once in pack order (add() sorts the whole set each
  // time). Their checks are compiled on first use.
  const auto &files = embedded_rule_files();
  std::vector<std::vector<Rule>> packs(files.size());
  const unsigned jobs = std::max(1u, std::thread::hardware_concurrency());
  run_rethrowing(
      files.size(), [&](auto fn) { parallel_for(files.size(), jobs, fn); },
      [&](size_t i) { packs[i] = load_rules_from_document(builtin_pack(i), RegexCompile::OnFirstUse); });
  std::vector<Rule> all;
  size_t count = 0;
  for (const auto &pack : packs) count += pack.size();
  all.reserve(count);
  for (auto &pack : packs) std::move(pack.begin(), pack.end(), std::back_inserter(all));
  set.add(std::move(all));
  // Each rule's page, found by its path: docs/rules/<id>.md.
  std::unordered_map<std::string_view, std::string_view> pages;
  for (const auto &doc : embedded_doc_files()) pages.emplace(doc.path, doc.content);
  for (auto &rule : set.rules_)
    if (auto page = pages.find("docs/rules/" + rule.info.id + ".md"); page != pages.end())
      rule.info.help_markdown = std::string(page->second);
  return set;
}

void RuleSet::add(std::vector<Rule> rules) {
  // Ids and names already taken, each with the rule that took it.
  std::unordered_map<std::string_view, size_t> ids, names;
  const size_t before = rules_.size();
  rules_.reserve(before + rules.size());
  for (auto &r : rules) rules_.push_back(std::move(r));
  for (size_t i = 0; i < rules_.size(); ++i) {
    const Rule &r = rules_[i];
    auto [id, fresh_id] = ids.emplace(r.info.id, i);
    auto [name, fresh_name] = names.emplace(r.info.name, i);
    if (fresh_id && fresh_name) continue;
    // The first rule that took either, as the pairwise comparison found it.
    const size_t id_at = fresh_id ? rules_.size() : id->second;
    const size_t name_at = fresh_name ? rules_.size() : name->second;
    const bool by_id = id_at <= name_at;
    const Rule &existing = rules_[by_id ? id_at : name_at];
    const std::string &here = r.defined_at.empty() ? r.info.source : r.defined_at;
    const std::string &there = existing.defined_at.empty() ? existing.info.source : existing.defined_at;
    const std::string message = by_id ? here + ": rule id " + r.info.id + " is already defined at " + there
                                      : here + ": rule name " + r.info.name + " is already used by " +
                                            existing.info.id + " at " + there;
    rules_.resize(before);  // as it was: the set is unchanged by a refused pack
    throw RulePackError(message);
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
