#pragma once
// Writes report output atomically: a temporary file beside the target, then
// rename, so an interrupted run never leaves half a SARIF file behind.
#include <functional>
#include <ostream>
#include <string>

namespace clause {

// Calls `write` with a stream for `path` ("-" = stdout). Throws
// std::runtime_error naming the path when it cannot be written.
void write_output(const std::string &path, const std::function<void(std::ostream &)> &write);

}  // namespace clause
