#pragma once
// The static shape of a scan's Terraform configuration: documents grouped by
// directory into modules, each with its variables, locals, outputs, module
// calls, resources, providers and the variable files Terraform loads
// automatically, plus which directories are evaluated as root modules.
//
// Root choice: a directory is evaluated as a root module unless another
// directory of the scan calls it through a local `source`; a called
// directory is evaluated only through its calls (with the arguments they
// pass), so a reusable module's required variables never show up as unset
// values. Directories that only a cycle reaches are evaluated as roots too,
// so no configuration is left out.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "checker/model/document.h"

namespace clause::tf {

struct Declared {
  const Document *doc = nullptr;
  const Block *block = nullptr;  // nullptr for a `locals` entry
  const Node *value = nullptr;   // default / local value / output value; nullptr when none
  Span span;                     // the declaration's header (or the local's name)
};

struct ModuleCall {
  std::string name;
  const Document *doc = nullptr;
  const Block *block = nullptr;
  std::string source;  // as written, when a string
  bool local = false;  // "./..." or "../..."
  // The called directory, relative to the scan root ("" is the root
  // itself: the examples of a module kept at the top of its repository).
  std::string target_dir;
  bool resolved = false;  // local, inside the scan root, and a directory of .tf files
};

struct ModuleDir {
  std::string path;  // relative to the scan root; "" for the root directory
  std::vector<const Document *> docs;
  // Looked up by the names expressions hold (string views).
  std::map<std::string, Declared, std::less<>> variables;
  std::map<std::string, Declared, std::less<>> locals;
  std::map<std::string, Declared, std::less<>> outputs;
  std::vector<ModuleCall> calls;  // in document order
  std::vector<Declared> resources;
  std::vector<Declared> providers;
  // `terraform { backend ... }` or `cloud { ... }`: state is kept here.
  bool keeps_state = false;
  // terraform.tfvars, terraform.tfvars.json, then *.auto.tfvars(.json) by name:
  // the order in which Terraform applies them (later wins).
  std::vector<const Document *> auto_var_files;
};

struct ModuleTree {
  std::map<std::string, ModuleDir> dirs;
  std::vector<std::string> roots;  // evaluated as root modules, in this order
};

ModuleTree build_module_tree(const std::vector<DocumentPtr> &documents);

std::string directory_of(const std::string &path);
// `base`/`relative` with `.` and `..` resolved; nullopt-like "" + false when
// it leaves the scan root.
bool join_module_path(const std::string &base, const std::string &relative, std::string &out);

}  // namespace clause::tf
