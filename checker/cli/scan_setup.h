#pragma once
// What `clause scan` and `clause baseline` share: the options that choose
// roots, rules and configuration, and the run that turns them into a Report
// with configuration, suppressions, file filters and baseline applied.
#include <CLI/CLI.hpp>
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "checker/cache/model_cache.h"
#include "checker/cli/batch_options.h"
#include "checker/model/limits.h"
#include "checker/model/report.h"
#include "checker/scan/scanner.h"

namespace clause::cli {

struct ScanInputs {
  std::vector<std::string> paths;
  std::vector<std::string> rule_dirs;
  std::vector<std::string> var_files;       // --var-file: Terraform variable values for every root module
  std::vector<std::string> cfn_parameters;  // --cfn-parameters TEMPLATE=FILE
  std::vector<std::string> profiles;        // --profile; replaces the configuration's `profile:`
  std::vector<std::string> enable, extend, disable, scenarios;
  std::string severity_min;
  unsigned jobs = 0;
  std::string category;
  bool strict = false;
  uint64_t max_file_size = limits::kMaxFileSize;
  uint64_t max_hcl_file_size = limits::kMaxHclFileSize;
  size_t max_findings_per_file = limits::kMaxFindingsPerFile;                           // 0: no limit
  double parse_timeout = std::chrono::duration<double>(limits::kParseTimeout).count();  // seconds; 0: none
  std::string config;                                                                   // --config FILE
  bool no_config = false;                                                               // --no-config
  std::string cache_dir;  // --cache-dir; "" = the default place
  bool no_cache = false;  // --no-cache
  // Filters (scan only).
  std::string baseline;
  std::vector<std::string> only_files;
  std::string changed_since;
  int report_unused = 0;  // 0: from the config or CI; > 0 on; < 0 off
  BatchArgs batch;        // --roots-from, --shard, --progress
  // Called from any thread after each parsed file and finished root.
  std::function<void(const ScanProgress &)> on_progress;
  // Every output is text: the compliance tallies are shown only for a
  // batch of roots, so a filtered scan of one root can do without them.
  bool text_only = false;
};

// Registers the options that choose what is scanned and with which rules.
void add_input_options(CLI::App &cmd, ScanInputs &in);
// Registers the filters only `scan` has (baseline, files, unused suppressions).
void add_filter_options(CLI::App &cmd, ScanInputs &in);

struct ScanOutcome {
  Report report;
  std::string fail_on;                // from the configuration, "" when none says
  std::vector<std::string> warnings;  // for stderr: expired file suppressions, ...
  // The model cache the scan used ("" when none) and what came from it
  // (`clause scan --cache-stats`). The built-in rule packs never do: their
  // models are encoded when the binary is built.
  std::string cache_dir;
  CacheCounts file_cache;
  // The same for the cache's unit level: units whose findings came from it
  // and units judged (a filtered scan uses none).
  CacheCounts unit_cache;
};

// Runs the scan. Throws ConfigError, RulePackError, BaselineError, GitError
// or std::runtime_error (missing root): all usage errors (exit 2).
ScanOutcome perform_scan(const ScanInputs &in);

// perform_scan(), with a usage error printed on stderr and nullopt returned
// for it (the caller exits 2).
std::optional<ScanOutcome> perform_scan_or_explain(const ScanInputs &in);

// The scan options for `in` alone, without configuration (`--parse-only`).
ScanOptions plain_scan_options(const ScanInputs &in);

// True when the CI environment variable says so (CI=true or CI=1).
bool running_in_ci();

}  // namespace clause::cli
