#include "checker/cli/rule_selection.h"

#include <algorithm>

#include "checker/cli/suggest.h"
#include "checker/engine/profiles.h"
#include "checker/engine/rule_loader.h"
#include "checker/model/ascii.h"
#include "checker/workflow/meta_rules.h"

namespace clause::cli {

std::vector<std::string> split_list(const std::vector<std::string> &values) {
  std::vector<std::string> out;
  for (const auto &v : values) {
    size_t pos = 0;
    while (pos <= v.size()) {
      size_t comma = v.find(',', pos);
      if (comma == std::string::npos) comma = v.size();
      std::string item = v.substr(pos, comma - pos);
      item.erase(0, item.find_first_not_of(" \t"));
      item.erase(item.find_last_not_of(" \t") + 1);
      if (!item.empty()) out.push_back(item);
      pos = comma + 1;
    }
  }
  return out;
}

std::string unknown_rule(const RuleSet &set, const std::string &key) {
  std::vector<std::string> known;
  for (const Rule &r : set.rules()) {
    known.push_back(r.info.id);
    known.push_back(r.info.name);
  }
  for (const RuleInfo &m : meta_rules()) {
    known.push_back(m.id);
    known.push_back(m.name);
  }
  return "no rule with id or name '" + key + "'" + did_you_mean(key, known);
}

std::string canonical_rule_key(const RuleSet &set, const std::string &key) {
  if (const Rule *r = set.find(key)) return r->info.id;
  if (const RuleInfo *m = find_meta_rule(key)) return m->id;
  return key;
}

RuleSet select_rules(const RuleSelection &sel) {
  RuleSet set = RuleSet::builtin();
  for (const auto &dir : sel.rule_dirs) set.add(load_rules_from_directory(dir));
  return select_rules(std::move(set), sel);
}

RuleSet select_rules(RuleSet set, const RuleSelection &sel) {
  auto check_known = [&](const std::vector<std::string> &keys, const char *option) {
    for (const auto &k : keys)
      if (!set.find(k)) throw RulePackError(std::string(option) + ": " + unknown_rule(set, k));
  };
  check_known(sel.enable, "--enable");
  check_known(sel.extend, "--extend-enable");
  check_known(sel.disable, "--disable");
  std::vector<std::string> profiles = sel.profiles;
  if (profiles.empty()) profiles.push_back(std::string(kDefaultProfile));
  if (auto bad = unknown_profile(profiles)) {
    std::string known;
    for (const auto &k : known_profiles()) known += k + ", ";
    throw RulePackError("--profile: no profile '" + *bad + "' (" + known + "all)");
  }
  for (const auto &s : sel.scenarios) {
    bool ok = false;
    for (int i = 1; i <= 15; ++i)
      if (s == "5." + std::to_string(i)) ok = true;
    if (!ok) throw RulePackError("--scenario: '" + s + "' is not one of 5.1 ... 5.15");
  }
  std::optional<Severity> min;
  if (!sel.severity_min.empty()) {
    min = parse_severity(ascii_lower(sel.severity_min));
    if (!min) throw RulePackError("--severity-min: '" + sel.severity_min + "' is not a severity");
  }
  auto named = [](const Rule &r, const std::vector<std::string> &keys) {
    return std::any_of(keys.begin(), keys.end(),
                       [&](const std::string &k) { return k == r.info.name || same_rule_id(r.info.id, k); });
  };
  set.filter([&](const Rule &r) {
    if (!sel.enable.empty()) {
      if (!named(r, sel.enable)) return false;
    } else if (!in_profiles(r.info.profiles, profiles) && !named(r, sel.extend)) {
      return false;
    }
    if (named(r, sel.disable)) return false;
    if (!sel.scenarios.empty() &&
        std::find(sel.scenarios.begin(), sel.scenarios.end(), r.info.scenario) == sel.scenarios.end())
      return false;
    if (min && r.info.severity < *min) return false;
    return true;
  });
  return set;
}

}  // namespace clause::cli
