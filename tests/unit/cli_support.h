#pragma once
// Test helpers for end-to-end runs of the real `clause` binary: a scratch
// directory that cleans up after itself, and a run with a watchdog so that a
// hang fails the test instead of stalling the suite.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "tests/unit/cli_run.h"

namespace clause::testing {

// Runs COMMAND (shell text) with stderr joined to stdout, for at most
// `seconds`.
inline CliRun run_command(const std::string &command, int seconds = 60) {
  return run_shell("timeout -k 5 " + std::to_string(seconds) + " " + command);
}

// Runs `clause ARGS` (ARGS is shell text).
inline CliRun run_clause(const std::string &args, int seconds = 60) {
  return run_command(std::string(CLAUSE_BINARY) + " " + args, seconds);
}

inline std::string source_path(const std::string &rel) { return std::string(CLAUSE_SOURCE_DIR) + "/" + rel; }

// A fresh directory under the system temporary directory, removed (with
// whatever permissions a test took away restored) when it goes.
class ScratchDir {
 public:
  explicit ScratchDir(const std::string &tag = "clause-test") {
    std::string tmpl = (std::filesystem::temp_directory_path() / (tag + "-XXXXXX")).string();
    if (!::mkdtemp(tmpl.data())) ADD_FAILURE() << "mkdtemp failed";
    path_ = tmpl;
  }
  ~ScratchDir() {
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::permissions(path_, fs::perms::owner_all, fs::perm_options::add, ec);
    for (auto it = fs::recursive_directory_iterator(path_, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (!it->is_symlink(ec)) fs::permissions(it->path(), fs::perms::owner_all, fs::perm_options::add, ec);
    }
    fs::remove_all(path_, ec);
  }
  ScratchDir(const ScratchDir &) = delete;
  ScratchDir &operator=(const ScratchDir &) = delete;

  const std::filesystem::path &path() const { return path_; }
  std::string str() const { return path_.string(); }
  std::string operator/(const std::string &rel) const { return (path_ / rel).string(); }

  // Writes `content` to `rel` (parents created) and returns its full path.
  std::string write(const std::string &rel, const std::string &content) const {
    std::filesystem::path p = path_ / rel;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << content;
    return p.string();
  }

 private:
  std::filesystem::path path_;
};

}  // namespace clause::testing
