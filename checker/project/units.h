#pragma once
// Builds the deployment units of a Project (checker/model/unit.h) and puts
// every resource in one: Terraform root modules (added while Terraform is
// evaluated, terraform_project.h), then here CloudFormation stacks,
// Terraform plans and Kubernetes applications, and last the units that
// `.clause.yaml` declares, which take in every unit standing at or below
// their directory.
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "checker/discovery/discover.h"
#include "checker/project/project.h"

namespace clause {

// Finds or adds units of a project by kind and path.
class UnitTable {
 public:
  explicit UnitTable(Project &project);
  uint32_t get(UnitKind kind, const std::string &path);
  // Records that files of `dir` make up unit `u` (duplicates are removed
  // when the units are finished).
  void add_dir(uint32_t u, const std::string &dir);

 private:
  Project &project_;
  std::map<std::pair<UnitKind, std::string>, uint32_t> index_;
};

// Directories (relative to the scan root) holding a kustomization
// (kustomization.yaml, kustomization.yml, Kustomization) or a Helm chart
// (Chart.yaml): each is one Kubernetes application with what lies below it.
std::set<std::string> application_directories(const std::vector<SourceFile> &files);

struct UnitOptions {
  std::set<std::string> application_dirs;
  // The directory (relative to the scan root) of the unit `.clause.yaml`
  // declares for a directory (at or above it); nullopt when none is.
  // Unset: no declared units.
  std::function<std::optional<std::string>(const std::string &dir)> declared;
};

// Gives each resource that has no unit yet its stack, plan or application,
// merges units into the declared ones, and finishes every unit.
void assign_units(Project &project, const UnitOptions &opts);

// The units (indexes into project.units) that a file at `rel` (relative to
// the scan root, existing or deleted) is part of.
std::vector<uint32_t> units_of_file(const Project &project, const std::string &rel);

// Whether `path` is `dir` or lies below it ('/'-separated, "" is the root).
bool path_at_or_below(const std::string &path, const std::string &dir);

}  // namespace clause
