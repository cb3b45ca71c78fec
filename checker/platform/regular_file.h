#pragma once
// Reading a file that someone else may have put there: scanned files, and
// the files that steer a scan (configuration, rule packs, baselines, cache
// entries, variable files). The file is opened without blocking (a FIFO or
// a device in its place must not hang the scan), and read only while it is a
// regular file within the size limit (a 2 GiB sparse file is refused from
// its size, before a byte is read; one that grows past the limit while it
// is read is refused too).
#include <cstdint>
#include <optional>
#include <string>

namespace clause {

enum class FileRead {
  Ok,
  Unreadable,  // cannot be opened or read; `error` holds errno
  NotRegular,  // a FIFO, socket, device or directory
  TooLarge,    // larger than the limit; `size` holds what was seen
};

struct FileReadResult {
  FileRead status = FileRead::Ok;
  int error = 0;      // errno, for Unreadable
  uint64_t size = 0;  // bytes seen, for TooLarge
};

// `known_size`: the size the caller has just seen the file have (discovery
// stat'ed it, and found it regular). The file is then read without asking
// fstat again, unless it does not end at that size. A file that ends
// exactly where its size says is read with one read call, not two.
FileReadResult read_regular_file(const std::string &path, uint64_t max_size, std::string &out,
                                 std::optional<uint64_t> known_size = std::nullopt);

// What went wrong, for a message that names the file: "is not a regular
// file (FIFO, device or socket)", "is larger than 8 MiB (… bytes)",
// "cannot be read (No such file or directory)". Empty for Ok.
std::string describe_file_read(const FileReadResult &r, uint64_t max_size);

// The owner of the file (after symlinks); false when it cannot be seen.
bool file_owner(const std::string &path, uint32_t &uid);

}  // namespace clause
