#pragma once
// One scan: every root discovered, parsed and evaluated with one shared rule
// set, then assembled into a Report that reporters read. Roots are scanned
// in parallel as well as the files inside each; the report keeps the roots
// in the order given, whatever the scheduling.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "checker/cache/model_cache.h"
#include "checker/cache/unit_cache.h"
#include "checker/discovery/discover.h"
#include "checker/engine/evaluator.h"
#include "checker/engine/rule_set.h"
#include "checker/model/report.h"
#include "checker/workflow/suppress.h"
#include "parsers/cloudformation/cfn_eval.h"
#include "parsers/parse_options.h"

namespace clause {

// Where a scan stands; totals grow as roots are discovered.
struct ScanProgress {
  size_t files_done = 0;
  size_t files_total = 0;
  size_t roots_done = 0;
  size_t roots_total = 0;
};

struct ScanOptions {
  std::vector<std::string> roots;
  unsigned jobs = 1;
  bool strict = false;
  DiscoveryOptions discovery;
  ParseOptions parse;
  size_t max_findings_per_file = limits::kMaxFindingsPerFile;  // 0: no limit
  std::string category;
  std::vector<std::string> var_files;  // --var-file: Terraform variable values for every root module
  SuppressionOptions suppressions;     // inline directives and the meta rules
  // Where a CloudFormation or Kubernetes document (by absolute path) is
  // deployed: a region, or "" when not known. Cross-document rules read it
  // as the documents' location (Project::deployment_regions).
  std::function<std::string(DocKind, const std::string &abs_path)> deployment_region;
  // What a CloudFormation template's deployment fixes (region, account,
  // parameter values), by its absolute path (LoadOptions::cfn_inputs).
  std::function<CfnInputs(const std::string &abs_path)> cfn_inputs;
  std::string cache_dir;  // model cache (checker/cache/); empty: no cache
  // When set, the scan adds what its files took from the model cache
  // (`clause scan --cache-stats`).
  CacheCounts *cache_counts = nullptr;
  // The same for the cache's unit level (checker/cache/unit_cache.h): units
  // whose findings came from it, and units judged.
  CacheCounts *unit_cache_counts = nullptr;
  // What the configuration in force adds to the unit level's keys: a digest
  // of the bytes of `.clause.yaml` and of the rule packs read from files,
  // and of every option that changes findings (scan_setup.cpp). The rule
  // set itself, --strict and the engine's build are in the keys anyway.
  uint64_t configuration_digest = 0;
  // Whether the findings in the file `rel` of the root at `root_abs` will be
  // read (--only-files, --changed-since); unset: all. The rules still run
  // on the whole root; findings no one reads are not built. `may_be_link`
  // is false when discovery listed the file and saw it is no symbolic link.
  std::function<bool(const std::string &root_abs, const std::string &rel, bool may_be_link)> reported;
  // With `reported`: the selected files below the root at `root_abs` that
  // do not exist (deleted), relative to it; each selects its units.
  std::function<std::vector<std::string>(const std::string &root_abs)> deleted;
  // The deployment unit `.clause.yaml` declares for a directory (absolute
  // path): the absolute directory of the declared unit at or above it, or
  // "" when none is. Unset: none.
  std::function<std::string(const std::string &abs_dir)> declared_unit;
  // `.clause.yaml` `agreements:`: for an agreement (absolute path) and a
  // unit (the absolute path of its directory, or of its file for a stack or
  // plan), whether the file binds the agreement to that unit; nullopt when
  // it says nothing about the agreement.
  std::function<std::optional<bool>(const std::string &agreement_abs, const std::string &unit_abs)>
      agreement_binds;
  // With `reported` set: whether the tallies still count the resources of
  // files that are not reported (EvaluationOptions::tally_unreported).
  bool tally_unreported = true;
  // A process that exits after the scan need not free the models of the
  // root that finishes last, one allocation at a time: they are kept
  // (reachable) until the process ends.
  bool keep_last_models = false;
  // Called (from any thread, possibly concurrently) after each parsed file
  // and each finished root.
  std::function<void(const ScanProgress &)> on_progress;
};

// Throws std::runtime_error when a root does not exist.
Report run_scan(const RuleSet &rules, const ScanOptions &opts);

// Discovery and parsing only, no cache, no rules: the floor a full scan is
// measured against (`clause scan --parse-only`, `make bench`).
struct ParseOnlySummary {
  size_t files = 0;  // files parsed
  uint64_t bytes = 0;
  size_t documents = 0;  // of a kind clause reads
  size_t diagnostics = 0;
};
ParseOnlySummary parse_only(const ScanOptions &opts);

// The display name of a root as the user gave it ("." stays ".").
std::string root_display_name(const std::string &root);

}  // namespace clause
