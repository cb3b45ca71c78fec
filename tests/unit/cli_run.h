#pragma once
// Runs the `clause` binary for the end-to-end tests.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace clause::testing {

struct CliRun {
  int exit_code = -1;
  std::string out;  // stdout and stderr, interleaved
};

// `clause ARGS` through the shell; stderr goes with stdout unless
// `merge_stderr` is false (then `args` may redirect it).
inline CliRun run(const std::string &args, bool merge_stderr = true) {
  std::string cmd = std::string(CLAUSE_BINARY) + " " + args + (merge_stderr ? " 2>&1" : "");
  CliRun r;
  FILE *p = popen(cmd.c_str(), "r");
  if (!p) return r;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  int status = pclose(p);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

inline std::string src(const std::string &rel) { return std::string(CLAUSE_SOURCE_DIR) + "/" + rel; }

inline std::string read_file(const std::filesystem::path &path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// A fresh, empty directory for one test.
inline std::filesystem::path fresh_dir(const std::string &name) {
  const auto dir = std::filesystem::temp_directory_path() / (name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

}  // namespace clause::testing
