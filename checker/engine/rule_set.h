#pragma once
// The rules of one scan: built-in packs plus user packs, with their docs,
// filtered by the user's selection. Loaded once, shared by every root.
#include <string>
#include <string_view>
#include <vector>

#include "checker/engine/rule.h"

namespace clause {

class RuleSet {
 public:
  // The packs embedded in the binary, with their documentation pages, from
  // the models encoded when the binary was built (embedded_models.h):
  // decoding costs a fraction of parsing 190 KB of YAML on every run.
  static RuleSet builtin();

  // Adds rules; a duplicate id or name throws RulePackError.
  void add(std::vector<Rule> rules);
  // Keeps only the rules `keep` accepts.
  template <typename Pred>
  void filter(Pred keep) {
    std::vector<Rule> kept;
    for (auto &r : rules_)
      if (keep(r)) kept.push_back(std::move(r));
    rules_ = std::move(kept);
  }

  const std::vector<Rule> &rules() const { return rules_; }
  // By id (CL-0901) or name (ops.backup-enabled); an id in any case
  // (cl-0901) when nothing matches exactly.
  const Rule *find(std::string_view id_or_name) const;
  std::vector<RuleInfo> infos() const;

 private:
  std::vector<Rule> rules_;  // sorted by id
};

// Whether `key` is the rule id `id` in any letter case (cl-0901 is CL-0901).
bool same_rule_id(std::string_view id, std::string_view key);

}  // namespace clause
