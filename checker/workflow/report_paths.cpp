#include "checker/workflow/report_paths.h"

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <map>
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

FileSelection::FileSelection(const std::vector<std::string> &abs_paths) {
  for (const std::string &p : abs_paths) {
    std::string r = resolved(p);
    names_.insert(fs::path(r).filename().string());
    resolved_.insert(std::move(r));
  }
}

bool FileSelection::contains(const std::string &root_abs, const std::string &rel, bool may_be_link) const {
  // Resolving a path costs a system call per component. A file that is not
  // a link resolves to a path with its own name, so only a name one of the
  // selected files has (or a link) needs it.
  const std::string_view name = std::string_view(rel).substr(rel.rfind('/') + 1);
  if (!names_.count(std::string(name))) {
    if (!may_be_link) return false;
    const std::string path = root_abs + "/" + rel;
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0 || !S_ISLNK(st.st_mode)) return false;
  }
  return resolved_.count(resolved(fs::path(root_abs) / rel)) != 0;
}

std::vector<std::string> FileSelection::missing_under(const std::string &root_abs) const {
  std::vector<std::string> out;
  const std::string root = resolved(root_abs);
  for (const std::string &p : resolved_) {
    if (p.size() <= root.size() + 1 || p.compare(0, root.size(), root) != 0 || p[root.size()] != '/')
      continue;
    std::error_code ec;
    if (!fs::exists(fs::symlink_status(p, ec))) out.push_back(p.substr(root.size() + 1));
  }
  return out;
}

void keep_only_files(Report &report, const FileSelection &files) {
  for (RootReport &root : report.roots) {
    std::map<std::string, bool> known;  // once per file
    auto selected = [&](const std::string &rel) {
      auto [it, fresh] = known.try_emplace(rel, false);
      if (fresh) it->second = files.contains(root.abs_path, rel);
      return it->second;
    };
    const std::set<std::string> units(root.selected_units.begin(), root.selected_units.end());
    std::erase_if(root.findings, [&](const Finding &f) {
      if (selected(f.location.path) || (!f.unit.empty() && units.count(f.unit))) return false;
      return std::none_of(f.related.begin(), f.related.end(),
                          [&](const RelatedLocation &r) { return selected(r.location.path); });
    });
    std::erase_if(root.diagnostics, [&](const FileDiagnostic &d) { return !selected(d.path); });
  }
}

UriBase repository_uri_base(const std::string &root_abs) {
  const std::string real = resolved(root_abs);
  const std::string top = git_toplevel(real);
  if (top.empty()) return {"", real};
  std::string rel = fs::path(real).lexically_relative(resolved(top)).generic_string();
  if (rel.empty() || rel == "." || rel.starts_with("..")) return {"", real};
  return {rel + "/", resolved(top)};
}

UriBase given_uri_base(const std::string &root_abs, std::string prefix) {
  while (prefix.starts_with("./")) prefix.erase(0, 2);
  while (prefix.starts_with("/")) prefix.erase(0, 1);
  if (!prefix.empty() && prefix.back() != '/') prefix.push_back('/');
  // %SRCROOT% is then the directory the prefix starts from: one up per component.
  fs::path base = resolved(root_abs);
  for (const auto &part : fs::path(prefix)) {
    if (!part.empty() && part != ".") base = base.parent_path();
  }
  return {prefix, base.string()};
}

Report rebase_report_paths(const Report &report, const std::vector<UriBase> &bases) {
  Report out = report;
  for (size_t i = 0; i < out.roots.size() && i < bases.size(); ++i) {
    const std::string &prefix = bases[i].prefix;
    RootReport &root = out.roots[i];
    root.abs_path = bases[i].base;
    if (prefix.empty()) continue;
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
  }
  return out;
}

}  // namespace clause
