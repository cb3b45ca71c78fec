#pragma once
// Writes report output atomically: a temporary file beside the target, then
// rename, so an interrupted run never leaves half a SARIF file behind.
#include <functional>
#include <ostream>
#include <stdexcept>
#include <string>

namespace clause {

// An output file that cannot be written (a usage error: exit 2).
struct OutputError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Calls `write` with a stream for `path` ("-" = stdout). Throws OutputError
// naming the path when it cannot be written.
void write_output(const std::string &path, const std::function<void(std::ostream &)> &write);

}  // namespace clause
