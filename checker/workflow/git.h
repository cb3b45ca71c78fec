#pragma once
// The little of git the workflow needs: the files changed since a ref (for
// --changed-since) and the repository root (for SARIF URIs). git runs as a
// subprocess with a fixed argument list, never through a shell.
#include <stdexcept>
#include <string>
#include <vector>

#include "checker/model/report.h"

namespace clause {

class GitError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Runs `git -C dir ARGS…` and returns its standard output. Throws GitError
// with git's message when git cannot run or exits non-zero.
std::string run_git(const std::string &dir, const std::vector<std::string> &args);

// Absolute paths of the files that differ from `ref` in the work tree of
// `dir` (committed since, staged or not) and of the untracked files that
// are not ignored.
std::vector<std::string> changed_files(const std::string &dir, const std::string &ref);

// The top-level directory of the work tree holding `path` (absolute), found
// by looking for `.git` upward from its real path (symbolic links
// resolved); "" when there is none.
std::string git_toplevel(const std::string &path);

// Where the files of the work tree holding `dir` come from: HEAD's commit,
// its branch ("" when detached) and the "origin" remote as a URI, with any
// credentials removed (an scp-style "git@host:path" becomes
// "ssh://git@host/path"; no remote: the work tree's file:// URI). Empty when
// `dir` is not in a work tree or it has no commit yet.
VersionControl version_control_of(const std::string &dir);

// A remote URL as written in reports: user:password@ and token@ of an
// http(s) URL removed, scp-style addresses as ssh:// URIs, absolute local
// paths as file:// URIs.
std::string public_remote_uri(const std::string &url);

}  // namespace clause
