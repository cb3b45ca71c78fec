#pragma once
// clause's own JSON output, format version 1 (docs/output-formats.md):
//
//   {"version": 1, "tool": {...}, "category": "...", "executionSuccessful": true,
//    "rules": [...], "roots": [{"name", "path", "findings": [...], "diagnostics": [...],
//    "files": {...}}], "summary": {...}}
//
// Every finding field is kept, suppressed findings included (with their
// suppression). Keys keep a fixed order; the same report gives the same bytes.
#include <ostream>
#include <string>

#include "checker/model/report.h"
#include "clause_version.h"

namespace clause {

// Bumped on any incompatible change of the format (a removed or renamed key,
// a changed meaning); adding keys is compatible.
inline constexpr int kJsonFormatVersion = 1;

struct JsonOptions {
  std::string tool_version = CLAUSE_VERSION;
  bool pretty = true;
};

void write_json(const Report &report, std::ostream &out, const JsonOptions &opts = {});

}  // namespace clause
