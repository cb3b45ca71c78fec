#include "checker/scan/scanner.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <filesystem>
#include <iterator>
#include <memory>
#include <mutex>
#include <optional>
#include <unordered_set>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include "checker/cache/unit_findings_codec.h"
#include "checker/model/finding_order.h"
#include "checker/project/loader.h"
#include "checker/project/parallel.h"
#include "checker/project/units.h"
#include "checker/scan/input_findings.h"
#include "checker/scan/unit_keys.h"
#include "checker/workflow/filter.h"

namespace clause {
namespace {

// Models kept until the process ends (ScanOptions::keep_last_models), held
// by a global so that leak checkers see them as reachable.
std::vector<std::unique_ptr<Project>> *kept_models() {
  static auto *kept = new std::vector<std::unique_ptr<Project>>;
  return kept;
}
std::mutex kept_models_mutex;

// A finished root's models were freed in whichever malloc arenas its
// threads used; the next root's threads may use others. Handing the free
// pages back keeps the peak at one root's worth instead of one per arena.
void release_free_memory() {
#if defined(__GLIBC__)
  malloc_trim(0);
#endif
}

// `.clause.yaml` `agreements:`: the units each agreement it names binds.
void bind_agreements(
    Project &project,
    const std::function<std::optional<bool>(const std::string &, const std::string &)> &binds) {
  for (const auto &doc : project.documents) {
    if (doc->kind != DocKind::Agreement) continue;
    std::vector<uint32_t> bound;
    bool named = false;
    for (uint32_t u = 0; u < project.units.size(); ++u) {
      const std::string &path = project.units[u].path;
      std::optional<bool> b =
          binds(doc->abs_path, path.empty() ? project.root_abs : project.root_abs + "/" + path);
      if (!b) break;
      named = true;
      if (*b) bound.push_back(u);
    }
    if (named) project.agreement_units[doc->path] = std::move(bound);
  }
}

// The unit level of the cache (unit_cache.h) around evaluate_rules: the
// units whose key finds an entry are taken from it, the others judged and
// their entries written.
class UnitLevel {
 public:
  UnitLevel(const UnitCache *cache, uint64_t run_digest, const Project &project, unsigned jobs)
      : cache_(cache), run_digest_(run_digest), root_abs_(project.root_abs), jobs_(jobs) {
    if (!cache_) return;
    keys_ = unit_keys(project, run_digest);
    root_ = cache_->read_root(root_abs_, run_digest_);
    found_.resize(keys_.size());
    parallel_for(keys_.size(), jobs_, [&](size_t u) { found_[u] = cache_->load(root_, keys_[u]); });
  }

  // Lends the entries found to the evaluation, which moves their findings
  // out.
  void prepare(EvaluationOptions &eval) {
    if (!cache_) return;
    eval.by_unit = true;
    eval.cached_units.resize(found_.size(), nullptr);
    for (size_t u = 0; u < found_.size(); ++u)
      if (found_[u]) eval.cached_units[u] = &*found_[u];
  }

  // Writes the root's file again when a unit was judged or the file holds
  // other entries than this scan's units: the units found keep their
  // bytes, the judged ones are encoded.
  void keep(const Evaluation &ev) const {
    if (!cache_) return;
    const size_t n = std::min(keys_.size(), ev.units.size());
    std::vector<std::string> encoded(n);
    bool changed = root_.entries.size() != keys_.size();
    for (size_t u = 0; u < n; ++u) changed = changed || ev.units[u].has_value();
    if (!changed) return;
    parallel_for(n, jobs_, [&](size_t u) {
      if (ev.units[u]) encoded[u] = encode_unit_findings(*ev.units[u]);
    });
    std::vector<std::pair<UnitKey, std::string_view>> entries;
    entries.reserve(n);
    for (size_t u = 0; u < n; ++u) {
      if (ev.units[u]) {
        entries.emplace_back(keys_[u], encoded[u]);
      } else if (found_[u]) {
        entries.emplace_back(keys_[u], root_.entries.at(keys_[u].id).second);
      }
    }
    cache_->store_root(root_abs_, run_digest_, entries);
  }

