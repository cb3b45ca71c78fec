#pragma once
// Limits every parser honours. Hitting one is reported as a Diagnostic on the
// document (code "limit-…"), never silently truncated. See docs/limits.md.
#include <cstddef>

namespace clause {

struct ParseOptions {
  size_t max_depth = 256;               // nesting of maps/lists/blocks
  size_t max_alias_expansion = 100000;  // YAML nodes produced through aliases
  size_t max_nodes = 5'000'000;         // model nodes per file
};

}  // namespace clause
