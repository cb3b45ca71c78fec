#include "checker/workflow/report_paths.h"

#include <algorithm>
#include <filesystem>
#include <set>

#include "checker/workflow/git.h"

namespace clause {
namespace fs = std::filesystem;
namespace {

std::string resolved(const fs::path &p) {
  std::error_code ec;
  fs::path r = fs::weakly_canonical(p, ec);
  return (ec ? p.lexically_normal() : r).string();
}

}  // namespace

void keep_only_files(Report &report, const std::vector<std::string> &abs_paths) {
  std::set<std::string> wanted;
  for (const std::string &p : abs_paths) wanted.insert(resolved(p));
  for (RootReport &root : report.roots) {
    auto in_wanted = [&](const std::string &rel) {
      return wanted.count(resolved(fs::path(root.abs_path) / rel)) != 0;
    };
    std::erase_if(root.findings, [&](const Finding &f) { return !in_wanted(f.location.path); });
    std::erase_if(root.diagnostics, [&](const FileDiagnostic &d) { return !in_wanted(d.path); });
  }
}

std::string repository_prefix(const std::string &abs_dir) {
  const std::string top = git_toplevel(abs_dir);
  if (top.empty()) return "";
  std::string rel = fs::path(resolved(abs_dir)).lexically_relative(resolved(top)).generic_string();
  if (rel.empty() || rel == "." || rel.starts_with("..")) return "";
  return rel + "/";
}

Report rebase_report_paths(const Report &report, const std::vector<std::string> &prefixes) {
  Report out = report;
  for (size_t i = 0; i < out.roots.size() && i < prefixes.size(); ++i) {
    std::string prefix = prefixes[i];
    while (prefix.starts_with("./")) prefix.erase(0, 2);
    while (prefix.starts_with("/")) prefix.erase(0, 1);
    if (prefix.empty()) continue;
    if (prefix.back() != '/') prefix.push_back('/');
    RootReport &root = out.roots[i];
    auto fix = [&](Location &loc) {
      if (!loc.path.empty()) loc.path = prefix + loc.path;
    };
    for (Finding &f : root.findings) {
      fix(f.location);
      for (RelatedLocation &r : f.related) fix(r.location);
      if (f.suppression) fix(f.suppression->location);
    }
    for (FileDiagnostic &d : root.diagnostics)
      if (!d.path.empty()) d.path = prefix + d.path;
    // %SRCROOT% is then the directory the prefix starts from.
    fs::path base = root.abs_path;
    const auto depth = std::count(prefix.begin(), prefix.end(), '/');
    for (long k = 0; k < depth; ++k) base = base.parent_path();
    root.abs_path = base.string();
  }
  return out;
}

}  // namespace clause
