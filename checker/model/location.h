#pragma once
// Source positions. Lines and columns are 1-based; columns count bytes, as
// every parser underneath us does. Offsets are 0-based byte offsets.
#include <cstdint>
#include <string>

namespace clause {

struct Span {
  uint32_t start_line = 0;
  uint32_t start_col = 0;
  uint32_t end_line = 0;
  uint32_t end_col = 0;
  uint32_t start_offset = 0;
  uint32_t end_offset = 0;

  bool valid() const { return start_line != 0; }
  bool operator==(const Span &) const = default;
};

// A span inside a named file. Nodes carry only a Span (their Document knows
// the path); findings and diagnostics carry a full Location.
struct Location {
  std::string path;  // relative to the scan root, '/'-separated
  Span span;
  bool operator==(const Location &) const = default;
};

}  // namespace clause
