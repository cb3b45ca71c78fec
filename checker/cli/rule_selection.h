#pragma once
// Which rules a command runs: the built-in packs plus --rules directories,
// the rules of the selected profiles (checker/engine/profiles.h) plus
// --extend-enable, or exactly --enable; then narrowed by --disable /
// --scenario / --severity-min.
#include <optional>
#include <string>
#include <vector>

#include "checker/engine/rule_set.h"

namespace clause::cli {

struct RuleSelection {
  std::vector<std::string> rule_dirs;
  std::vector<std::string> profiles;   // profile names; empty = recommended
  std::vector<std::string> enable;     // ids or names: exactly these, whatever the profile
  std::vector<std::string> extend;     // ids or names run beside the profiles' rules
  std::vector<std::string> disable;    // ids or names
  std::vector<std::string> scenarios;  // "5.9"
  std::string severity_min;            // "" = all
};

// Throws RulePackError for bad packs and for selections naming no rule.
RuleSet select_rules(const RuleSelection &sel);
// The same selection from rules already loaded (sel.rule_dirs is not read).
RuleSet select_rules(RuleSet set, const RuleSelection &sel);

// "no rule with id or name 'KEY'", with the nearest id or name of `set` and
// the meta rules when one is close enough to be a typo.
std::string unknown_rule(const RuleSet &set, const std::string &key);

// The id of the rule or meta rule `key` names (an id in any letter case, or
// a name); `key` itself when none does.
std::string canonical_rule_key(const RuleSet &set, const std::string &key);

// Splits "a,b , c" lists given once or repeatedly.
std::vector<std::string> split_list(const std::vector<std::string> &values);

}  // namespace clause::cli
