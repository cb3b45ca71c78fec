#include "checker/platform/regular_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace clause {

namespace {

// What fstat says of the open file: Ok with its size, or why it is not read.
FileReadResult classify(int fd, uint64_t max_size, uint64_t &size) {
  FileReadResult r;
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    r.status = FileRead::NotRegular;
  } else if (static_cast<uint64_t>(st.st_size) > max_size) {
    r.status = FileRead::TooLarge;
    r.size = static_cast<uint64_t>(st.st_size);
  }
  size = static_cast<uint64_t>(st.st_size);
  return r;
}

// Reads the open file into `out`, a buffer of `size` bytes (what the file
// is expected to hold). Each read asks for the rest of the buffer and, in
// the same system call, for a probe past it: a read that stops at exactly
// the expected size has met the end of a regular file, so the usual
// empty read that confirms it is not needed; bytes in the probe mean the
// file grew, and are kept (and count against the limit). `clean` says
// whether the file ended at exactly its expected size.
FileReadResult read_open_file(int fd, uint64_t max_size, uint64_t size, std::string &out, bool &clean) {
  FileReadResult r;
  out.resize(static_cast<size_t>(size));
  size_t got = 0;
  char probe[4096];
  clean = false;
  for (;;) {
    const size_t room = out.size() - got;
    iovec parts[2] = {{out.data() + got, room}, {probe, sizeof probe}};
    const ssize_t n = room != 0 ? ::readv(fd, parts, 2) : ::read(fd, probe, sizeof probe);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      r.status = FileRead::Unreadable;
      r.error = errno;
      break;
    }
    if (n == 0) {
      clean = got == size;
      break;
    }
    const size_t into_buffer = std::min(static_cast<size_t>(n), room),
                 past = static_cast<size_t>(n) - into_buffer;
    got += into_buffer;
    if (past != 0) {
      if (out.size() + past > max_size) {  // grew since its size was seen
        r.status = FileRead::TooLarge;
        r.size = out.size() + past;
        break;
      }
      out.append(probe, past);
      got += past;
    }
    if (past == 0 && got == size && size != 0) {  // a short read, at the expected end
      clean = true;
      break;
    }
  }
  out.resize(r.status == FileRead::Ok ? got : 0);
  return r;
}

}  // namespace

FileReadResult read_regular_file(const std::string &path, uint64_t max_size, std::string &out,
                                 std::optional<uint64_t> known_size) {
  out.clear();
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    FileReadResult r;
    r.status = FileRead::Unreadable;
    r.error = errno;
    return r;
  }
  FileReadResult r;
  bool clean = false;
  if (known_size && *known_size != 0 && *known_size <= max_size) {
    // The caller has just seen the file regular and of this size: fstat is
    // asked only when the file did not end where it was expected to (it
    // changed since, or something else took its place).
    r = read_open_file(fd, max_size, *known_size, out, clean);
    if (!clean) {
      uint64_t size = 0;
      if (FileReadResult now = classify(fd, max_size, size); now.status == FileRead::NotRegular) {
        out.clear();
        r = now;
      }
    }
  } else {
    uint64_t size = 0;
    r = classify(fd, max_size, size);
    if (r.status == FileRead::Ok) r = read_open_file(fd, max_size, size, out, clean);
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
