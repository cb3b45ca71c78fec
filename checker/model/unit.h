#pragma once
// A deployment unit: the context a cross-resource rule judges in, between
// the scan root and the file (docs/architecture.md, "Deployment units").
// A Terraform root module (a directory no module of the scan calls, with
// the modules it instantiates), a CloudFormation template (a stack), a
// Terraform plan, a Kubernetes application (a kustomization or Helm chart
// directory, else a directory of plain manifests), or a unit `.clause.yaml`
// declares.
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace clause {

enum class UnitKind : uint8_t { TerraformRoot, TerraformPlan, Stack, Application, Declared };

const char *unit_kind_name(UnitKind kind);

inline constexpr uint32_t kNoUnit = std::numeric_limits<uint32_t>::max();

struct Unit {
  UnitKind kind = UnitKind::TerraformRoot;
  // Relative to the scan root: the directory ("" for the root itself), or
  // the file of a stack or plan.
  std::string path;
  // Directories (relative to the scan root) whose files make the unit up:
  // a Terraform root's own and those of the local modules it instantiates;
  // an application's directory (and those below it); a stack's or plan's
  // directory. Sorted, unique. A file deleted from one of them changes the
  // unit.
  std::vector<std::string> dirs;

  // How messages and SARIF name it: the path, "." for the scan root.
  std::string name() const { return path.empty() ? "." : path; }
  // The directory it stands in: agreements bind the units at or below
  // their own directory.
  std::string dir() const;
};

}  // namespace clause
