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

// Whether a scan whose last run of the same command peaked at `peak_kib`
// (nullopt: not known) is small enough to gain from huge pages.
bool is_small_scan(std::optional<uint64_t> peak_kib);
constexpr uint64_t kSmallScanPeakKib = 64 << 10;

// For `clause scan ...`, first thing in main: re-executes the binary with the
// huge-page tunable when the scan is filtered or small (is_small_scan of
// `last_peak_kib`, what the cache kept of its last run:
// checker/cache/scan_size.h) and glibc, the kernel and the environment allow
// it (it does not return then), and sets the growth step. Other commands,
// and runs under a sanitizer or valgrind (their own allocators), are left as
// they are.
void tune_heap_for_scan(int argc, char **argv, std::optional<uint64_t> last_peak_kib);

// This process's peak memory so far, in KiB.
uint64_t peak_memory_kib();

}  // namespace clause
