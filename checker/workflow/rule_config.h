#pragma once
// What a configuration does to the rules: names checked against the rules
// that exist, severity overrides and parameters applied, the meta rules
// switched off or re-graded. (File-based suppressions are applied by the
// filter stage, filter.h.)
#include <string>
#include <vector>

#include "checker/engine/rule_set.h"
#include "checker/model/report.h"
#include "checker/workflow/config.h"

namespace clause {

// Throws ConfigError at the line of the first rule id or name, parameter or
// parameter value that `all` (built-in rules and packs) and the meta rules
// do not know.
void check_rule_names(const Config &config, const RuleSet &all);

// `rules` with the configured severities and parameter values.
RuleSet apply_rule_settings(RuleSet rules, const Config &config);

// The meta rules as configured: those disabled (by id or name) left out,
// severity overrides applied.
std::vector<RuleInfo> configured_meta_rules(const Config &config,
                                            const std::vector<std::string> &extra_disabled);

}  // namespace clause
