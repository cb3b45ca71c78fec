#include "checker/platform/heap_tuning.h"

#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include <cstdlib>
#include <cstring>

namespace clause {
namespace {

constexpr std::string_view kTunable = "glibc.malloc.hugetlb";

// Whether a GLIBC_TUNABLES value already says something about huge pages.
bool names_huge_pages(std::string_view tunables) { return tunables.find(kTunable) != std::string_view::npos; }
// Half a thread heap's 64 MiB reservation: glibc gives a new thread heap this
// much more only while the sum stays within the reservation. Untouched, the
// extra costs address space, not memory.
constexpr int kHeapGrowthStep = 32 << 20;

// Sanitizers and valgrind bring their own allocators (the tunable would do
// nothing), and valgrind would lose track of a re-executed process.
bool foreign_allocator() {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  return true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || __has_feature(memory_sanitizer)
  return true;
#endif
#endif
  const char *preload = std::getenv("LD_PRELOAD");
  return preload && std::strstr(preload, "vgpreload") != nullptr;
}

std::vector<std::string_view> args_of(int argc, char **argv) {
  return std::vector<std::string_view>(argv + 1, argv + argc);
}

std::string read_small_file(const char *path) {
  std::string out;
  int fd = ::open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return out;
  char buf[256];
  ssize_t n = ::read(fd, buf, sizeof buf);
  if (n > 0) out.assign(buf, static_cast<size_t>(n));
  ::close(fd);
  return out;
}

}  // namespace

std::optional<std::string> tunables_for_huge_pages(const char *current, std::string_view thp_modes) {
  const std::string_view now = current ? current : "";
  if (names_huge_pages(now)) return std::nullopt;
  // The active mode is the bracketed one; "never" (or no THP support) means
  // the setting would only cost a re-execution.
  const size_t open = thp_modes.find('['), close = thp_modes.find(']');
  if (open == std::string_view::npos || close == std::string_view::npos || close < open) return std::nullopt;
  const std::string_view mode = thp_modes.substr(open + 1, close - open - 1);
  if (mode != "always" && mode != "madvise") return std::nullopt;
  std::string value(now);
  if (!value.empty()) value += ':';
  value += kTunable;
  value += "=1";
  return value;
}

bool is_filtered_scan(const std::vector<std::string_view> &args) {
  if (args.empty() || args.front() != "scan") return false;
  for (std::string_view a : args)
    for (std::string_view option : {"--only-files", "--changed-since"})
      if (a == option || (a.starts_with(option) && a.size() > option.size() && a[option.size()] == '='))
        return true;
  return false;
}

bool is_small_scan(std::optional<uint64_t> peak_kib) { return peak_kib && *peak_kib <= kSmallScanPeakKib; }

void tune_heap_for_scan(int argc, char **argv, std::optional<uint64_t> last_peak_kib) {
#if defined(__GLIBC__)
  if (argc < 2 || std::string_view(argv[1]) != "scan" || foreign_allocator()) return;
  const char *current = std::getenv("GLIBC_TUNABLES");
  // The environment is checked before the kernel: the re-executed process
  // stops here.
  const bool decided = current && names_huge_pages(current);
  if (!decided && (is_filtered_scan(args_of(argc, argv)) || is_small_scan(last_peak_kib))) {
    if (const std::optional<std::string> value = tunables_for_huge_pages(
            current, read_small_file("/sys/kernel/mm/transparent_hugepage/enabled"))) {
      const std::string before = current ? current : "";
      ::setenv("GLIBC_TUNABLES", value->c_str(), 1);
      ::execv("/proc/self/exe", argv);
      // Not re-executed (no /proc, say): carry on as we are.
      if (current)
        ::setenv("GLIBC_TUNABLES", before.c_str(), 1);
      else
        ::unsetenv("GLIBC_TUNABLES");
    }
  }
  ::mallopt(M_TOP_PAD, kHeapGrowthStep);
#else
  (void)argc;
  (void)argv;
  (void)last_peak_kib;
#endif
}

uint64_t peak_memory_kib() {
  struct rusage usage {};
  return ::getrusage(RUSAGE_SELF, &usage) == 0 ? static_cast<uint64_t>(usage.ru_maxrss) : 0;
}

}  // namespace clause
