#pragma once
// The little of git the workflow needs: the files changed since a ref (for
// --changed-since) and the repository root (for SARIF URIs). git runs as a
// subprocess with a fixed argument list, never through a shell.
#include <stdexcept>
#include <string>
#include <vector>

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
// by looking for `.git` upward; "" when there is none.
std::string git_toplevel(const std::string &path);

}  // namespace clause
