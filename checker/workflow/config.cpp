#include "checker/workflow/config.h"

#include <yaml-cpp/yaml.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

#include "checker/geo/regions.h"
#include "checker/workflow/dates.h"
#include "checker/workflow/glob.h"

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

class Reader {
 public:
  explicit Reader(std::string origin) : origin_(std::move(origin)) {}

  [[noreturn]] void fail(const YAML::Mark &m, const std::string &message) const {
    throw ConfigError(origin_ + ":" + std::to_string(m.line + 1) + ":" + std::to_string(m.column + 1) + ": " +
                      message);
  }
  [[noreturn]] void fail(const YAML::Node &n, const std::string &message) const { fail(n.Mark(), message); }

  // Each key of a mapping, after checking it is one of `allowed`.
  template <typename Fn>
  void for_each_key(const YAML::Node &map, const std::string &what,
                    std::initializer_list<const char *> allowed, Fn fn) const {
    if (map.IsNull()) return;
    if (!map.IsMap()) fail(map, what + " must be a mapping");
    for (const auto &kv : map) {
      const std::string key = kv.first.Scalar();
      bool ok = false;
      std::string list;
      for (const char *a : allowed) {
        if (key == a) ok = true;
        list += (list.empty() ? "" : ", ") + std::string(a);
      }
      if (!ok) fail(kv.first, "unknown key '" + key + "' in " + what + " (expected one of: " + list + ")");
      fn(key, kv.first, kv.second);
    }
  }

  std::string scalar(const YAML::Node &n, const std::string &what) const {
    if (!n.IsScalar() || n.Scalar().empty()) fail(n, what + " must be a non-empty text value");
    return n.Scalar();
  }

  // A sequence of scalars, or one scalar.
  std::vector<const YAML::Node *> items(const YAML::Node &n, const std::string &what,
                                        std::vector<YAML::Node> &keep) const {
    keep.clear();
    if (n.IsNull()) return {};
    if (n.IsScalar()) {
      keep.push_back(n);
    } else if (n.IsSequence()) {
      for (const auto &item : n) keep.push_back(item);
    } else {
      fail(n, what + " must be a list");
    }
    std::vector<const YAML::Node *> out;
    for (const auto &k : keep) {
      if (!k.IsScalar() || k.Scalar().empty()) fail(k, what + " must list text values");
      out.push_back(&k);
    }
    return out;
  }

  std::vector<std::string> strings(const YAML::Node &n, const std::string &what) const {
    std::vector<YAML::Node> keep;
    std::vector<std::string> out;
    for (const YAML::Node *item : items(n, what, keep)) out.push_back(item->Scalar());
    return out;
  }

  RuleRef rule_ref(const YAML::Node &n) const {
    return RuleRef{n.Scalar(), static_cast<uint32_t>(n.Mark().line + 1),
                   static_cast<uint32_t>(n.Mark().column + 1)};
  }

  std::vector<RuleRef> rules(const YAML::Node &n, const std::string &what) const {
    std::vector<YAML::Node> keep;
    std::vector<RuleRef> out;
    for (const YAML::Node *item : items(n, what, keep)) out.push_back(rule_ref(*item));
    return out;
  }

  std::vector<std::string> scenarios(const YAML::Node &n, const std::string &what) const {
    std::vector<YAML::Node> keep;
    std::vector<std::string> out;
    for (const YAML::Node *item : items(n, what, keep)) {
      if (!is_scenario(item->Scalar()))
        fail(*item, "'" + item->Scalar() + "' is not one of the scenarios 5.1 ... 5.15");
      out.push_back(item->Scalar());
    }
    return out;
  }

  bool boolean(const YAML::Node &n, const std::string &what) const {
    const std::string s = n.IsScalar() ? n.Scalar() : "";
    if (s == "true") return true;
    if (s == "false") return false;
    fail(n, what + " must be true or false");
  }

  std::string date(const YAML::Node &n, const std::string &what) const {
    std::string s = scalar(n, what);
    if (!is_iso_date(s)) fail(n, what + ": '" + s + "' is not a date written YYYY-MM-DD");
    return s;
  }

  std::string region(const YAML::Node &n, const std::string &what) const {
    std::string s = scalar(n, what);
    if (!known_region(s)) fail(n, what + ": '" + s + "' is not a known AWS, Azure or Google region");
    return s;
  }

