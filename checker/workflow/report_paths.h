#pragma once
// Report transformations that depend on where files are: keeping only the
// findings of some files (pre-commit, --changed-since) and re-basing paths
// on the repository root for SARIF uploads (--uri-prefix).
#include <set>
#include <string>
#include <vector>

#include "checker/model/report.h"

namespace clause {

// A set of files (--only-files, --changed-since), compared after resolving
// symbolic links. Thread-safe.
class FileSelection {
 public:
  explicit FileSelection(const std::vector<std::string> &abs_paths);
  // Whether the file at `rel` below the root `root_abs` is one of the set.
  // Resolves the path only when its name (or its being a link) lets it be
  // one of them; whether it is a link costs an lstat, unless the caller
  // knows it is none (`may_be_link` false: discovery saw the directory
  // entry, and follows no link but a file's own).
  bool contains(const std::string &root_abs, const std::string &rel, bool may_be_link = true) const;
  // The selected files below `root_abs` that do not exist (deleted ones),
  // relative to it: each selects the deployment units it was part of.
  std::vector<std::string> missing_under(const std::string &root_abs) const;

 private:
  std::set<std::string> resolved_;
  std::set<std::string> names_;  // file names of resolved_
};

// Keeps the findings and input diagnostics of the selected files: a finding
// stays when its location or one of its related locations is selected, or
// when it is about a deployment unit that holds a selected file
// (RootReport::selected_units). The whole root was still scanned, so context
// (variables, modules, agreements) is complete.
void keep_only_files(Report &report, const FileSelection &files);

// Where the SARIF URIs of a scan root are relative to (%SRCROOT%), and what
// is put before the root's paths to make them so.
struct UriBase {
  std::string prefix;  // "" or '/'-separated, ending in '/'
  std::string base;    // an absolute directory, symbolic links resolved
};

// The top level of the git work tree that holds the root, and the root's
// path below it; outside a work tree, the root itself and no prefix. Any
// spelling of the root ("infra", "infra/", "./infra", ".", a path through a
// symbolic link) gives the same answer.
UriBase repository_uri_base(const std::string &root_abs);

// A prefix the user gave (--uri-prefix): %SRCROOT% is the root's directory
// moved up one level per component of the prefix.
UriBase given_uri_base(const std::string &root_abs, std::string prefix);

// A copy of `report` whose root i has `bases[i].prefix` put before every
// path and `bases[i].base` as its abs_path, so that SARIF URIs are relative
// to the repository rather than the root.
Report rebase_report_paths(const Report &report, const std::vector<UriBase> &bases);

}  // namespace clause
