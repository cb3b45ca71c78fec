#pragma once
// Batch audits: which roots one invocation scans. Roots come from the
// command line and from roots files (--roots-from), are deduplicated and
// sorted by name, and --shard K/N keeps a stable part of them so that N
// machines scan disjoint parts whose outputs `clause merge` recombines.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace clause {

struct RootSpec {
  std::string path;  // what is scanned
  std::string key;   // the path as the user wrote it: what --shard hashes
};

// Reads a roots file: one path per line; blank lines and lines whose first
// non-blank character is '#' are ignored; surrounding blanks are trimmed; a
// relative path is relative to the file's directory. Throws
// std::runtime_error when the file cannot be read.
std::vector<RootSpec> read_roots_file(const std::string &file);

struct Shard {
  size_t index = 1;  // 1-based: shard K of N
  size_t count = 1;
};

// "K/N" with 1 <= K <= N; nullopt for anything else.
std::optional<Shard> parse_shard(std::string_view text);

// Whether a root belongs to `shard`: FNV-1a 64 of its key, modulo N. The
// key is the path as written, so every machine partitions the same way
// wherever the roots file sits.
bool in_shard(const RootSpec &root, const Shard &shard);

struct BatchRoots {
  std::vector<std::string> roots;  // to scan, sorted by display name
  size_t total = 0;                // roots in the whole batch, before sharding
};

// The roots given (command-line paths first, then roots files), with the
// same display name only once, in display-name order, and only those of
// `shard` when one is given.
BatchRoots select_batch_roots(std::vector<RootSpec> roots, const std::optional<Shard> &shard);

}  // namespace clause
