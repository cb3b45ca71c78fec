#pragma once
// Helpers for tests that run the `clause` binary or need files on disk: a
// run with its exit code and combined output, and a temporary directory
// tree removed when the test ends.
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
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

// Runs a shell command line and collects its output (stderr too unless
// `merge_stderr` is false; then the command may redirect it).
inline CliRun run_shell(const std::string &command, bool merge_stderr = true) {
  CliRun r;
  FILE *p = popen((command + (merge_stderr ? " 2>&1" : "")).c_str(), "r");
  if (!p) return r;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  int status = pclose(p);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

// `clause ARGS` with CI unset, so that a CI run of the tests behaves like a
// developer's (CI=true turns on unused-suppression reports).
inline CliRun run(const std::string &args, bool merge_stderr = true) {
  return run_shell("env -u CI " + std::string(CLAUSE_BINARY) + " " + args, merge_stderr);
}

// The same, from working directory `dir`.
inline CliRun run_in(const std::string &dir, const std::string &args) {
  return run_shell("cd '" + dir + "' && env -u CI " + std::string(CLAUSE_BINARY) + " " + args);
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

// A fresh directory under the system's temporary directory.
class TempTree {
 public:
  TempTree() {
    static std::atomic<int> counter{0};
    path_ = std::filesystem::temp_directory_path() /
            ("clause-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempTree() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempTree(const TempTree &) = delete;
  TempTree &operator=(const TempTree &) = delete;

  // Writes `content` to `rel` (directories created); returns the full path.
  std::string write(const std::string &rel, const std::string &content) const {
    std::filesystem::path p = path_ / rel;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << content;
    return p.string();
  }
  std::string read(const std::string &rel) const {
    std::ifstream in(path_ / rel, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }
  std::string path() const { return path_.string(); }
  std::string operator/(const std::string &rel) const { return (path_ / rel).string(); }

 private:
  std::filesystem::path path_;
};

}  // namespace clause::testing
