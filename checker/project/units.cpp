#include "checker/project/units.h"

#include <algorithm>

namespace clause {
namespace {

std::string parent_dir(const std::string &path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? "" : path.substr(0, slash);
}

std::string file_name(const std::string &path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// The application a manifest in `dir` belongs to: the nearest directory at
// or above it holding a kustomization or chart, else `dir` itself.
std::string application_of(const std::string &dir, const std::set<std::string> &application_dirs) {
  std::string d = dir;
  while (true) {
    if (application_dirs.count(d)) return d;
    if (d.empty()) return dir;
    d = parent_dir(d);
  }
}

}  // namespace

bool path_at_or_below(const std::string &path, const std::string &dir) {
  if (dir.empty()) return true;
  return path.size() >= dir.size() && path.compare(0, dir.size(), dir) == 0 &&
         (path.size() == dir.size() || path[dir.size()] == '/');
}

UnitTable::UnitTable(Project &project) : project_(project) {
  for (uint32_t i = 0; i < project.units.size(); ++i)
    index_.emplace(std::make_pair(project.units[i].kind, project.units[i].path), i);
}

uint32_t UnitTable::get(UnitKind kind, const std::string &path) {
  auto [it, fresh] = index_.try_emplace({kind, path}, static_cast<uint32_t>(project_.units.size()));
  if (fresh) {
    Unit u;
    u.kind = kind;
    u.path = path;
    u.dirs.push_back(u.dir());
    project_.units.push_back(std::move(u));
  }
  return it->second;
}

void UnitTable::add_dir(uint32_t u, const std::string &dir) {
  std::vector<std::string> &dirs = project_.units[u].dirs;
  if (dirs.empty() || dirs.back() != dir) dirs.push_back(dir);
}

std::set<std::string> application_directories(const std::vector<SourceFile> &files) {
  std::set<std::string> out;
  for (const SourceFile &f : files) {
    const std::string name = file_name(f.rel_path);
    if (name == "kustomization.yaml" || name == "kustomization.yml" || name == "Kustomization" ||
        name == "Chart.yaml")
      out.insert(parent_dir(f.rel_path));
  }
  return out;
}

void assign_units(Project &project, const UnitOptions &opts) {
  {
    UnitTable table(project);
    for (Resource &r : project.resources) {
      if (r.unit != kNoUnit || !r.document) continue;
      const std::string &path = r.document->path;
      switch (r.document->kind) {
        case DocKind::CloudFormation: r.unit = table.get(UnitKind::Stack, path); break;
        case DocKind::TerraformPlan: r.unit = table.get(UnitKind::TerraformPlan, path); break;
        case DocKind::Kubernetes: {
          const std::string dir = parent_dir(path);
          r.unit = table.get(UnitKind::Application, application_of(dir, opts.application_dirs));
          table.add_dir(r.unit, dir);
          break;
        }
        default: break;  // agreements: in no unit
      }
    }
  }
  // Declared units take in the units at or below them; the units are
  // renumbered so that only those resources are in remain.
  std::vector<Unit> natural = std::move(project.units);
  project.units.clear();
  std::vector<uint32_t> renumber(natural.size(), kNoUnit);
  UnitTable table(project);
  for (uint32_t i = 0; i < natural.size(); ++i) {
    std::optional<std::string> declared = opts.declared ? opts.declared(natural[i].dir()) : std::nullopt;
    renumber[i] =
        declared ? table.get(UnitKind::Declared, *declared) : table.get(natural[i].kind, natural[i].path);
    for (const std::string &d : natural[i].dirs) table.add_dir(renumber[i], d);
  }
  for (Resource &r : project.resources)
    if (r.unit != kNoUnit) r.unit = renumber[r.unit];
  for (Unit &u : project.units) {
    std::sort(u.dirs.begin(), u.dirs.end());
    u.dirs.erase(std::unique(u.dirs.begin(), u.dirs.end()), u.dirs.end());
  }
}

std::vector<uint32_t> units_of_file(const Project &project, const std::string &rel) {
  std::vector<uint32_t> out;
  const std::string dir = parent_dir(rel);
  // The nearest application (or declared unit) at or above the file.
  std::optional<uint32_t> nearest;
  for (uint32_t i = 0; i < project.units.size(); ++i) {
    const Unit &u = project.units[i];
    switch (u.kind) {
      case UnitKind::Stack:
      case UnitKind::TerraformPlan:
        if (u.path == rel) out.push_back(i);
        break;
      case UnitKind::TerraformRoot:
        if (std::binary_search(u.dirs.begin(), u.dirs.end(), dir)) out.push_back(i);
        break;
      case UnitKind::Application:
        if (path_at_or_below(dir, u.path) &&
            (!nearest || u.path.size() > project.units[*nearest].path.size()))
          nearest = i;
        break;
      case UnitKind::Declared:
        if (path_at_or_below(dir, u.path) || std::binary_search(u.dirs.begin(), u.dirs.end(), dir))
          out.push_back(i);
        break;
    }
  }
  if (nearest) out.push_back(*nearest);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace clause
