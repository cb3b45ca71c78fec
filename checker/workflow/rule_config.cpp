#include "checker/workflow/rule_config.h"

#include <algorithm>
#include <map>

#include "checker/agreement/values.h"
#include "checker/engine/rule_loader.h"
#include "checker/workflow/meta_rules.h"

namespace clause {
namespace {

[[noreturn]] void fail(const Config &c, uint32_t line, uint32_t col, const std::string &message) {
  throw ConfigError(c.path + ":" + std::to_string(line) + ":" + std::to_string(col) + ": " + message);
}

bool names(const RuleInfo &r, const std::string &key) { return same_rule_id(r.id, key) || r.name == key; }

bool same_kind(const Node &a, const Node &b) {
  if (a.is_null() || b.is_null()) return true;
  return a.kind == b.kind;
}

}  // namespace

void check_rule_names(const Config &c, const RuleSet &all) {
  auto check = [&](const RuleRef &ref) {
    if (!all.find(ref.key) && !find_meta_rule(ref.key))
      fail(c, ref.line, ref.col, "no rule has the id or name '" + ref.key + "'");
  };
  for (const auto &r : c.enable_rules) check(r);
  for (const auto &r : c.extend_rules) check(r);
  for (const auto &r : c.disable_rules) check(r);
  for (const auto &[r, _] : c.severity) check(r);
  for (const auto &s : c.suppressions)
    for (const auto &r : s.rules) check(r);
  for (const auto &p : c.parameters) {
    const Rule *rule = all.find(p.rule.key);
    if (!rule) fail(c, p.rule.line, p.rule.col, "no rule has the id or name '" + p.rule.key + "'");
    auto it = rule->parameters.find(p.name);
    if (it == rule->parameters.end()) {
      std::string known;
      for (const auto &[name, _] : rule->parameters) known += (known.empty() ? "" : ", ") + name;
      fail(c, p.line, p.col,
           rule->info.id + " has no parameter '" + p.name + "'" +
               (known.empty() ? " (it takes none)" : " (it has: " + known + ")"));
    }
    if (!same_kind(it->second, p.value))
      fail(c, p.value.span.start_line, p.value.span.start_col,
           rule->info.id + " parameter '" + p.name + "' takes a " + node_kind_name(it->second.kind) +
               ", not a " + node_kind_name(p.value.kind));
    // A duration threshold (P30D) must stay a duration, or the check that
    // reads it could not compare anything.
    if (agreement::parse_duration_seconds(it->second) && !agreement::parse_duration_seconds(p.value))
      fail(c, p.value.span.start_line, p.value.span.start_col,
           rule->info.id + " parameter '" + p.name + "' takes a duration such as " + it->second.text +
               ", not '" + p.value.scalar_text() + "'");
  }
}

RuleSet apply_rule_settings(RuleSet rules, const Config &c) {
  if (c.severity.empty() && c.parameters.empty()) return rules;
  std::vector<Rule> copy = rules.rules();
  for (Rule &rule : copy) {
    for (const auto &[ref, sev] : c.severity)
      if (names(rule.info, ref.key)) rule.info.severity = sev;
    for (const auto &p : c.parameters)
      if (names(rule.info, p.rule.key)) rule.parameters[p.name] = p.value;
    // Declarative checks compiled `value: {param: NAME}` at load time.
    try {
      rebind_rule_parameters(rule);
    } catch (const RulePackError &e) {
      throw ConfigError(c.path + ": " + e.what());
    }
  }
  RuleSet out;
  out.add(std::move(copy));
  return out;
}

std::vector<RuleInfo> configured_meta_rules(const Config &c, const std::vector<std::string> &extra_disabled) {
  std::vector<RuleInfo> out;
  for (const RuleInfo &meta : meta_rules()) {
    bool off = std::any_of(c.disable_rules.begin(), c.disable_rules.end(),
                           [&](const RuleRef &r) { return names(meta, r.key); }) ||
               std::any_of(extra_disabled.begin(), extra_disabled.end(),
                           [&](const std::string &k) { return names(meta, k); });
    if (off) continue;
    RuleInfo info = meta;
    for (const auto &[ref, sev] : c.severity)
      if (names(info, ref.key)) info.severity = sev;
    out.push_back(std::move(info));
  }
  return out;
}

}  // namespace clause
