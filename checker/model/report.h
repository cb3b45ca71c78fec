#pragma once
// Everything a reporter may read: rule metadata and, per scan root, the
// findings and the input diagnostics. Built by the engine, sorted.
#include <map>
#include <string>
#include <vector>

#include "checker/model/document.h"
#include "checker/model/finding.h"
#include "checker/model/rule_info.h"

namespace clause {

struct FileDiagnostic {
  std::string path;  // relative to the root
  Diagnostic diagnostic;
};

// How one rule fared on one root: how many targets it judged and with what
// outcome. A rule with no target present is not applicable there.
struct RuleTally {
  size_t targets = 0;  // resources / documents the rule applied to
  size_t passed = 0;
  size_t failed = 0;
  size_t unknown = 0;  // could not decide (unknown values)

  RuleTally &operator+=(const RuleTally &t) {
    targets += t.targets;
    passed += t.passed;
    failed += t.failed;
    unknown += t.unknown;
    return *this;
  }
};

// Where a root's files come from, when it lies in a git work tree.
struct VersionControl {
  std::string repository_uri;  // the "origin" remote without credentials, else the work tree's file:// URI
  std::string revision;        // commit id of HEAD; "" = not a repository, or not recorded
  std::string branch;          // "" when HEAD is detached
};

struct RootReport {
  std::string name;          // display name / automationDetails id
  std::string display_base;  // what shown paths are relative to, when not `name` (a file root's directory)
  std::string abs_path;      // absolute path of the scan root (SRCROOT)
  std::vector<Finding> findings;
  std::vector<FileDiagnostic> diagnostics;
  std::map<std::string, size_t> files_by_kind;    // "terraform" -> 12, "skipped" -> 3
  std::map<std::string, RuleTally> rule_tallies;  // by rule id; absent = not evaluated
  size_t baselined = 0;                           // findings dropped because a baseline holds them
  VersionControl vcs;                             // provenance of the scanned files
  // A filtered scan (--only-files, --changed-since): the deployment units
  // that hold a selected file (existing or deleted), by name. Findings about
  // one of these units as a whole are kept wherever they stand.
  std::vector<std::string> selected_units;
};

// The order of roots in a report of several: by name, byte by byte, so a
// batch scan, its shards and their merge all list roots the same way.
inline bool root_order_less(const std::string &a, const std::string &b) { return a < b; }

struct Report {
  std::vector<RuleInfo> rules;  // sorted by id
  std::vector<RootReport> roots;
  std::string category;  // --category
  // Roots of the whole batch audit when this report is one shard of it
  // (--shard); 0 means roots.size(). Outputs that depend on the batch (SARIF
  // categories, the runs-per-upload warning) read it, so shards agree with
  // an unsharded scan.
  size_t batch_roots = 0;
  bool execution_successful = true;
  // When the scan ran, UTC, ISO 8601 ("2026-12-07T06:45:16Z"); "" = not
  // recorded (--reproducible), so that outputs are byte-identical.
  std::string started_at;
  std::string finished_at;
};

}  // namespace clause
