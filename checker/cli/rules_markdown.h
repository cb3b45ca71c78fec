#pragma once
// `clause rules --format markdown`: the rule reference index
// (docs/rules/README.md), generated from rule metadata so it cannot drift.
#include <string>

#include "checker/engine/rule_set.h"

namespace clause::cli {

std::string rules_markdown(const RuleSet &rules);

// `clause rules --format severity`: docs/severity.md, one row per
// infrastructure rule with its severity, profiles, peer checks and rationale.
std::string severity_markdown(const RuleSet &rules);

// `clause rules --format directives`: docs/peer-directives.md, the peers'
// inline skips that suppress our rules, from the rules' `directives:` lists.
std::string peer_directives_markdown(const RuleSet &rules);

}  // namespace clause::cli