 private:
  const UnitCache *cache_;
  uint64_t run_digest_;
  std::string root_abs_;
  unsigned jobs_;
  std::vector<UnitKey> keys_;
  RootUnits root_;
  std::vector<std::optional<UnitFindings>> found_;
};

// Scans one root; its models are left in `models` for the caller to free.
// `units`: the unit level of the cache, or nullptr.
RootReport scan_root(const RuleSet &rules, const std::vector<RuleInfo> &ran, const ScanOptions &opts,
                     const std::string &root, const Discovery &discovery, const LoadOptions &load,
                     const UnitCache *units, uint64_t run_digest, std::unique_ptr<Project> &models) {
  models = std::make_unique<Project>(load_project(discovery, load));
  Project &project = *models;
  if (opts.deployment_region)
    for (const auto &doc : project.documents)
      if (doc->kind == DocKind::CloudFormation || doc->kind == DocKind::Kubernetes)
        if (std::string region = opts.deployment_region(doc->kind, doc->abs_path); !region.empty())
          project.deployment_regions[doc->path] = region;
  if (opts.agreement_binds) bind_agreements(project, opts.agreement_binds);
  EvaluationOptions eval;
  eval.strict = opts.strict;
  eval.jobs = load.jobs;
  RootReport rr;
  std::unordered_set<const Document *> reported;
  if (opts.reported) {
    std::vector<bool> units(project.units.size(), false);
    auto select_units_of = [&](const std::string &rel) {
      for (uint32_t u : units_of_file(project, rel)) units[u] = true;
    };
    std::unordered_set<std::string_view> links;
    for (const SourceFile &f : discovery.files)
      if (f.link) links.insert(f.rel_path);
    for (const auto &doc : project.documents)
      if (opts.reported(project.root_abs, doc->path, links.count(doc->path) != 0)) {
        reported.insert(doc.get());
        select_units_of(doc->path);
      }
    if (opts.deleted)
      for (const std::string &rel : opts.deleted(project.root_abs)) select_units_of(rel);
    for (uint32_t u = 0; u < units.size(); ++u)
      if (units[u]) rr.selected_units.push_back(project.units[u].name());
    eval.reported = [&](const Document &doc) { return reported.count(&doc) != 0; };
    eval.reported_units = std::move(units);
  }
  eval.tally_unreported = opts.tally_unreported;
  // A filtered scan judges only what it reports: it has no whole units to
  // keep, and the unit level is not used.
  UnitLevel unit_level(opts.reported ? nullptr : units, run_digest, project, load.jobs);
  unit_level.prepare(eval);
  Evaluation ev = evaluate_rules(rules, project, eval);
  unit_level.keep(ev);
  rr.name = root_display_name(root);
  // A file root (a pre-commit hook passes files) shows its findings
  // relative to its directory, as discovery made their paths.
  std::error_code ec;
  if (!std::filesystem::is_directory(root, ec)) {
    const std::string parent = std::filesystem::path(root).parent_path().string();
    rr.display_base = root_display_name(parent.empty() ? "." : parent);
  }
  rr.abs_path = project.root_abs;
  rr.findings = std::move(ev.findings);
  if (opts.strict) {
    for (auto &f : ev.undecided) {
      f.undecided = true;
      rr.findings.push_back(std::move(f));
    }
    sort_findings(rr.findings);
  }
  // Findings about unreadable input, then the filter stage's steps that
  // read the model (checker/workflow/filter.h).
  std::vector<Finding> input_findings;
  const auto &meta = opts.suppressions.meta_rules;
  if (auto input =
          std::find_if(meta.begin(), meta.end(), [](const RuleInfo &r) { return r.id == kInputParseRule; });
      input != meta.end()) {
    std::function<bool(const std::string &)> reported;
    if (opts.reported)
      reported = [&](const std::string &rel) { return opts.reported(project.root_abs, rel, true); };
    add_input_findings(project, project.diagnostics, *input, reported, input_findings);
  }
  filter_root(project, ran, opts.suppressions, opts.max_findings_per_file, rr.findings,
              std::move(input_findings), project.diagnostics);
  if (opts.strict)
    for (auto &note : project.strict_notes) project.diagnostics.push_back(std::move(note));
  rr.diagnostics = std::move(project.diagnostics);
  std::stable_sort(rr.diagnostics.begin(), rr.diagnostics.end(),
                   [](const FileDiagnostic &a, const FileDiagnostic &b) {
                     return std::tie(a.path, a.diagnostic.span.start_line, a.diagnostic.span.start_col) <
                            std::tie(b.path, b.diagnostic.span.start_line, b.diagnostic.span.start_col);
                   });
  rr.files_by_kind = std::move(project.files_by_kind);
  rr.rule_tallies = std::move(ev.tallies);
  return rr;
}

}  // namespace

std::string root_display_name(const std::string &root) {
  std::string name = root;
  while (name.size() > 1 && name.back() == '/') name.pop_back();
  if (name.rfind("./", 0) == 0 && name.size() > 2) name = name.substr(2);
  return name.empty() ? "." : name;
}

Report run_scan(const RuleSet &rules, const ScanOptions &opts) {
  std::optional<ModelCache> cache;
  std::optional<UnitCache> unit_cache;
  if (!opts.cache_dir.empty()) {
    cache.emplace(opts.cache_dir);
    unit_cache.emplace(opts.cache_dir);
  }
  const uint64_t run_digest = unit_cache ? unit_run_digest(rules, opts.strict, opts.configuration_digest) : 0;
  Report report;
  report.rules = rules.infos();
  const std::vector<RuleInfo> ran = report.rules;
  {
    // The meta rules (suppressions, unreadable input) join the rules. Both
    // lists sorted by id, then merged: sorting the whole list would
    // move every rule's metadata around several times.
    const auto by_id = [](const RuleInfo &a, const RuleInfo &b) { return a.id < b.id; };
    std::vector<RuleInfo> meta = opts.suppressions.meta_rules;
    std::sort(meta.begin(), meta.end(), by_id);
    std::vector<RuleInfo> merged;
    merged.reserve(report.rules.size() + meta.size());
    std::merge(std::make_move_iterator(report.rules.begin()), std::make_move_iterator(report.rules.end()),
               std::make_move_iterator(meta.begin()), std::make_move_iterator(meta.end()),
               std::back_inserter(merged), by_id);
    report.rules = std::move(merged);
  }
  report.category = opts.category;
  const size_t n = opts.roots.size();
  const unsigned jobs = std::max(1u, opts.jobs);
  // Roots run side by side, each parsing its files with a share of the
  // jobs; a little oversubscription keeps both cores busy when one root is
  // much bigger than the rest.
  const unsigned outer =
      std::max(1u, std::min<unsigned>(jobs, static_cast<unsigned>(std::max<size_t>(n, 1))));
  const unsigned inner = outer == 1 ? jobs : std::max(1u, 2 * jobs / outer);

  // Discover every root first, so that progress knows the total file count.
  std::vector<Discovery> discoveries(n);
  DiscoveryOptions walk = opts.discovery;
  walk.jobs = outer == 1 ? jobs : 1;  // one root: its tree walked on every thread
  run_rethrowing(
      n, [&](auto fn) { parallel_for(n, outer, fn); },
      [&](size_t i) { discoveries[i] = discover(opts.roots[i], walk); });

  std::atomic<size_t> files_done{0};
  std::atomic<size_t> roots_done{0};
  size_t files_total = 0;
  for (const Discovery &d : discoveries) files_total += d.files.size();
  const auto notify = [&] {
    if (opts.on_progress)
      opts.on_progress(ScanProgress{files_done.load(), files_total, roots_done.load(), n});
  };
  LoadOptions load;
  load.jobs = inner;
  load.parse = opts.parse;
  load.var_files = opts.var_files;
  load.cfn_inputs = opts.cfn_inputs;
  load.cache = cache ? &*cache : nullptr;
  load.declared_unit = opts.declared_unit;
  load.max_file_size = opts.discovery.max_file_size;
  load.max_hcl_file_size = opts.discovery.max_hcl_file_size;
  if (opts.on_progress) {
    load.on_file_parsed = [&](size_t, size_t) {
      files_done.fetch_add(1);
      notify();
    };
  }
  notify();

  // A root's models stay in memory until its rules have run (modules,
  // variables and agreements reach across its files), so roots run side by
  // side only while together they are no bigger than the biggest one: ten
  // copies of a repository need about the memory of one, and a batch of
  // small repositories still keeps every core busy.
  std::vector<uint64_t> root_bytes(n, 0);
  for (size_t i = 0; i < n; ++i)
    for (const SourceFile &f : discoveries[i].files) root_bytes[i] += f.size;
  const uint64_t budget = n == 0 ? 0 : *std::max_element(root_bytes.begin(), root_bytes.end());

  report.roots.resize(n);
  run_rethrowing(
      n, [&](auto fn) { parallel_for_weighted(root_bytes, outer, budget, fn); },
      [&](size_t i) {
        std::unique_ptr<Project> models;
        std::exception_ptr error;
        try {
          report.roots[i] = scan_root(rules, ran, opts, opts.roots[i], discoveries[i], load,
                                      unit_cache ? &*unit_cache : nullptr, run_digest, models);
        } catch (...) {
          error = std::current_exception();
        }
        discoveries[i] = Discovery{};  // the file list, early
        const bool last = roots_done.fetch_add(1) + 1 == n;
        if (last && opts.keep_last_models && models) {
          std::lock_guard<std::mutex> lock(kept_models_mutex);
          kept_models()->push_back(std::move(models));
        }
        models.reset();
        // The roots still running or to start gain from the pages handed
        // back; after the last one, the process is about to report and end.
        if (!last) release_free_memory();
        notify();
        if (error) std::rethrow_exception(error);
      });
  if (cache && opts.cache_counts) *opts.cache_counts += cache->counts();
  if (unit_cache && opts.unit_cache_counts) *opts.unit_cache_counts += unit_cache->counts();
  return report;
}

ParseOnlySummary parse_only(const ScanOptions &opts) {
  ParseOnlySummary sum;
  for (const auto &root : opts.roots) {
    DiscoveryOptions walk = opts.discovery;
    walk.jobs = opts.jobs;
    Discovery discovery = discover(root, walk);
    std::vector<FileDiagnostic> diagnostics;
    LoadOptions load;
    load.jobs = opts.jobs;
    load.parse = opts.parse;
    // Each model is counted and dropped as soon as it is built, as the
    // peer parser's benchmark drops each tree: nothing reads it afterwards.
    std::atomic<size_t> documents{0}, doc_diagnostics{0};
    parse_files_each(discovery, load, diagnostics, [&](size_t, DocumentPtr doc) {
      doc_diagnostics += doc->diagnostics.size();
      if (doc->kind != DocKind::Unknown) ++documents;
    });
    for (const auto &f : discovery.files) sum.bytes += f.size;
    sum.files += discovery.files.size();
    sum.diagnostics += diagnostics.size() + doc_diagnostics.load();
    sum.documents += documents.load();
  }
  return sum;
}

}  // namespace clause
