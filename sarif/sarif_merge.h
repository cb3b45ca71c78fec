#pragma once
// Merges SARIF logs that clause wrote for the shards of one batch audit into
// the log an unsharded scan writes: runs ordered by their root (the
// run.properties.root clause writes, in root_order_less order), every run's
// driver carrying the union of the rules (sorted by id) with each result's
// ruleIndex renumbered to match.
#include <nlohmann/json.hpp>
#include <vector>

namespace clause {

// True when `doc` is a SARIF log (an object with version "2.1.0" and runs).
bool is_sarif_log(const nlohmann::ordered_json &doc);

// Throws std::runtime_error when a log is not clause's SARIF, the tools
// differ (name or version), or one root appears twice.
nlohmann::ordered_json merge_sarif_logs(const std::vector<nlohmann::ordered_json> &logs);

}  // namespace clause
