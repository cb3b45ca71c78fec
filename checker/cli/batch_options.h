#pragma once
// The batch-audit options of `clause scan`: --roots-from, --shard and the
// progress line, and the resolution of the roots they select.
#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "checker/scan/batch.h"

namespace clause::cli {

struct BatchArgs {
  std::vector<std::string> roots_from;  // roots files
  std::string shard;                    // "K/N", "" for all
  int progress = 0;                     // --progress 1, --no-progress -1, else 0
};

void add_batch_options(CLI::App &cmd, BatchArgs &args);

// The roots to scan: `paths` and the roots files' entries ("." when there
// are neither), deduplicated, sorted, sharded. Throws std::runtime_error for
// an unreadable roots file or a malformed --shard.
BatchRoots resolve_roots(const std::vector<std::string> &paths, const BatchArgs &args);

}  // namespace clause::cli
