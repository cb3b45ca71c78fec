#pragma once
// The project configuration file `.clause.yaml` (docs/configuration.md):
// which rules and scenarios run, severity overrides, rule parameters, path
// excludes, extra rule packs, file-based suppressions, the --fail-on
// default and location tables for the cross-document rules.
//
// Found upward from each scan root (stopping at the top of the git work tree
// holding it; outside one, only the root itself is looked in), or named with
// --config. Unknown keys and bad values are errors that name file:line:col.
#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "checker/model/document.h"
#include "checker/model/limits.h"
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
  std::string cloudformation_account;                                     // AWS::AccountId, "" = unknown
  std::vector<std::pair<std::string, std::string>> cloudformation_paths;  // glob -> region
  std::map<std::string, std::string> kubernetes_clusters;                 // cluster -> region
  std::string kubernetes_default;                                         // cluster, "" = unknown
  std::vector<std::pair<std::string, std::string>> kubernetes_paths;      // glob -> cluster
};

struct Config {
  std::string path;  // absolute path of the file; "" when there is none
  std::string dir;   // its directory: globs and pack paths are relative to it

  std::vector<std::string> profiles;  // `profile:`; empty = recommended
  std::vector<RuleRef> enable_rules;  // exactly these; empty = the profiles' rules
  std::vector<RuleRef> extend_rules;  // run beside the profiles' rules
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
  // `cloudformation.parameters`: template glob -> parameters file (absolute).
  std::vector<std::pair<std::string, std::string>> cfn_parameter_files;
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
  // The parameters file of a CloudFormation template (the first glob that
  // matches), "" when none does.
  std::string cfn_parameters_for(const std::string &abs_path) const;
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
// Reads and parses a file: a regular file (not a FIFO or a device) of at
// most `max_size` bytes. Throws ConfigError. `rule-packs:` must stay inside
// the repository of the file (the top of its git work tree, or its own
// directory outside one); packs from elsewhere are named with --rules.
Config load_config(const std::string &path, uint64_t max_size = limits::kMaxFileSize);

// The .clause.yaml that applies to a scan root: looked for in the root (its
// directory for a file) and upward, up to the top of the git work tree that
// holds it; outside a work tree, only in the root itself. A file owned by
// neither the current user nor root is passed over, with a warning appended
// to `warnings` (the shape of git's CVE-2022-24765: a file planted in a
// shared directory above the checkout). "" when there is none.
// `user` is the user id judged as "you" (the effective user by default).
inline constexpr uint32_t kCurrentUser = UINT32_MAX;
std::string find_config(const std::string &root, std::vector<std::string> &warnings,
                        uint32_t user = kCurrentUser);

// The commented starter written by `clause init`.
const std::string &starter_config();

}  // namespace clause
