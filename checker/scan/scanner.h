#pragma once
// One scan: every root discovered, parsed and evaluated with one shared rule
// set, then assembled into a Report that reporters read.
#include <string>
#include <vector>

#include "checker/discovery/discover.h"
#include "checker/engine/evaluator.h"
#include "checker/engine/rule_set.h"
#include "checker/model/report.h"
#include "parsers/parse_options.h"

namespace clause {

struct ScanOptions {
  std::vector<std::string> roots;
  unsigned jobs = 1;
  bool strict = false;
  DiscoveryOptions discovery;
  ParseOptions parse;
  size_t max_findings_per_file = limits::kMaxFindingsPerFile;  // 0: no limit
  std::string category;
};

// Throws std::runtime_error when a root does not exist.
Report run_scan(const RuleSet &rules, const ScanOptions &opts);

// The display name of a root as the user gave it ("." stays ".").
std::string root_display_name(const std::string &root);

}  // namespace clause
