#include "checker/workflow/git.h"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

extern char **environ;

namespace clause {
namespace fs = std::filesystem;
namespace {

class Pipe {
 public:
  Pipe() {
    if (::pipe2(fds_, O_CLOEXEC) != 0)
      throw GitError(std::string("cannot create a pipe: ") + std::strerror(errno));
  }
  ~Pipe() {
    close_read();
    close_write();
  }
  Pipe(const Pipe &) = delete;
  Pipe &operator=(const Pipe &) = delete;
  int read_end() const { return fds_[0]; }
  int write_end() const { return fds_[1]; }
  void close_read() {
    if (fds_[0] >= 0) ::close(fds_[0]);
    fds_[0] = -1;
  }
  void close_write() {
    if (fds_[1] >= 0) ::close(fds_[1]);
    fds_[1] = -1;
  }

 private:
  int fds_[2] = {-1, -1};
};

// Splits NUL-separated output (`-z`).
std::vector<std::string> split_nul(const std::string &s) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos < s.size()) {
    size_t end = s.find('\0', pos);
    if (end == std::string::npos) end = s.size();
    if (end > pos) out.push_back(s.substr(pos, end - pos));
    pos = end + 1;
  }
  return out;
}

}  // namespace

std::string run_git(const std::string &dir, const std::vector<std::string> &args) {
  std::vector<std::string> argv_s = {"git", "-C", dir};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  std::vector<char *> argv;
  for (auto &a : argv_s) argv.push_back(a.data());
  argv.push_back(nullptr);

  Pipe out, err;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out.write_end(), STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, err.write_end(), STDERR_FILENO);
  pid_t pid = 0;
  int rc = posix_spawnp(&pid, "git", &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) throw GitError(std::string("cannot run git: ") + std::strerror(rc));
  out.close_write();
  err.close_write();

  // Read both streams as they come, so a chatty stderr cannot block git.
  std::string stdout_text, stderr_text;
  pollfd fds[2] = {{out.read_end(), POLLIN, 0}, {err.read_end(), POLLIN, 0}};
  int open_streams = 2;
  char buf[65536];
  while (open_streams > 0) {
    if (::poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      ssize_t n = ::read(fds[i].fd, buf, sizeof buf);
      if (n > 0) {
        (i == 0 ? stdout_text : stderr_text).append(buf, static_cast<size_t>(n));
      } else if (n == 0 || errno != EINTR) {
        fds[i].fd = -1;
        --open_streams;
      }
    }
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    while (!stderr_text.empty() && (stderr_text.back() == '\n' || stderr_text.back() == '\r'))
      stderr_text.pop_back();
    if (WIFEXITED(status) && WEXITSTATUS(status) == 127) stderr_text = "git is not installed";
    throw GitError(
        "git " + (args.empty() ? std::string() : args.front()) + " failed in " + dir + ": " +
        (stderr_text.empty() ? "exit status " + std::to_string(WEXITSTATUS(status)) : stderr_text));
  }
  return stdout_text;
}

std::vector<std::string> changed_files(const std::string &dir, const std::string &ref) {
  if (ref.empty() || ref.front() == '-') throw GitError("'" + ref + "' is not a git ref");
  std::string top = run_git(dir, {"rev-parse", "--show-toplevel"});
  while (!top.empty() && (top.back() == '\n' || top.back() == '\r')) top.pop_back();
  // "--" after the ref: a ref that looks like an option or a path is refused
  // by git rather than misread.
  const std::vector<std::string> diff = split_nul(run_git(top, {"diff", "--name-only", "-z", ref, "--"}));
  const std::vector<std::string> untracked =
      split_nul(run_git(top, {"ls-files", "--others", "--exclude-standard", "--full-name", "-z"}));
  std::vector<std::string> out;
  for (const auto *list : {&diff, &untracked})
    for (const std::string &rel : *list) out.push_back((fs::path(top) / rel).lexically_normal().string());
  return out;
}

std::string git_toplevel(const std::string &path) {
  std::error_code ec;
  fs::path dir = fs::absolute(path, ec).lexically_normal();
  if (dir.filename().empty()) dir = dir.parent_path();
  if (!fs::is_directory(dir, ec)) dir = dir.parent_path();
  while (true) {
    if (fs::exists(dir / ".git", ec)) return dir.string();
    fs::path parent = dir.parent_path();
    if (parent == dir || parent.empty()) return "";
    dir = parent;
  }
}

}  // namespace clause
