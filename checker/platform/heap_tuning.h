#pragma once
// How a scan's heap grows.
//
// A scan's model is a great many small allocations. With glibc's defaults
// the heap grows 128 KiB at a time (a system call each, and for the
// threads' heaps a page-table change) and is faulted in 4 KiB at a time: in
// a warm pre-commit scan of 500 files, 6,200 page faults and 150 heap
// growths took more time in the kernel than the scan took in our code.
// Two settings fix that: a larger step for each growth (`M_TOP_PAD`, set with
// mallopt, for every scan) and transparent huge pages for the heap (glibc's
// tunable `glibc.malloc.hugetlb=1`, which glibc reads only from the
// environment at start-up, so a scan re-executes itself once with it set).
// Huge pages are for the scans a person waits on: filtered to a few files as
// a pre-commit hook runs them, and small scans run again with the cache (the
// same command from the same directory, whose last run's peak memory the
// cache keeps): on a whole-corpus scan they tripled the kernel time (zeroing
// and compacting 2 MiB pages) and saved no wall time.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace clause {

// The GLIBC_TUNABLES value to run with: `current` with the huge-page
// setting appended; nullopt when `current` already says something about it
// (the user's choice, or this process was re-executed already) or when the
// kernel's THP mode (the text of /sys/kernel/mm/transparent_hugepage/enabled,
// e.g. "always [madvise] never") gives none.
std::optional<std::string> tunables_for_huge_pages(const char *current, std::string_view thp_modes);

// Whether `args` (the command line after the program name) is a scan
// filtered with --only-files or --changed-since.
bool is_filtered_scan(const std::vector<std::string_view> &args);

// The cache directory a scan with these arguments uses (`--cache-dir DIR`,
// `--cache-dir=DIR`, else `default_dir`); empty with `--no-cache`.
std::string scan_cache_dir(const std::vector<std::string_view> &args, const std::string &default_dir);

// Where the peak memory of the last run of a scan is kept: one small file a
// command line and working directory, under the cache's `heap/`; empty
// without a cache directory.
std::string scan_size_path(const std::vector<std::string_view> &args, std::string_view cwd,
                           const std::string &default_dir);

// Whether a scan whose last run of the same command peaked at `peak_kib`
// (nullopt: not known) is small enough to gain from huge pages.
bool is_small_scan(std::optional<uint64_t> peak_kib);
constexpr uint64_t kSmallScanPeakKib = 64 << 10;

// For `clause scan ...`, first thing in main: re-executes the binary with the
// huge-page tunable when the scan is filtered or small (is_small_scan of the
// size kept at scan_size_path) and glibc, the kernel and the environment
// allow it (it does not return then), and sets the growth step. Other
// commands, and runs under a sanitizer or valgrind (their own allocators),
// are left as they are. `default_cache_dir`: the model cache's default.
void tune_heap_for_scan(int argc, char **argv, const std::string &default_cache_dir);

// For `clause scan ...` that is not filtered, last thing in main: keeps this
// run's peak memory at scan_size_path for the next run's choice. Best effort.
void record_scan_size(int argc, char **argv, const std::string &default_cache_dir);

}  // namespace clause
