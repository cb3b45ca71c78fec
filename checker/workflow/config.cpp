#include "checker/workflow/config.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <functional>

#include "checker/engine/profiles.h"
#include "checker/geo/regions.h"
#include "checker/platform/regular_file.h"
#include "checker/workflow/dates.h"
#include "checker/workflow/git.h"
#include "checker/workflow/glob.h"
#include "parsers/parse_options.h"
#include "parsers/yaml/yaml_parser.h"

namespace clause {
namespace fs = std::filesystem;
namespace {

bool known_region(const std::string &region) {
  for (ProviderFamily p : {ProviderFamily::Aws, ProviderFamily::Azure, ProviderFamily::Google})
    if (geo::countries_of_region(p, region)) return true;
  return false;
}

bool is_scenario(const std::string &s) {
  for (int i = 1; i <= 15; ++i)
    if (s == "5." + std::to_string(i)) return true;
  return false;
}

// Reads the located tree our YAML parser builds (never yaml-cpp's loader: the
// parser has the limits and the workarounds for yaml-cpp hangs, and exact
// positions for every key and value).
class Reader {
 public:
  Reader(std::string origin, std::string_view source) : origin_(std::move(origin)), source_(source) {}

  [[noreturn]] void fail(const Span &at, const std::string &message) const {
    std::string where = origin_;
    if (at.valid()) where += ":" + std::to_string(at.start_line) + ":" + std::to_string(at.start_col);
    throw ConfigError(where + ": " + message);
  }
  [[noreturn]] void fail(const Node &n, const std::string &message) const { fail(n.span, message); }

  // A scalar as it is written: an unquoted 5.10 stays "5.10".
  std::string spelling(const Node &n) const {
    if (n.kind == NodeKind::Bool) {
      // The parser keeps no spelling for booleans; the source does.
      const Span &s = n.span;
      if (s.valid() && s.end_offset > s.start_offset && s.end_offset <= source_.size()) {
        std::string_view written = source_.substr(s.start_offset, s.end_offset - s.start_offset);
        if (written.size() == (n.boolean ? 4u : 5u)) return std::string(written);
      }
      return n.scalar_text();
    }
    return n.is_scalar() ? n.text : std::string();
  }

  // Each key of a mapping, after checking it is one of `allowed`.
  template <typename Fn>
  void for_each_key(const Node &map, const std::string &what, std::initializer_list<const char *> allowed,
                    Fn fn) const {
    if (map.is_null()) return;
    if (!map.is_map()) fail(map, what + " must be a mapping");
    for (const MapEntry &kv : map.entries) {
      bool ok = false;
      std::string list;
      for (const char *a : allowed) {
        if (kv.key == a) ok = true;
        list += (list.empty() ? "" : ", ") + std::string(a);
      }
      if (!ok)
        fail(kv.key_span, "unknown key '" + kv.key + "' in " + what + " (expected one of: " + list + ")");
      fn(kv.key, kv.value);
    }
  }

  std::string scalar(const Node &n, const std::string &what) const {
    if (!n.is_scalar() || spelling(n).empty()) fail(n, what + " must be a non-empty text value");
    return spelling(n);
  }

  // A sequence of scalars, or one scalar.
  std::vector<const Node *> items(const Node &n, const std::string &what) const {
    std::vector<const Node *> out;
    if (n.is_null()) return out;
    if (n.is_scalar()) {
      out.push_back(&n);
    } else if (n.is_list()) {
      for (const Node &item : n.items) out.push_back(&item);
    } else {
      fail(n, what + " must be a list");
    }
    for (const Node *item : out)
      if (!item->is_scalar() || spelling(*item).empty()) fail(*item, what + " must list text values");
    return out;
  }

  std::vector<std::string> strings(const Node &n, const std::string &what) const {
    std::vector<std::string> out;
    for (const Node *item : items(n, what)) out.push_back(spelling(*item));
    return out;
  }

  RuleRef rule_ref(const Node &n) const { return RuleRef{spelling(n), n.span.start_line, n.span.start_col}; }
  static RuleRef rule_ref(const MapEntry &e) {
    return RuleRef{e.key, e.key_span.start_line, e.key_span.start_col};
  }

