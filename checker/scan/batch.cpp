#include "checker/scan/batch.h"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <set>
#include <stdexcept>

#include "checker/model/finding_identity.h"
#include "checker/model/report.h"
#include "checker/scan/scanner.h"

namespace clause {
namespace {

std::string_view trim(std::string_view s) {
  const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r'; };
  while (!s.empty() && blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && blank(s.back())) s.remove_suffix(1);
  return s;
}

std::optional<size_t> parse_count(std::string_view text) {
  size_t n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return n;
}

}  // namespace

std::vector<RootSpec> read_roots_file(const std::string &file) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error(file + ": cannot read the roots file");
  const std::filesystem::path dir = std::filesystem::path(file).parent_path();
  std::vector<RootSpec> roots;
  std::string line;
  while (std::getline(in, line)) {
    const std::string_view entry = trim(line);
    if (entry.empty() || entry.front() == '#') continue;
    const std::filesystem::path p(entry);
    std::string path = p.is_absolute() || dir.empty() ? std::string(entry) : (dir / p).string();
    roots.push_back(RootSpec{std::move(path), std::string(entry)});
  }
  return roots;
}

std::optional<Shard> parse_shard(std::string_view text) {
  const size_t slash = text.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  auto k = parse_count(text.substr(0, slash));
  auto n = parse_count(text.substr(slash + 1));
  if (!k || !n || *k < 1 || *k > *n) return std::nullopt;
  return Shard{*k, *n};
}

bool in_shard(const RootSpec &root, const Shard &shard) {
  return fnv1a64(root_display_name(root.key)) % shard.count == shard.index - 1;
}

BatchRoots select_batch_roots(std::vector<RootSpec> roots, const std::optional<Shard> &shard) {
  std::stable_sort(roots.begin(), roots.end(), [](const RootSpec &a, const RootSpec &b) {
    return root_order_less(root_display_name(a.path), root_display_name(b.path));
  });
  std::set<std::string> seen;
  BatchRoots out;
  for (const RootSpec &root : roots) {
    if (!seen.insert(root_display_name(root.path)).second) continue;
    ++out.total;
    if (!shard || in_shard(root, *shard)) out.roots.push_back(root.path);
  }
  return out;
}

}  // namespace clause
