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
    out.resize(static_cast<size_t>(st.st_size));
    size_t got = 0;
    while (r.status == FileRead::Ok) {
      if (got == out.size()) {
        if (out.size() > max_size) {
          r.status = FileRead::TooLarge;
          r.size = out.size();
          break;
        }
        out.resize(out.size() + 4096);  // grew since fstat
      }
      const ssize_t n = ::read(fd, out.data() + got, out.size() - got);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        r.status = FileRead::Unreadable;
        r.error = errno;
      }
      if (n <= 0) break;
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