  // A parameter value: plain scalars become booleans or numbers when they
  // read as such; quoted ones stay text.
  Node value(const YAML::Node &n) const {
    const Span at{static_cast<uint32_t>(n.Mark().line + 1), static_cast<uint32_t>(n.Mark().column + 1)};
    if (n.IsNull()) return Node::null(at);
    if (n.IsScalar()) {
      const std::string &s = n.Scalar();
      if (n.Tag() != "!") {
        if (s == "true" || s == "false") return Node::make_bool(s == "true", at);
        char *end = nullptr;
        double d = std::strtod(s.c_str(), &end);
        if (!s.empty() && end == s.c_str() + s.size()) return Node::make_number(d, s, at);
      }
      return Node::make_string(s, at);
    }
    if (n.IsSequence()) {
      Node list = Node::make_list(at);
      for (const auto &item : n) list.items.push_back(value(item));
      return list;
    }
    Node map = Node::make_map(at);
    for (const auto &kv : n) map.add(kv.first.Scalar(), value(kv.second));
    return map;
  }

 private:
  std::string origin_;
};

void read_rules(const Reader &r, const YAML::Node &node, Config &c) {
  r.for_each_key(
      node, "'rules'", {"enable", "disable", "severity", "parameters"},
      [&](const std::string &key, const YAML::Node &, const YAML::Node &v) {
        if (key == "enable") {
          c.enable_rules = r.rules(v, "rules.enable");
        } else if (key == "disable") {
          c.disable_rules = r.rules(v, "rules.disable");
        } else if (key == "severity") {
          if (!v.IsMap()) r.fail(v, "rules.severity must map rule ids or names to severities");
          for (const auto &kv : v) {
            std::string s = r.scalar(kv.second, "rules.severity." + kv.first.Scalar());
            auto sev = parse_severity(s);
            if (!sev) r.fail(kv.second, "'" + s + "' is not a severity (critical, high, medium, low, info)");
            c.severity.emplace_back(r.rule_ref(kv.first), *sev);
          }
        } else {
          if (!v.IsMap()) r.fail(v, "rules.parameters must map rule ids or names to parameters");
          for (const auto &kv : v) {
            if (!kv.second.IsMap())
              r.fail(kv.second, "rules.parameters." + kv.first.Scalar() + " must map names to values");
            for (const auto &p : kv.second) {
              c.parameters.push_back(RuleParameter{r.rule_ref(kv.first), p.first.Scalar(), r.value(p.second),
                                                   static_cast<uint32_t>(p.first.Mark().line + 1),
                                                   static_cast<uint32_t>(p.first.Mark().column + 1)});
            }
          }
        }
      });
}

void read_suppressions(const Reader &r, const YAML::Node &node, Config &c) {
  if (node.IsNull()) return;
  if (!node.IsSequence()) r.fail(node, "'suppressions' must be a list");
  for (const auto &item : node) {
    FileSuppression s;
    s.line = static_cast<uint32_t>(item.Mark().line + 1);
    r.for_each_key(item, "a suppression", {"path", "rules", "rule", "reason", "until"},
                   [&](const std::string &key, const YAML::Node &, const YAML::Node &v) {
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
    if (!item.IsMap()) r.fail(item, "a suppression must be a mapping with path, rules and reason");
    if (s.path.empty()) r.fail(item, "a suppression needs a 'path' glob");
    if (s.rules.empty()) r.fail(item, "a suppression needs 'rules' (ids or names)");
    if (s.reason.empty()) r.fail(item, "a suppression needs a 'reason': say why the finding is accepted");
    c.suppressions.push_back(std::move(s));
  }
}

std::vector<std::pair<std::string, std::string>> read_path_table(
    const Reader &r, const YAML::Node &v, const std::string &what,
    const std::function<std::string(const YAML::Node &, const std::string &)> &value) {
  if (!v.IsMap()) r.fail(v, what + " must map path globs to values");
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto &kv : v)
    out.emplace_back(kv.first.Scalar(), value(kv.second, what + "." + kv.first.Scalar()));
  return out;
}

void read_locations(const Reader &r, const YAML::Node &node, Config &c) {
  LocationTables &t = c.locations;
  auto region = [&](const YAML::Node &n, const std::string &what) { return r.region(n, what); };
  r.for_each_key(
      node, "'locations'", {"cloudformation", "kubernetes"},
      [&](const std::string &key, const YAML::Node &, const YAML::Node &v) {
        if (key == "cloudformation") {
          r.for_each_key(v, "'locations.cloudformation'", {"default", "paths"},
                         [&](const std::string &k, const YAML::Node &, const YAML::Node &w) {
                           if (k == "default") {
                             t.cloudformation_default = r.region(w, "locations.cloudformation.default");
                           } else {
                             t.cloudformation_paths =
                                 read_path_table(r, w, "locations.cloudformation.paths", region);
                           }
                         });
          return;
        }
        YAML::Node default_node;
        std::vector<YAML::Node> cluster_refs;
        r.for_each_key(v, "'locations.kubernetes'", {"default", "clusters", "paths"},
                       [&](const std::string &k, const YAML::Node &, const YAML::Node &w) {
                         if (k == "clusters") {
                           if (!w.IsMap())
                             r.fail(w, "locations.kubernetes.clusters must map cluster names to regions");
                           for (const auto &kv : w)
                             t.kubernetes_clusters[kv.first.Scalar()] =
                                 r.region(kv.second, "locations.kubernetes.clusters." + kv.first.Scalar());
                         } else if (k == "default") {
                           t.kubernetes_default = r.scalar(w, "locations.kubernetes.default");
                           default_node = w;
                         } else {
                           t.kubernetes_paths =
                               read_path_table(r, w, "locations.kubernetes.paths",
                                               [&](const YAML::Node &n, const std::string &what) {
                                                 cluster_refs.push_back(n);
                                                 return r.scalar(n, what);
                                               });
                         }
                       });
        for (const YAML::Node &n : cluster_refs)
          if (!t.kubernetes_clusters.count(n.Scalar()))
            r.fail(n, "'" + n.Scalar() + "' is not a cluster listed in locations.kubernetes.clusters");
        if (default_node && !t.kubernetes_clusters.count(t.kubernetes_default) &&
            !known_region(t.kubernetes_default))
          r.fail(default_node, "locations.kubernetes.default: '" + t.kubernetes_default +
                                   "' is neither a listed cluster nor a known region");
      });
}

}  // namespace

