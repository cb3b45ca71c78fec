#pragma once
// Reads clause's JSON output (format version 1) back into a Report: what
// `clause merge` needs to combine the outputs of sharded scans. It reads
// exactly what reporters/json_reporter writes, so writing what it read gives
// the same bytes; the summary is derived, so it is not read.
#include <nlohmann/json.hpp>
#include <string>

#include "checker/model/report.h"

namespace clause {

struct JsonReport {
  Report report;
  std::string tool_version;  // tool.version of the file
};

// True when `doc` looks like clause's JSON output (an object with
// "version": 1 and a "roots" array).
bool is_clause_json(const nlohmann::json &doc);

// Throws std::runtime_error naming the first field that is missing or of the
// wrong type.
JsonReport read_json_report(const nlohmann::json &doc);

}  // namespace clause
