#include "checker/platform/heap_tuning.h"

#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include <charconv>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>

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

std::string current_directory() {
  std::error_code ec;
  std::string cwd = std::filesystem::current_path(ec).string();
  return ec ? std::string() : cwd;
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

std::string scan_cache_dir(const std::vector<std::string_view> &args, const std::string &default_dir) {
  std::string dir = default_dir;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string_view a = args[i];
    if (a == "--no-cache") return "";
    if (a == "--cache-dir" && i + 1 < args.size()) dir = std::string(args[++i]);
    if (a.starts_with("--cache-dir=")) dir = std::string(a.substr(12));
  }
  return dir;
}

std::string scan_size_path(const std::vector<std::string_view> &args, std::string_view cwd,
                           const std::string &default_dir) {
  const std::string dir = scan_cache_dir(args, default_dir);
  if (dir.empty() || cwd.empty()) return "";
  std::string command(cwd);
  for (std::string_view a : args) {
    command += '\0';
    command += a;
  }
  char hex[17];
  const auto [end, ec] = std::to_chars(hex, hex + 16, std::hash<std::string>{}(command), 16);
  (void)ec;
  return dir + "/heap/" + std::string(hex, end);
}

bool is_small_scan(std::optional<uint64_t> peak_kib) { return peak_kib && *peak_kib <= kSmallScanPeakKib; }

void tune_heap_for_scan(int argc, char **argv, const std::string &default_cache_dir) {
#if defined(__GLIBC__)
  if (argc < 2 || std::string_view(argv[1]) != "scan" || foreign_allocator()) return;
  const char *current = std::getenv("GLIBC_TUNABLES");
  // The environment is checked before the kernel: the re-executed process
  // stops here.
  const bool decided = current && names_huge_pages(current);
  const auto small = [&] {
    const std::string path = scan_size_path(args_of(argc, argv), current_directory(), default_cache_dir);
    if (path.empty()) return false;
    const std::string text = read_small_file(path.c_str());
    uint64_t kib = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), kib);
    return ec == std::errc() && end != text.data() && is_small_scan(kib);
  };
  if (!decided && (is_filtered_scan(args_of(argc, argv)) || small())) {
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
  (void)default_cache_dir;
#endif
}

void record_scan_size(int argc, char **argv, const std::string &default_cache_dir) {
  // A filtered scan takes huge pages whatever its size, and its command
  // line names different files each time: keeping its size would only
  // leave a file behind for every commit a hook checks.
  if (argc < 2 || std::string_view(argv[1]) != "scan" || is_filtered_scan(args_of(argc, argv))) return;
  const std::string path = scan_size_path(args_of(argc, argv), current_directory(), default_cache_dir);
  struct rusage usage {};
  if (path.empty() || ::getrusage(RUSAGE_SELF, &usage) != 0) return;
  const std::string text = std::to_string(usage.ru_maxrss) + "\n";
  if (read_small_file(path.c_str()) == text) return;
  // Written whole under another name, then renamed: a scan starting at the
  // same time reads the old size or the new one.
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
  const std::string tmp = path + "." + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out) return;
  }
  std::filesystem::rename(tmp, path, ec);
  if (ec) std::filesystem::remove(tmp, ec);
}

}  // namespace clause
