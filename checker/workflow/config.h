#pragma once
// The project configuration file `.clause.yaml` (docs/configuration.md):
// which rules and scenarios run, severity overrides, rule parameters, path
// excludes, extra rule packs, file-based suppressions, the --fail-on
// default and location tables for the cross-document rules.
//
// Found upward from each scan root (stopping at the directory that holds
// `.git`, or at the filesystem root), or named with --config. Unknown keys
// and bad values are errors that name file:line:col.
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "checker/model/document.h"
#include "checker/model/node.h"
#include "checker/model/severity.h"

namespace clause {

class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A rule named in the file (id or name), with where, so that a name no rule
// has can be reported at its line once the rule packs are loaded.
struct RuleRef {
  std::string key;
  uint32_t line = 0;  // 1-based
  uint32_t col = 0;
};

struct FileSuppression {
  std::string path;  // glob, relative to the config file's directory
  std::vector<RuleRef> rules;
  std::string reason;
  std::string until;  // YYYY-MM-DD or ""
  uint32_t line = 0;
};

struct RuleParameter {
  RuleRef rule;
  std::string name;
  Node value;
  uint32_t line = 0, col = 0;
};

// Where documents whose format does not name a region are deployed.
struct LocationTables {
  std::string cloudformation_default;                                     // region, "" = unknown
  std::vector<std::pair<std::string, std::string>> cloudformation_paths;  // glob -> region
  std::map<std::string, std::string> kubernetes_clusters;                 // cluster -> region
  std::string kubernetes_default;                                         // cluster, "" = unknown
  std::vector<std::pair<std::string, std::string>> kubernetes_paths;      // glob -> cluster
};

struct Config {
  std::string path;  // absolute path of the file; "" when there is none
  std::string dir;   // its directory: globs and pack paths are relative to it

  std::vector<RuleRef> enable_rules;  // empty = all
  std::vector<RuleRef> disable_rules;
  std::vector<std::string> enable_scenarios;  // empty = all
  std::vector<std::string> disable_scenarios;
  std::vector<std::pair<RuleRef, Severity>> severity;
  std::vector<RuleParameter> parameters;
  std::vector<std::string> exclude;     // globs
  std::vector<std::string> rule_packs;  // absolute directories
  std::vector<FileSuppression> suppressions;
  std::string fail_on;  // "" = not set; a severity name or "never"
  std::optional<bool> report_unused_suppressions;
  LocationTables locations;
  // Deployment units declared by directory glob (`units:`), and agreements
  // bound to named units (`agreements:`: agreement path -> unit globs),
  // all relative to the config's directory.
  std::vector<std::string> units;
  std::vector<std::pair<std::string, std::vector<std::string>>> agreement_units;

  bool empty() const { return path.empty(); }
  // `abs_path` relative to the config's directory ('/'-separated), or ""
  // when it lies outside it.
  std::string relative_path(const std::string &abs_path) const;
  // True when an `exclude` glob matches the file.
  bool excludes(const std::string &abs_path) const;
  // The region a CloudFormation or Kubernetes document is deployed to, ""
  // when the tables do not say.
  std::string region_for(DocKind kind, const std::string &abs_path) const;
  // The absolute directory of the topmost declared unit at or above
  // `abs_dir` (from the config's directory down), or "" when none is.
  std::string declared_unit(const std::string &abs_dir) const;
  // Whether `agreements:` binds the agreement at `agreement_abs` to the unit
  // at `unit_abs`; nullopt when it does not name the agreement.
  std::optional<bool> binds(const std::string &agreement_abs, const std::string &unit_abs) const;
};

inline constexpr const char *kConfigFileName = ".clause.yaml";

// Parses configuration text; `origin` names the file in errors. Throws ConfigError.
Config parse_config(const std::string &text, const std::string &origin);
// Reads and parses a file. Throws ConfigError.
Config load_config(const std::string &path);

// The .clause.yaml that applies to a scan root: looked for in the root (its
// directory for a file) and upward, up to the directory holding `.git` or
// the filesystem root. "" when there is none.
std::string find_config(const std::string &root);

// The commented starter written by `clause init`.
const std::string &starter_config();

}  // namespace clause