  std::vector<RuleRef> rules(const Node &n, const std::string &what) const {
    std::vector<RuleRef> out;
    for (const Node *item : items(n, what)) out.push_back(rule_ref(*item));
    return out;
  }

  std::vector<std::string> scenarios(const Node &n, const std::string &what) const {
    std::vector<std::string> out;
    for (const Node *item : items(n, what)) {
      std::string s = spelling(*item);
      if (!is_scenario(s)) fail(*item, "'" + s + "' is not one of the scenarios 5.1 ... 5.15");
      out.push_back(std::move(s));
    }
    return out;
  }

  // `profile: recommended` or a list of profiles (checker/engine/profiles.h).
  std::vector<std::string> profiles(const Node &n) const {
    std::vector<std::string> out;
    for (const Node *item : items(n, "profile")) {
      std::string s = spelling(*item);
      if (s != kAllProfiles && !is_known_profile(s)) {
        std::string known;
        for (const auto &k : known_profiles()) known += k + ", ";
        fail(*item, "profile: '" + s + "' is not a profile (" + known + "all)");
      }
      out.push_back(std::move(s));
    }
    return out;
  }

  bool boolean(const Node &n, const std::string &what) const {
    const std::string s = spelling(n);
    if (s == "true") return true;
    if (s == "false") return false;
    fail(n, what + " must be true or false");
  }

  std::string date(const Node &n, const std::string &what) const {
    std::string s = scalar(n, what);
    if (!is_iso_date(s)) fail(n, what + ": '" + s + "' is not a date written YYYY-MM-DD");
    return s;
  }

  std::string region(const Node &n, const std::string &what) const {
    std::string s = scalar(n, what);
    if (!known_region(s)) fail(n, what + ": '" + s + "' is not a known AWS, Azure or Google region");
    return s;
  }

  // A parameter value, typed by the YAML 1.2 core schema as the rule packs'
  // own values are: plain `14` is a number, `true` a boolean, quoted text
  // stays text. It keeps its span, for errors once the rules are known.
  static Node value(const Node &n) { return n; }

