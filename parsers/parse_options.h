#pragma once
// Limits every parser honours. Hitting one is reported as a Diagnostic on the
// document (code "limit-…"), never silently truncated. See docs/limits.md.
#include <cstddef>

namespace clause {

struct ParseOptions {
  size_t max_depth = 256;               // nesting of maps/lists/blocks
  size_t max_alias_expansion = 100000;  // YAML nodes produced through aliases
  size_t max_nodes = 5'000'000;         // model nodes per file
  // Keep the syntax errors of JSON/YAML files that turn out not to be ours
  // (normally dropped: they are none of the scan's business). For `dump`.
  bool keep_unknown_diagnostics = false;
};

}  // namespace clause
