#pragma once
// Baselines: the findings a project has accepted for now, so that a scan
// reports only what is new. Keyed by rule id, path (relative to the scan
// root) and the SARIF fingerprint, which leaves the line number out: adding
// or removing lines above a finding does not make it new.
//
// File format (JSON, sorted, one entry per finding):
//   {"version": 1, "generator": "clause 0.1.0",
//    "findings": [{"ruleId": "CL-0901", "path": "infra/db.tf",
//                  "fingerprint": "…", "message": "…"}]}
// A path that is not valid UTF-8 (a file name is any bytes) is written with
// U+FFFD in `path` and exactly in `pathBytes` (hex), which reading prefers.
#include <ostream>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

#include "checker/model/report.h"

namespace clause {

class BaselineError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct BaselineEntry {
  std::string rule_id;
  std::string path;
  std::string fingerprint;
  std::string message;  // for people reading the file; not matched

  auto key() const { return std::tie(rule_id, path, fingerprint); }
};

struct Baseline {
  std::vector<BaselineEntry> entries;
};

// The unsuppressed findings of every root.
Baseline make_baseline(const Report &report);
void write_baseline(const Baseline &baseline, std::ostream &out);
// Throws BaselineError naming the file when it cannot be read or is not a baseline.
Baseline load_baseline(const std::string &path);

// Drops the unsuppressed findings the baseline holds (each entry absorbs one
// finding) and counts them in RootReport::baselined. Returns the total.
size_t apply_baseline(Report &report, const Baseline &baseline);

}  // namespace clause
