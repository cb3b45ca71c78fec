#include "checker/platform/regular_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace clause {

FileReadResult read_regular_file(const std::string &path, uint64_t max_size, std::string &out) {
  FileReadResult r;
  out.clear();
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    r.status = FileRead::Unreadable;
    r.error = errno;
    return r;
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    r.status = FileRead::NotRegular;
  } else if (static_cast<uint64_t>(st.st_size) > max_size) {
    r.status = FileRead::TooLarge;
    r.size = static_cast<uint64_t>(st.st_size);
  } else {
    // Read into a buffer of the size fstat gave; whether the file grew since
    // is asked with a small probe read, not by growing the buffer (which
    // copied every file once more and left it holding twice its size).
    out.resize(static_cast<size_t>(st.st_size));
    size_t got = 0;
    char probe[4096];
    while (r.status == FileRead::Ok) {
      const bool filled = got == out.size();
      char *dest = filled ? probe : out.data() + got;
      const size_t room = filled ? sizeof probe : out.size() - got;
      const ssize_t n = ::read(fd, dest, room);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        r.status = FileRead::Unreadable;
        r.error = errno;
      }
      if (n <= 0) break;
      if (filled) {
        if (out.size() + static_cast<size_t>(n) > max_size) {  // grew since fstat
          r.status = FileRead::TooLarge;
          r.size = out.size() + static_cast<size_t>(n);
          break;
        }
        out.append(probe, static_cast<size_t>(n));
      }
      got += static_cast<size_t>(n);
    }
    out.resize(r.status == FileRead::Ok ? got : 0);
  }
  ::close(fd);
  return r;
}

std::string describe_file_read(const FileReadResult &r, uint64_t max_size) {
  switch (r.status) {
    case FileRead::Ok: return "";
    case FileRead::Unreadable: return std::string("cannot be read (") + std::strerror(r.error) + ")";
    case FileRead::NotRegular: return "is not a regular file (FIFO, device, socket or directory)";
    case FileRead::TooLarge:
      return "is " + std::to_string(r.size) + " bytes, over the " + std::to_string(max_size) + "-byte limit";
  }
  return "";
}

bool file_owner(const std::string &path, uint32_t &uid) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return false;
  uid = st.st_uid;
  return true;
}

}  // namespace clause
