#include "checker/cli/batch_options.h"

#include <stdexcept>

namespace clause::cli {

void add_batch_options(CLI::App &cmd, BatchArgs &args) {
  cmd.add_option("--roots-from", args.roots_from,
                 "Scan the roots listed in FILE, one a line (# comments; relative to FILE's folder)")
      ->allow_extra_args(false);
  cmd.add_option("--shard", args.shard,
                 "Scan only shard K of N of the roots (K/N, 1 <= K <= N), stable by path");
  cmd.add_flag("--progress,!--no-progress", args.progress,
               "Show (or never show) a progress line on stderr (default: on a terminal, unless --quiet)");
}

BatchRoots resolve_roots(const std::vector<std::string> &paths, const BatchArgs &args) {
  std::optional<Shard> shard;
  if (!args.shard.empty()) {
    shard = parse_shard(args.shard);
    if (!shard) throw std::runtime_error("--shard: '" + args.shard + "' is not K/N with 1 <= K <= N");
  }
  std::vector<RootSpec> roots;
  for (const std::string &p : paths) roots.push_back(RootSpec{p, p});
  for (const std::string &file : args.roots_from) {
    for (RootSpec &r : read_roots_file(file)) roots.push_back(std::move(r));
  }
  if (roots.empty() && args.roots_from.empty()) roots.push_back(RootSpec{".", "."});
  return select_batch_roots(std::move(roots), shard);
}

}  // namespace clause::cli
