#pragma once
// The limits every parser honours (defaults from checker/model/limits.h).
// Hitting one is reported as a Diagnostic on the document (code "limit-…"),
// never silently truncated. See docs/limits.md.
#include <chrono>
#include <cstddef>

#include "checker/model/limits.h"

namespace clause {

struct ParseOptions {
  size_t max_depth = limits::kMaxDepth;                       // nesting of maps/lists/blocks
  size_t max_alias_expansion = limits::kMaxAliasExpansion;    // YAML nodes produced through aliases
  size_t max_nodes = limits::kMaxNodes;                       // model nodes per file
  std::chrono::milliseconds timeout = limits::kParseTimeout;  // per file; zero: none
  // Keep the syntax errors of JSON/YAML files that turn out not to be ours
  // (normally dropped: they are none of the scan's business). For `dump`.
  bool keep_unknown_diagnostics = false;
  // YAML: a file that fails to parse and holds `{{ ... }}` is reported as an
  // unrendered Helm template (a note) instead of its syntax error. Off for
  // our own inputs (rule packs, .clause.yaml), which are never templates.
  bool detect_helm_templates = true;
};

}  // namespace clause
