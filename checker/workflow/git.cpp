#include "checker/workflow/git.h"

#include "checker/model/uri.h"

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
  // Symbolic links resolved first: the work tree is where the files are.
  fs::path dir = fs::weakly_canonical(fs::absolute(path, ec), ec).lexically_normal();
  if (dir.filename().empty()) dir = dir.parent_path();
  if (!fs::is_directory(dir, ec)) dir = dir.parent_path();
  while (true) {
    if (fs::exists(dir / ".git", ec)) return dir.string();
    fs::path parent = dir.parent_path();
    if (parent == dir || parent.empty()) return "";
    dir = parent;
  }
}

std::string public_remote_uri(const std::string &url) {
  const size_t scheme = url.find("://");
  if (scheme == std::string::npos) {
    // scp-like "user@host:path" (no scheme; a ':' before any '/').
    const size_t colon = url.find(':');
    const size_t slash = url.find('/');
    if (colon != std::string::npos && (slash == std::string::npos || colon < slash)) {
      std::string path = url.substr(colon + 1);
      if (!path.starts_with('/')) path.insert(0, "/");
      return "ssh://" + url.substr(0, colon) + path;
    }
    return url.starts_with('/') ? directory_file_uri(url) : url;  // a local path
  }
  const size_t host = scheme + 3;
  const size_t end = url.find('/', host);
  const size_t at = url.rfind('@', end == std::string::npos ? url.size() : end);
  const std::string scheme_name = url.substr(0, scheme);
  // Credentials in http(s) URLs are secrets; an ssh user name is not.
  if (at != std::string::npos && at >= host && (scheme_name == "http" || scheme_name == "https"))
    return url.substr(0, host) + url.substr(at + 1);
  return url;
}

VersionControl version_control_of(const std::string &dir) {
  const std::string top = git_toplevel(dir);
  if (top.empty()) return {};
  auto lines = [](const std::string &text) {
    std::vector<std::string> out;
    size_t start = 0;
    while (start < text.size()) {
      size_t nl = text.find('\n', start);
      if (nl == std::string::npos) nl = text.size();
      std::string line = text.substr(start, nl - start);
      if (!line.empty() && line.back() == '\r') line.pop_back();
      out.push_back(std::move(line));
      start = nl + 1;
    }
    return out;
  };
  VersionControl vc;
  try {
    const std::vector<std::string> head = lines(run_git(top, {"rev-parse", "HEAD", "--abbrev-ref", "HEAD"}));
    if (head.size() < 2) return {};
    vc.revision = head[0];
    vc.branch = head[1] == "HEAD" ? "" : head[1];
  } catch (const GitError &) {
    return {};  // no commit yet, or git is missing
  }
  try {
    const std::vector<std::string> remote = lines(run_git(top, {"config", "--get", "remote.origin.url"}));
    if (!remote.empty() && !remote[0].empty()) vc.repository_uri = public_remote_uri(remote[0]);
  } catch (const GitError &) {
  }
  if (vc.repository_uri.empty()) vc.repository_uri = directory_file_uri(top);
  return vc;
}

}  // namespace clause