 private:
  std::string origin_;
  std::string_view source_;
};

void read_rules(const Reader &r, const Node &node, Config &c) {
  r.for_each_key(
      node, "'rules'", {"enable", "extend-enable", "disable", "severity", "parameters"},
      [&](const std::string &key, const Node &v) {
        if (key == "enable") {
          c.enable_rules = r.rules(v, "rules.enable");
        } else if (key == "extend-enable") {
          c.extend_rules = r.rules(v, "rules.extend-enable");
        } else if (key == "disable") {
          c.disable_rules = r.rules(v, "rules.disable");
        } else if (key == "severity") {
          if (!v.is_map()) r.fail(v, "rules.severity must map rule ids or names to severities");
          for (const MapEntry &kv : v.entries) {
            std::string s = r.scalar(kv.value, "rules.severity." + kv.key);
            auto sev = parse_severity(s);
            if (!sev) r.fail(kv.value, "'" + s + "' is not a severity (critical, high, medium, low, info)");
            c.severity.emplace_back(Reader::rule_ref(kv), *sev);
          }
        } else {
          if (!v.is_map()) r.fail(v, "rules.parameters must map rule ids or names to parameters");
          for (const MapEntry &kv : v.entries) {
            if (!kv.value.is_map())
              r.fail(kv.value, "rules.parameters." + kv.key + " must map names to values");
            for (const MapEntry &p : kv.value.entries)
              c.parameters.push_back(RuleParameter{Reader::rule_ref(kv), p.key, Reader::value(p.value),
                                                   p.key_span.start_line, p.key_span.start_col});
          }
        }
      });
}

void read_suppressions(const Reader &r, const Node &node, Config &c) {
  if (node.is_null()) return;
  if (!node.is_list()) r.fail(node, "'suppressions' must be a list");
  for (const Node &item : node.items) {
    FileSuppression s;
    s.line = item.span.start_line;
    r.for_each_key(item, "a suppression", {"path", "rules", "rule", "reason", "until"},
                   [&](const std::string &key, const Node &v) {
                     if (key == "path") {
                       s.path = r.scalar(v, "suppression path");
                     } else if (key == "rules" || key == "rule") {
                       auto more = r.rules(v, "suppression " + key);
                       s.rules.insert(s.rules.end(), more.begin(), more.end());
                     } else if (key == "reason") {
                       s.reason = r.scalar(v, "suppression reason");
                     } else {
                       s.until = r.date(v, "suppression until");
                     }
                   });
    if (!item.is_map()) r.fail(item, "a suppression must be a mapping with path, rules and reason");
    if (s.path.empty()) r.fail(item, "a suppression needs a 'path' glob");
    if (s.rules.empty()) r.fail(item, "a suppression needs 'rules' (ids or names)");
    if (s.reason.empty()) r.fail(item, "a suppression needs a 'reason': say why the finding is accepted");
    c.suppressions.push_back(std::move(s));
  }
}

std::vector<std::pair<std::string, std::string>> read_path_table(
    const Reader &r, const Node &v, const std::string &what,
    const std::function<std::string(const Node &, const std::string &)> &value) {
  if (!v.is_map()) r.fail(v, what + " must map path globs to values");
  std::vector<std::pair<std::string, std::string>> out;
  for (const MapEntry &kv : v.entries) out.emplace_back(kv.key, value(kv.value, what + "." + kv.key));
  return out;
}

void read_locations(const Reader &r, const Node &node, Config &c) {
  LocationTables &t = c.locations;
  auto region = [&](const Node &n, const std::string &what) { return r.region(n, what); };
  r.for_each_key(
      node, "'locations'", {"cloudformation", "kubernetes"}, [&](const std::string &key, const Node &v) {
        if (key == "cloudformation") {
          r.for_each_key(
              v, "'locations.cloudformation'", {"default", "paths", "account"},
              [&](const std::string &k, const Node &w) {
                if (k == "default") {
                  t.cloudformation_default = r.region(w, "locations.cloudformation.default");
                } else if (k == "account") {
                  t.cloudformation_account = r.spelling(w);
                  if (t.cloudformation_account.size() != 12 ||
                      t.cloudformation_account.find_first_not_of("0123456789") != std::string::npos)
                    r.fail(w, "locations.cloudformation.account must be a 12-digit AWS account id");
                } else {
                  t.cloudformation_paths = read_path_table(r, w, "locations.cloudformation.paths", region);
                }
              });
          return;
        }
        const Node *default_node = nullptr;
        std::vector<const Node *> cluster_refs;
        r.for_each_key(v, "'locations.kubernetes'", {"default", "clusters", "paths"},
                       [&](const std::string &k, const Node &w) {
                         if (k == "clusters") {
                           if (!w.is_map())
                             r.fail(w, "locations.kubernetes.clusters must map cluster names to regions");
                           for (const MapEntry &kv : w.entries)
                             t.kubernetes_clusters[kv.key] =
                                 r.region(kv.value, "locations.kubernetes.clusters." + kv.key);
                         } else if (k == "default") {
                           t.kubernetes_default = r.scalar(w, "locations.kubernetes.default");
                           default_node = &w;
                         } else {
                           t.kubernetes_paths = read_path_table(r, w, "locations.kubernetes.paths",
                                                                [&](const Node &n, const std::string &what) {
                                                                  cluster_refs.push_back(&n);
                                                                  return r.scalar(n, what);
                                                                });
                         }
                       });
        for (const Node *n : cluster_refs) {
          const std::string name = r.spelling(*n);
          if (!t.kubernetes_clusters.count(name))
            r.fail(*n, "'" + name + "' is not a cluster listed in locations.kubernetes.clusters");
        }
        if (default_node && !t.kubernetes_clusters.count(t.kubernetes_default) &&
            !known_region(t.kubernetes_default))
          r.fail(*default_node, "locations.kubernetes.default: '" + t.kubernetes_default +
                                    "' is neither a listed cluster nor a known region");
      });
}

// The directory a configuration's rule packs must stay inside: the top of
// the git work tree holding it, or its own directory outside one.
std::string repository_of(const std::string &config_dir) {
  const std::string top = git_toplevel(config_dir);
  return top.empty() ? config_dir : top;
}

// True when `path` is `dir` or below it, symbolic links resolved (as far as
// they exist: a pack that is not there yet is judged by its name).
bool inside(const std::string &path, const std::string &dir) {
  std::error_code ec;
  const fs::path p = fs::weakly_canonical(path, ec);
  const fs::path d = fs::weakly_canonical(dir, ec);
  auto pi = p.begin();
  for (auto di = d.begin(); di != d.end(); ++di, ++pi) {
    if (di->empty() && std::next(di) == d.end()) break;  // a trailing '/'
    if (pi == p.end() || *pi != *di) return false;
  }
  return true;
}

}  // namespace

Config parse_config(const std::string &text, const std::string &origin) {
  Document doc;
  doc.path = origin;
  doc.source = text;
  ParseOptions opts;
  opts.detect_helm_templates = false;  // a configuration is never a Helm chart: keep its syntax errors
  parse_yaml(doc, opts);
  const Reader r(origin, doc.source);
  // Every problem the parser reports is an error, a duplicate key included
  // (which of two `fail-on:` lines would count?). The first in the file is named.
  if (!doc.diagnostics.empty()) {
    const Diagnostic *first = &doc.diagnostics.front();
    for (const Diagnostic &d : doc.diagnostics)
      if (d.span.valid() && (!first->span.valid() || d.span.start_offset < first->span.start_offset))
        first = &d;
    r.fail(first->span, first->message);
  }
  Config c;
  c.path = origin;
  c.dir = fs::path(origin).parent_path().string();
  const Node *root = nullptr;
  for (const Node &n : doc.roots) {
    if (n.is_null()) continue;  // an empty or comment-only document
    if (root) r.fail(n, "the configuration must be a single YAML document");
    root = &n;
  }
  if (!root) return c;
  if (!root->is_map()) r.fail(*root, "the configuration must be a mapping of settings");
  r.for_each_key(
      *root, "the configuration",
      {"version", "profile", "rules", "scenarios", "exclude", "rule-packs", "suppressions", "fail-on",
       "report-unused-suppressions", "locations", "cloudformation", "units", "agreements"},
      [&](const std::string &key, const Node &v) {
        if (key == "version") {
          if (!v.is_scalar() || r.spelling(v) != "1") r.fail(v, "version must be 1");
        } else if (key == "profile") {
          c.profiles = r.profiles(v);
        } else if (key == "rules") {
          read_rules(r, v, c);
        } else if (key == "scenarios") {
          r.for_each_key(v, "'scenarios'", {"enable", "disable"}, [&](const std::string &k, const Node &w) {
            (k == "enable" ? c.enable_scenarios : c.disable_scenarios) = r.scenarios(w, "scenarios." + k);
          });
        } else if (key == "exclude") {
          c.exclude = r.strings(v, "exclude");
        } else if (key == "rule-packs") {
          const std::string repository = repository_of(c.dir);
          for (const Node *item : r.items(v, "rule-packs")) {
            const std::string pack = (fs::path(c.dir) / r.spelling(*item)).lexically_normal().string();
            if (!inside(pack, repository))
              r.fail(*item, "rule-packs: '" + r.spelling(*item) + "' is outside the repository (" +
                                repository + "); name rule packs from elsewhere with --rules");
            c.rule_packs.push_back(pack);
          }
        } else if (key == "suppressions") {
          read_suppressions(r, v, c);
        } else if (key == "fail-on") {
          std::string s = r.scalar(v, "fail-on");
          if (s != "never" && !parse_severity(s))
            r.fail(v, "fail-on: '" + s + "' is not a severity (critical, high, medium, low, info) or never");
          c.fail_on = s;
        } else if (key == "report-unused-suppressions") {
          c.report_unused_suppressions = r.boolean(v, "report-unused-suppressions");
        } else if (key == "cloudformation") {
          r.for_each_key(v, "'cloudformation'", {"parameters"}, [&](const std::string &, const Node &w) {
            for (auto &[glob, file] :
                 read_path_table(r, w, "cloudformation.parameters",
                                 [&](const Node &n, const std::string &what) { return r.scalar(n, what); }))
              c.cfn_parameter_files.emplace_back(glob, (fs::path(c.dir) / file).lexically_normal().string());
          });
        } else if (key == "units") {
          c.units = r.strings(v, "units");
        } else if (key == "agreements") {
          if (!v.is_map()) r.fail(v, "agreements must map agreement files to the units they bind");
          for (const MapEntry &kv : v.entries)
            c.agreement_units.emplace_back(kv.key, r.strings(kv.value, "agreements." + kv.key));
        } else {
          read_locations(r, v, c);
        }
      });
  return c;
}

Config load_config(const std::string &path, uint64_t max_size) {
  std::error_code ec;
  fs::path abs = fs::absolute(path, ec).lexically_normal();
  std::string text;
  const FileReadResult read = read_regular_file(abs.string(), max_size, text);
  if (read.status != FileRead::Ok)
    throw ConfigError(path + ": the configuration file " + describe_file_read(read, max_size));
  return parse_config(text, abs.string());
}

std::string Config::relative_path(const std::string &abs_path) const {
  fs::path rel = fs::path(abs_path).lexically_normal().lexically_relative(dir);
  std::string s = rel.generic_string();
  if (s.empty() || s.starts_with("..")) return "";
  return s;
}

bool Config::excludes(const std::string &abs_path) const {
  if (exclude.empty()) return false;
  const std::string rel = relative_path(abs_path);
  if (rel.empty()) return false;
  for (const std::string &g : exclude)
    if (glob_match(g, rel)) return true;
  return false;
}

std::string Config::cfn_parameters_for(const std::string &abs_path) const {
  if (cfn_parameter_files.empty()) return "";  // the path need not be made relative
  const std::string rel = relative_path(abs_path);
  for (const auto &[glob, file] : cfn_parameter_files)
    if (!rel.empty() && glob_match(glob, rel)) return file;
  return "";
}

namespace {

// A glob of `units:` or `agreements:` names a directory (or a stack's file):
// a trailing '/' changes nothing.
bool unit_glob_match(std::string_view glob, const std::string &rel) {
  while (glob.size() > 1 && glob.back() == '/') glob.remove_suffix(1);
  return glob_match(glob, rel.empty() ? "." : rel);
}

}  // namespace

std::string Config::declared_unit(const std::string &abs_dir) const {
  if (units.empty()) return "";
  std::string rel = fs::path(abs_dir).lexically_normal().lexically_relative(dir).generic_string();
  if (rel.starts_with("..")) return "";
  if (rel == ".") rel.clear();
  // A glob matches what lies below a directory it matches too: the unit is
  // the topmost matching directory, from the config's directory down.
  size_t end = 0;
  while (true) {
    const std::string prefix = rel.substr(0, end);
    for (const std::string &g : units)
      if (unit_glob_match(g, prefix)) return prefix.empty() ? dir : (fs::path(dir) / prefix).string();
    if (end >= rel.size()) return "";
    end = rel.find('/', end + 1);
    if (end == std::string::npos) end = rel.size();
  }
}

std::optional<bool> Config::binds(const std::string &agreement_abs, const std::string &unit_abs) const {
  const std::string agreement = relative_path(agreement_abs);
  for (const auto &[path, globs] : agreement_units) {
    if (fs::path(path).lexically_normal().generic_string() != agreement) continue;
    std::string unit = fs::path(unit_abs).lexically_normal().lexically_relative(dir).generic_string();
    if (unit.starts_with("..")) return false;
    if (unit == ".") unit.clear();
    for (const std::string &g : globs)
      if (unit_glob_match(g, unit)) return true;
    return false;
  }
  return std::nullopt;
}

std::string Config::region_for(DocKind kind, const std::string &abs_path) const {
  // Made relative only when a glob will be matched against it.
  const bool globs = kind == DocKind::CloudFormation ? !locations.cloudformation_paths.empty()
                     : kind == DocKind::Kubernetes   ? !locations.kubernetes_paths.empty()
                                                     : false;
  const std::string rel = globs ? relative_path(abs_path) : std::string();
  if (kind == DocKind::CloudFormation) {
    for (const auto &[glob, region] : locations.cloudformation_paths)
      if (!rel.empty() && glob_match(glob, rel)) return region;
    return locations.cloudformation_default;
  }
  if (kind == DocKind::Kubernetes) {
    std::string cluster = locations.kubernetes_default;
    for (const auto &[glob, name] : locations.kubernetes_paths) {
      if (!rel.empty() && glob_match(glob, rel)) {
        cluster = name;
        break;
      }
    }
    auto it = locations.kubernetes_clusters.find(cluster);
    if (it != locations.kubernetes_clusters.end()) return it->second;
    return cluster;  // a region given directly as the default, or ""
  }
  return "";
}

std::string find_config(const std::string &root, std::vector<std::string> &warnings, uint32_t user) {
  std::error_code ec;
  fs::path dir = fs::absolute(root, ec).lexically_normal();
  if (dir.filename().empty()) dir = dir.parent_path();  // "/a/b/" -> "/a/b"
  if (!fs::is_directory(dir, ec)) dir = dir.parent_path();
  // Never above the work tree (or, outside one, the root): a file planted
  // in a shared parent directory must not steer the scan.
  const std::string top = git_toplevel(dir.string());
  const fs::path stop = top.empty() ? dir : fs::path(top);
  const uint32_t me = user == kCurrentUser ? static_cast<uint32_t>(::geteuid()) : user;
  while (true) {
    fs::path candidate = dir / kConfigFileName;
    uint32_t owner = 0;
    if (fs::exists(candidate, ec) && file_owner(candidate.string(), owner)) {
      if (owner == me || owner == 0) return candidate.string();
      warnings.push_back(candidate.string() + ": ignored: owned by user id " + std::to_string(owner) +
                         ", neither you nor root (name it with --config to use it)");
    }
    if (dir == stop) return "";
    fs::path parent = dir.parent_path();
    if (parent == dir || parent.empty()) return "";
    dir = parent;
  }
}

const std::string &starter_config() {
  static const std::string text = R"(# clause configuration (docs/configuration.md).
# clause reads the .clause.yaml it finds in the scan root or the nearest
# directory above it, up to the repository root; --config FILE names one.
version: 1

rules:
  # Run only these rules (ids or names); leave empty to run all of them.
  enable: []
  # Never run these.
  disable: []
  # Severity overrides: critical, high, medium, low or info.
  severity: {}
  #   CL-1001: high
  # Policy thresholds of rules that declare parameters.
  parameters: {}
  #   CL-0901:
  #     min_days: 14

scenarios:
  # Run only rules of these ISO/IEC 20000-9 scenarios (5.1 ... 5.15); empty = all.
  enable: []
  disable: []

# Files left out of the scan: globs relative to this file (** crosses directories).
exclude: []
#  - "legacy/**"
#  - "*.generated.tf"

# Extra rule packs: directories relative to this file.
rule-packs: []

# Accepted findings by file, each with a reason and, best, an expiry date.
suppressions: []
#  - path: "sandbox/**"
#    rules: [CL-0901]
#    reason: sandbox databases hold no customer data
#    until: 2026-12-31

# Exit 1 when a finding at or above this severity remains: critical, high,
# medium, low, info or never. --fail-on overrides it.
fail-on: low

# Report clause:ignore directives that no longer suppress anything; on by
# default when CI=true.
# report-unused-suppressions: true

# Where documents that name no region are deployed, for the rules that
# compare locations with the agreement.
locations: {}
#  cloudformation:
#    default: eu-central-1
#    account: "123456789012"   # AWS::AccountId, for templates that ask for it
#  kubernetes:
#    clusters:
#      prod: eu-west-1
#    default: prod

# The parameter values CloudFormation templates are deployed with: template
# globs -> a parameters file or a CodePipeline template configuration.
# Without one, a parameter has its template default (findings say so).
# cloudformation:
#   parameters:
#     "stacks/app.yaml": params/prod.json
)";
  return text;
}

}  // namespace clause
