#pragma once
// The cache's `heap/` (docs/caching.md): the peak memory of the last whole
// scan run with a command line from a working directory, one small file
// each, which decides how the next run of the same command allocates
// (checker/platform/heap_tuning.h). It decides nothing a scan reports.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace clause {

// The cache directory a scan with these arguments (the command line after
// the program name) uses: `--cache-dir DIR`, `--cache-dir=DIR`, else
// `default_dir`; empty with `--no-cache`.
std::string scan_cache_dir(const std::vector<std::string_view> &args, const std::string &default_dir);

// Where the size of the scan `args` run from `cwd` is kept,
// `<cache>/heap/<16 hex digits>`; empty without a cache directory.
std::string scan_size_path(const std::vector<std::string_view> &args, std::string_view cwd,
                           const std::string &default_dir);

// The size kept at `path` in KiB; nullopt when there is none (or `path` is
// empty, or the file holds something else).
std::optional<uint64_t> read_scan_size(const std::string &path);

// Keeps `kib` at `path`, written whole and renamed into place; nothing when
// `path` is empty or already holds it. Best effort.
void write_scan_size(const std::string &path, uint64_t kib);

}  // namespace clause
