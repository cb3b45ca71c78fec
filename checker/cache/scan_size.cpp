#include "checker/cache/scan_size.h"

#include <atomic>
#include <charconv>

#include "checker/cache/entry_file.h"
#include "checker/cache/hash.h"
#include "checker/platform/regular_file.h"

namespace clause {

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
  return dir + "/heap/" + hex16(hash64(command, 7));
}

std::optional<uint64_t> read_scan_size(const std::string &path) {
  std::string text;
  if (path.empty() || read_regular_file(path, 64, text).status != FileRead::Ok) return std::nullopt;
  uint64_t kib = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), kib);
  if (ec != std::errc() || end == text.data()) return std::nullopt;
  return kib;
}

void write_scan_size(const std::string &path, uint64_t kib) {
  if (path.empty() || read_scan_size(path) == kib) return;
  static std::atomic<size_t> counter{0};
  write_entry_file(path, std::to_string(kib), "\n", counter);
}

}  // namespace clause
