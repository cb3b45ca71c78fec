#include "checker/cli/output_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <stdexcept>

namespace clause {
namespace {

[[noreturn]] void fail(const std::string &path, int err) {
  throw OutputError(path + ": cannot write: " + std::strerror(err));
}

// Writes all of `data` to `fd`; returns 0 or the errno of the failure.
int write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return n < 0 ? errno : EIO;
    data.remove_prefix(static_cast<size_t>(n));
  }
  return 0;
}

// The mode a newly created output gets: what open(2) would give (0666 less
// the umask), or the mode of the file it replaces.
mode_t output_mode(const struct stat *existing) {
  if (existing) return existing->st_mode & 07777;
  mode_t mask = ::umask(0);
  ::umask(mask);
  return 0666 & ~mask;
}

}  // namespace

void write_output(const std::string &path, const std::function<void(std::ostream &)> &write) {
  if (path == "-" || path.empty()) {
    write(std::cout);
    std::cout.flush();
    if (!std::cout) throw OutputError("standard output: write failed");
    return;
  }
  std::ostringstream buffer;
  write(buffer);
  const std::string data = std::move(buffer).str();

  // Through a symlink, the file it names is replaced, not the link.
  std::string target = path;
  struct stat st {};
  if (::lstat(path.c_str(), &st) == 0 && S_ISLNK(st.st_mode)) {
    std::error_code ec;
    std::filesystem::path resolved = std::filesystem::weakly_canonical(path, ec);
    if (!ec) target = resolved.string();
  }
  const bool exists = ::stat(target.c_str(), &st) == 0;
  if (exists && S_ISDIR(st.st_mode)) fail(path, EISDIR);
  if (exists && !S_ISREG(st.st_mode)) {
    // A FIFO, a terminal, /dev/stdout: written in place; renaming over it
    // would replace the device node instead of writing to it.
    int fd = ::open(target.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd < 0) fail(path, errno);
    int err = write_all(fd, data);
    ::close(fd);
    if (err) fail(path, err);
    return;
  }
  // A regular file: a fresh temporary file beside it (O_EXCL through
  // mkstemp, so nothing planted at that name is followed), then rename, so
  // readers see the old report or the new one, never half of one.
  std::string tmp = target + ".tmp.XXXXXX";
  int fd = ::mkstemp(tmp.data());
  if (fd < 0) fail(path, errno);
  int err = write_all(fd, data);
  if (!err && ::fchmod(fd, output_mode(exists ? &st : nullptr)) != 0) err = errno;
  if (!err && ::fsync(fd) != 0) err = errno;
  if (::close(fd) != 0 && !err) err = errno;
  if (!err && std::rename(tmp.c_str(), target.c_str()) != 0) err = errno;
  if (err) {
    ::unlink(tmp.c_str());
    fail(path, err);
  }
}

}  // namespace clause
