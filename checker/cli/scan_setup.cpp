#include "checker/cli/scan_setup.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <set>
#include <thread>

#include "checker/cache/hash.h"
#include "checker/cache/model_cache.h"
#include "checker/cli/rule_selection.h"
#include "checker/engine/profiles.h"
#include "checker/platform/regular_file.h"
#include "checker/scan/scanner.h"
#include "checker/workflow/baseline.h"
#include "checker/workflow/cfn_parameters.h"
#include "checker/workflow/config.h"
#include "checker/workflow/dates.h"
#include "checker/workflow/filter.h"
#include "checker/workflow/git.h"
#include "checker/workflow/meta_rules.h"
#include "checker/workflow/report_paths.h"
#include "checker/workflow/rule_config.h"

namespace clause::cli {
namespace fs = std::filesystem;
namespace {

// Roots that share one configuration are scanned together.
struct Group {
  std::shared_ptr<const Config> config;
  std::vector<size_t> roots;  // indices into the root list
};

std::vector<Group> group_roots(const ScanInputs &in, const std::vector<std::string> &roots,
                               std::vector<std::string> &warnings) {
  if (!in.config.empty() || in.no_config) {
    auto config =
        std::make_shared<Config>(in.no_config ? Config{} : load_config(in.config, in.max_file_size));
    Group g{config, {}};
    for (size_t i = 0; i < roots.size(); ++i) g.roots.push_back(i);
    return {g};
  }
  std::vector<Group> groups;
  std::map<std::string, size_t> by_path;
  for (size_t i = 0; i < roots.size(); ++i) {
    const std::string path = find_config(roots[i], warnings);
    auto it = by_path.find(path);
    if (it == by_path.end()) {
      auto config = std::make_shared<Config>(path.empty() ? Config{} : load_config(path, in.max_file_size));
      it = by_path.emplace(path, groups.size()).first;
      groups.push_back(Group{config, {}});
    }
    groups[it->second].roots.push_back(i);
  }
  return groups;
}

bool is_meta(const std::string &key) { return find_meta_rule(key) != nullptr; }

std::vector<std::string> without_meta(std::vector<std::string> keys) {
  std::erase_if(keys, is_meta);
  return keys;
}

std::vector<std::string> keys_of(const std::vector<RuleRef> &refs) {
  std::vector<std::string> out;
  for (const RuleRef &r : refs) out.push_back(r.key);
  return out;
}

// The severity names from the most permissive: the strictest of several
// configurations' fail-on wins.
int fail_rank(const std::string &s) {
  if (s == "never") return 100;
  auto sev = parse_severity(s);
  return sev ? static_cast<int>(*sev) : 100;
}

// A file's path and bytes (its path alone when it cannot be read).
uint64_t file_digest(uint64_t h, const std::string &path) {
  h = hash_combine(h, hash64(path, 1));
  std::string bytes;
  if (read_regular_file(path, limits::kMaxFileSize, bytes).status == FileRead::Ok)
    h = hash_combine(h, hash64(bytes, 2));
  return h;
}

// What the configuration in force adds to the keys of the cache's unit
// level (ScanOptions::configuration_digest): `.clause.yaml`'s bytes, every
// file of the rule pack directories, the variable and parameter files, and
// the options that decide which files are read and how.
uint64_t configuration_digest(const ScanInputs &in, const Config &config,
                              const std::vector<std::string> &packs) {
  uint64_t h = hash64(config.path, 3);
  if (!config.path.empty()) h = file_digest(h, config.path);
  for (const std::string &dir : packs) {
    h = hash_combine(h, hash64(dir, 4));
    std::vector<std::string> files;
    std::error_code ec;
    for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
      if (it->is_regular_file(ec)) files.push_back(it->path().string());
    std::sort(files.begin(), files.end());
    for (const std::string &f : files) h = file_digest(h, f);
  }
  for (const std::string &f : in.var_files) h = file_digest(h, f);
  for (const std::string &p : in.cfn_parameters) {
    h = hash_combine(h, hash64(p, 5));
    if (const size_t eq = p.find('='); eq != std::string::npos) h = file_digest(h, p.substr(eq + 1));
  }
  h = hash_combine(h, in.max_file_size);
  h = hash_combine(h, in.max_hcl_file_size);
  h = hash_combine(h, static_cast<uint64_t>(in.parse_timeout * 1000));
  return h;
}

Report scan_group(const ScanInputs &in, const Group &group, const std::vector<std::string> &roots,
                  const std::string &today, const FileSelection *selection, ScanOutcome &out) {
  const Config &config = *group.config;
  std::vector<std::string> packs = in.rule_dirs;
  packs.insert(packs.end(), config.rule_packs.begin(), config.rule_packs.end());

  const std::vector<std::string> cli_enable = split_list(in.enable);
  const std::vector<std::string> cli_disable = split_list(in.disable);
  RuleSelection everything;
  everything.rule_dirs = packs;
  everything.profiles = {std::string(kAllProfiles)};
  RuleSet all = select_rules(everything);
  check_rule_names(config, all);

  RuleSelection sel;
  const std::vector<std::string> cli_profiles = split_list(in.profiles);
  sel.profiles = cli_profiles.empty() ? config.profiles : cli_profiles;
  sel.enable = without_meta(cli_enable.empty() ? keys_of(config.enable_rules) : cli_enable);
  sel.extend = without_meta(split_list(in.extend));
  for (const std::string &k : without_meta(keys_of(config.extend_rules))) sel.extend.push_back(k);
  sel.disable = without_meta(cli_disable);
  for (const std::string &k : without_meta(keys_of(config.disable_rules))) sel.disable.push_back(k);
  sel.scenarios = split_list(in.scenarios);
  if (sel.scenarios.empty()) sel.scenarios = config.enable_scenarios;
  sel.severity_min = in.severity_min;
  // Every rule's names, for clause:ignore directives that name one not run.
  std::set<std::string> known_rules;
  for (const Rule &r : all.rules()) {
    known_rules.insert(r.info.id);
    known_rules.insert(r.info.name);
  }
  RuleSet rules = select_rules(std::move(all), sel);
  if (!config.disable_scenarios.empty()) {
    rules.filter([&](const Rule &r) {
      return std::find(config.disable_scenarios.begin(), config.disable_scenarios.end(), r.info.scenario) ==
             config.disable_scenarios.end();
    });
  }
  rules = apply_rule_settings(std::move(rules), config);

  ScanOptions opts;
  for (size_t i : group.roots) opts.roots.push_back(roots[i]);
  opts.jobs = in.jobs ? in.jobs : std::max(1u, std::thread::hardware_concurrency());
  opts.strict = in.strict;
  opts.category = in.category;
  opts.discovery.max_file_size = in.max_file_size;
  opts.discovery.max_hcl_file_size = in.max_hcl_file_size;
  opts.max_findings_per_file = in.max_findings_per_file;
  opts.parse.timeout = std::chrono::milliseconds(static_cast<int64_t>(in.parse_timeout * 1000));
  opts.var_files = in.var_files;
  opts.on_progress = in.on_progress;
  if (!in.no_cache) opts.cache_dir = in.cache_dir.empty() ? ModelCache::default_dir() : in.cache_dir;
  out.cache_dir = opts.cache_dir;
  opts.cache_counts = &out.file_cache;
  opts.unit_cache_counts = &out.unit_cache;
  if (!opts.cache_dir.empty()) opts.configuration_digest = configuration_digest(in, config, packs);
  if (!config.exclude.empty()) {
    std::shared_ptr<const Config> keep = group.config;
    opts.discovery.exclude = [keep](const std::string &abs) { return keep->excludes(abs); };
  }
  // Where CloudFormation stacks and Kubernetes clusters are deployed
  // (`locations:`), for the cross-document rules.
  std::shared_ptr<const Config> where = group.config;
  opts.deployment_region = [where](DocKind kind, const std::string &abs) {
    return where->region_for(kind, abs);
  };
  opts.cfn_inputs = cfn_inputs_for(where, in.cfn_parameters);
  // Deployment units and agreement bindings that `.clause.yaml` declares.
  if (!config.units.empty())
    opts.declared_unit = [where](const std::string &abs_dir) { return where->declared_unit(abs_dir); };
  if (!config.agreement_units.empty())
    opts.agreement_binds = [where](const std::string &agreement, const std::string &unit) {
      return where->binds(agreement, unit);
    };
  SuppressionOptions &s = opts.suppressions;
  s.today = today;
  if (in.report_unused != 0) {
    s.report_unused = in.report_unused > 0;
  } else if (config.report_unused_suppressions) {
    s.report_unused = *config.report_unused_suppressions;
  } else {
    s.report_unused = running_in_ci();
  }
  s.known_rules = std::move(known_rules);
  std::vector<std::string> meta_off;
  for (const std::string &k : cli_disable)
    if (const RuleInfo *meta = find_meta_rule(k)) meta_off.push_back(meta->id);
  s.meta_rules = configured_meta_rules(config, meta_off);

  if (selection) {
    opts.reported = [selection](const std::string &root_abs, const std::string &rel, bool may_be_link) {
      return selection->contains(root_abs, rel, may_be_link);
    };
    opts.deleted = [selection](const std::string &root_abs) { return selection->missing_under(root_abs); };
    opts.tally_unreported = !(in.text_only && roots.size() == 1);
  }
  // The process ends after reporting: the heap goes back to the system at
  // once, so the last root's models are not freed one by one.
  opts.keep_last_models = true;
  return run_scan(rules, opts);
}

// Files to report on: --only-files (relative to the working directory) and
// the changes since --changed-since in each root's repository.
std::vector<std::string> selected_files(const ScanInputs &in, const std::vector<std::string> &roots) {
  std::vector<std::string> out;
  for (const std::string &f : in.only_files) out.push_back(fs::absolute(f).lexically_normal().string());
  if (!in.changed_since.empty()) {
    std::map<std::string, bool> asked;  // one git call per repository
    for (const std::string &root : roots) {
      fs::path dir = fs::absolute(root).lexically_normal();
      std::error_code ec;
      if (!fs::exists(dir, ec)) continue;  // the scan says so
      if (!fs::is_directory(dir, ec)) dir = dir.parent_path();
      const std::string top = git_toplevel(dir.string());
      if (top.empty()) throw GitError(root_display_name(root) + ": --changed-since needs a git work tree");
      if (asked[top]) continue;
      asked[top] = true;
      for (std::string &f : changed_files(dir.string(), in.changed_since)) out.push_back(std::move(f));
    }
  }
  return out;
}

// Warnings for --only-files entries that can report nothing: files that do
// not exist, and files outside every scan root.
void check_only_files(const ScanInputs &in, const std::vector<std::string> &roots,
                      std::vector<std::string> &warnings) {
  std::vector<fs::path> bases;
  std::error_code ec;
  for (const std::string &root : roots) bases.push_back(fs::weakly_canonical(fs::absolute(root), ec));
  for (const std::string &f : in.only_files) {
    const fs::path path = fs::weakly_canonical(fs::absolute(f), ec);
    if (!fs::exists(path, ec)) {
      warnings.push_back("--only-files " + f + ": no such file; nothing is reported for it");
      continue;
    }
    const bool inside = std::any_of(bases.begin(), bases.end(), [&](const fs::path &base) {
      const fs::path rel = path.lexically_relative(base);
      return !rel.empty() && *rel.begin() != "..";
    });
    if (!inside)
      warnings.push_back("--only-files " + f + ": not inside any scan root; nothing is reported for it");
  }
}

}  // namespace

std::optional<ScanOutcome> perform_scan_or_explain(const ScanInputs &in) {
  try {
    return perform_scan(in);
  } catch (const std::runtime_error &e) {
    std::cerr << "clause: error: " << e.what() << "\n";
    return std::nullopt;
  }
}

bool running_in_ci() {
  const char *ci = std::getenv("CI");
  if (!ci) return false;
  std::string v = ci;
  std::transform(v.begin(), v.end(), v.begin(), [](unsigned char c) { return std::tolower(c); });
  return v == "true" || v == "1";
}

void add_input_options(CLI::App &cmd, ScanInputs &in) {
  cmd.add_option("paths", in.paths, "Scan roots (default: .)");
  cmd.add_option("--var-file", in.var_files,
                 "Terraform variable values (.tfvars or .tfvars.json) for every root module (repeatable)")
      ->allow_extra_args(false);
  cmd.add_option("--cfn-parameters", in.cfn_parameters,
                 "Parameter values a CloudFormation template is deployed with: TEMPLATE=FILE, FILE a "
                 "parameters file or a CodePipeline template configuration (repeatable)")
      ->allow_extra_args(false);
  cmd.add_option("--rules", in.rule_dirs, "Directory of extra rule packs (repeatable)")
      ->allow_extra_args(false);
  cmd.add_option("--profile", in.profiles,
                 "Run the rules of these profiles: recommended (default), conventions, account, all "
                 "(comma-separated)")
      ->allow_extra_args(false);
  cmd.add_option("--enable", in.enable,
                 "Run only these rules, whatever the profile (ids or names, comma-separated)")
      ->allow_extra_args(false);
  cmd.add_option("--extend-enable", in.extend,
                 "Run these rules beside the profile's (ids or names, comma-separated)")
      ->allow_extra_args(false);
  cmd.add_option("--disable", in.disable, "Do not run these rules (ids or names, comma-separated)")
      ->allow_extra_args(false);
  cmd.add_option("--scenario", in.scenarios, "Run only rules of these scenarios, e.g. 5.7,5.13")
      ->allow_extra_args(false);
  cmd.add_option("--severity-min", in.severity_min, "Run only rules of at least this severity");
  cmd.add_option("-j,--jobs", in.jobs, "Parallel jobs (default: hardware threads)");
  cmd.add_option("--max-file-size", in.max_file_size,
                 "Skip files larger than this many bytes (default 8 MiB)");
  cmd.add_option("--max-hcl-file-size", in.max_hcl_file_size,
                 "Skip HCL files (.tf, .tfvars, .hcl) larger than this many bytes (default 2 MiB; "
                 "--max-file-size applies when smaller)");
  cmd.add_option("--max-findings-per-file", in.max_findings_per_file,
                 "Report at most this many findings per file, the most severe first (default 1000; 0: "
                 "no limit)");
  cmd.add_option("--parse-timeout", in.parse_timeout,
                 "Give up parsing a file after this many seconds (default 10; 0: no limit)")
      ->check(CLI::NonNegativeNumber);
  cmd.add_option("--cache-dir", in.cache_dir,
                 "Model cache directory (default: $XDG_CACHE_HOME/clause or ~/.cache/clause)");
  cmd.add_flag("--no-cache", in.no_cache, "Parse every file; neither read nor write the model cache");
  cmd.add_flag("--strict", in.strict, "Report, as notes, checks that unknown values kept from deciding");
  auto *config = cmd.add_option("--config", in.config,
                                "Configuration file (default: .clause.yaml found upward from each root)");
  cmd.add_flag("--no-config", in.no_config, "Use no configuration file")->excludes(config);
}

void add_filter_options(CLI::App &cmd, ScanInputs &in) {
  cmd.add_option("--baseline", in.baseline, "Report only findings that this baseline file does not hold");
  cmd.add_option("--only-files", in.only_files,
                 "Report only findings in these files (the whole root is still read for context)");
  cmd.add_option("--changed-since", in.changed_since,
                 "Report only findings in files changed since this git ref, or untracked");
  cmd.add_flag("--report-unused-suppressions,!--no-report-unused-suppressions", in.report_unused,
               "Report clause:ignore directives that suppress nothing (default: on when CI=true)");
}

ScanOptions plain_scan_options(const ScanInputs &in) {
  ScanOptions opts;
  opts.roots = in.paths.empty() ? std::vector<std::string>{"."} : in.paths;
  opts.jobs = in.jobs ? in.jobs : std::max(1u, std::thread::hardware_concurrency());
  opts.discovery.max_file_size = in.max_file_size;
  opts.discovery.max_hcl_file_size = in.max_hcl_file_size;
  opts.parse.timeout = std::chrono::milliseconds(static_cast<int64_t>(in.parse_timeout * 1000));
  return opts;
}

ScanOutcome perform_scan(const ScanInputs &in) {
  const BatchRoots batch = resolve_roots(in.paths, in.batch);
  const std::vector<std::string> &roots = batch.roots;
  const std::string today = today_utc();
  ScanOutcome out;
  out.report.batch_roots = batch.total;
  std::vector<std::optional<RootReport>> placed(roots.size());
  Report &merged = out.report;
  merged.category = in.category;
  // Known before the scan, so that findings in other files are not even built.
  std::optional<FileSelection> selection;
  if (!in.only_files.empty() || !in.changed_since.empty()) selection.emplace(selected_files(in, roots));
  check_only_files(in, roots, out.warnings);
  // The filter stage's steps over the whole report (checker/workflow/filter.h).
  ReportFilter filter;
  filter.configs.resize(roots.size(), nullptr);
  filter.today = today;
  const std::vector<Group> groups = group_roots(in, roots, out.warnings);
  for (const Group &group : groups) {
    for (size_t i : group.roots) filter.configs[i] = group.config.get();
    Report part = scan_group(in, group, roots, today, selection ? &*selection : nullptr, out);
    for (size_t k = 0; k < group.roots.size(); ++k) placed[group.roots[k]] = std::move(part.roots[k]);
    for (RuleInfo &r : part.rules) {
      auto same = [&](const RuleInfo &x) { return x.id == r.id; };
      if (std::none_of(merged.rules.begin(), merged.rules.end(), same)) merged.rules.push_back(std::move(r));
    }
    merged.execution_successful = merged.execution_successful && part.execution_successful;
    const std::string &f = group.config->fail_on;
    if (!f.empty() && (out.fail_on.empty() || fail_rank(f) < fail_rank(out.fail_on))) out.fail_on = f;
  }
  std::sort(merged.rules.begin(), merged.rules.end(),
            [](const RuleInfo &a, const RuleInfo &b) { return a.id < b.id; });
  for (auto &r : placed) merged.roots.push_back(std::move(*r));

  std::optional<Baseline> baseline;
  if (!in.baseline.empty()) baseline.emplace(load_baseline(in.baseline));
  filter.selection = selection ? &*selection : nullptr;
  filter.baseline = baseline ? &*baseline : nullptr;
  for (std::string &w : filter_report(merged, filter)) out.warnings.push_back(std::move(w));
  return out;
}

}  // namespace clause::cli
