#pragma once
// Meta rules: findings about the suppressions themselves, or about input
// that could not be read, rather than about the scanned services. They use the reserved range CL-00xx
// (scenario 00 does not exist), carry full metadata so SARIF lists them, and have their pages in
// docs/rules/CL-00xx.md like every other rule.
#include <string_view>
#include <vector>

#include "checker/model/rule_info.h"

namespace clause {

inline constexpr std::string_view kSuppressionReasonRule = "CL-0000";   // clause.suppression-reason
inline constexpr std::string_view kSuppressionExpiredRule = "CL-0001";  // clause.suppression-expired
inline constexpr std::string_view kSuppressionUnusedRule = "CL-0002";   // clause.suppression-unused
inline constexpr std::string_view kSuppressionInvalidRule = "CL-0003";  // clause.suppression-invalid
inline constexpr std::string_view kInputParseRule = "CL-0004";          // clause.input-parseable

// The meta rules with their default severities, sorted by id.
const std::vector<RuleInfo> &meta_rules();

// By id (in any letter case) or name; nullptr for any other rule.
const RuleInfo *find_meta_rule(std::string_view id_or_name);

}  // namespace clause