Config parse_config(const std::string &text, const std::string &origin) {
  const Reader r(origin);
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception &e) {
    r.fail(e.mark, e.msg);
  }
  Config c;
  c.path = origin;
  c.dir = fs::path(origin).parent_path().string();
  if (root.IsNull()) return c;
  if (!root.IsMap()) r.fail(root, "the configuration must be a mapping of settings");
  r.for_each_key(
      root, "the configuration",
      {"version", "rules", "scenarios", "exclude", "rule-packs", "suppressions", "fail-on",
       "report-unused-suppressions", "locations"},
      [&](const std::string &key, const YAML::Node &, const YAML::Node &v) {
        if (key == "version") {
          if (!v.IsScalar() || v.Scalar() != "1") r.fail(v, "version must be 1");
        } else if (key == "rules") {
          read_rules(r, v, c);
        } else if (key == "scenarios") {
          r.for_each_key(v, "'scenarios'", {"enable", "disable"},
                         [&](const std::string &k, const YAML::Node &, const YAML::Node &w) {
                           (k == "enable" ? c.enable_scenarios : c.disable_scenarios) =
                               r.scenarios(w, "scenarios." + k);
                         });
        } else if (key == "exclude") {
          c.exclude = r.strings(v, "exclude");
        } else if (key == "rule-packs") {
          for (const std::string &p : r.strings(v, "rule-packs"))
            c.rule_packs.push_back((fs::path(c.dir) / p).lexically_normal().string());
        } else if (key == "suppressions") {
          read_suppressions(r, v, c);
        } else if (key == "fail-on") {
          std::string s = r.scalar(v, "fail-on");
          if (s != "never" && !parse_severity(s))
            r.fail(v, "fail-on: '" + s + "' is not a severity (critical, high, medium, low, info) or never");
          c.fail_on = s;
        } else if (key == "report-unused-suppressions") {
          c.report_unused_suppressions = r.boolean(v, "report-unused-suppressions");
        } else {
          read_locations(r, v, c);
        }
      });
  return c;
}

Config load_config(const std::string &path) {
  std::error_code ec;
  fs::path abs = fs::absolute(path, ec).lexically_normal();
  std::ifstream in(abs, std::ios::binary);
  if (!in) throw ConfigError(path + ": cannot read the configuration file");
  std::stringstream ss;
  ss << in.rdbuf();
  return parse_config(ss.str(), abs.string());
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

std::string Config::region_for(DocKind kind, const std::string &abs_path) const {
  const std::string rel = relative_path(abs_path);
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

std::string find_config(const std::string &root) {
  std::error_code ec;
  fs::path dir = fs::absolute(root, ec).lexically_normal();
  if (dir.filename().empty()) dir = dir.parent_path();  // "/a/b/" -> "/a/b"
  if (!fs::is_directory(dir, ec)) dir = dir.parent_path();
  while (true) {
    fs::path candidate = dir / kConfigFileName;
    if (fs::is_regular_file(candidate, ec)) return candidate.string();
    if (fs::exists(dir / ".git", ec)) return "";
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
#  kubernetes:
#    clusters:
#      prod: eu-west-1
#    default: prod
)";
  return text;
}

}  // namespace clause
