#include "checker/workflow/filter.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "checker/engine/rule_set.h"
#include "checker/model/finding_order.h"
#include "checker/workflow/dates.h"
#include "checker/workflow/finding_limit.h"
#include "checker/workflow/glob.h"

namespace clause {
namespace {

// Step 4 for one configuration: its suppressions still in force mark the
// unsuppressed findings of `roots` they match.
void apply_file_suppressions(Report &report, const std::vector<size_t> &roots, const Config &c,
                             const std::string &today, std::vector<std::string> &warnings) {
  if (c.suppressions.empty()) return;
  std::map<std::string, std::string> name_of;
  for (const RuleInfo &r : report.rules) name_of[r.id] = r.name;
  std::vector<const FileSuppression *> live;
  for (const FileSuppression &s : c.suppressions) {
    if (!s.until.empty() && date_passed(s.until, today)) {
      warnings.push_back(c.path + ":" + std::to_string(s.line) + ": the suppression of '" + s.path +
                         "' expired on " + s.until + " and is no longer applied");
    } else {
      live.push_back(&s);
    }
  }
  for (size_t i : roots) {
    RootReport &root = report.roots[i];
    for (Finding &f : root.findings) {
      if (f.suppression) continue;
      const std::string rel = c.relative_path(
          (std::filesystem::path(root.abs_path) / f.location.path).lexically_normal().string());
      if (rel.empty()) continue;
      for (const FileSuppression *s : live) {
        const bool rule_matches = std::any_of(s->rules.begin(), s->rules.end(), [&](const RuleRef &r) {
          return same_rule_id(f.rule_id, r.key) ||
                 (!name_of[f.rule_id].empty() && r.key == name_of[f.rule_id]);
        });
        if (!rule_matches || !glob_match(s->path, rel)) continue;
        f.suppression = Suppression{"external", s->reason, Location{}};
        break;
      }
    }
  }
}

}  // namespace

void filter_root(const Project &project, const std::vector<RuleInfo> &ran,
                 const SuppressionOptions &suppressions, size_t max_per_file, std::vector<Finding> &findings,
                 std::vector<Finding> input_findings, std::vector<FileDiagnostic> &diagnostics) {
  apply_inline_suppressions(project, ran, findings, suppressions);  // 1
  if (!input_findings.empty()) {                                    // 2
    for (Finding &f : input_findings) findings.push_back(std::move(f));
    sort_findings(findings);
  }
  limit_findings_per_file(findings, max_per_file, diagnostics);  // 3
}

std::vector<std::string> filter_report(Report &report, const ReportFilter &filter) {
  std::vector<std::string> warnings;
  // 4: configuration by configuration, in the order of their first root.
  std::vector<const Config *> order;
  std::map<const Config *, std::vector<size_t>> roots_of;
  for (size_t i = 0; i < report.roots.size() && i < filter.configs.size(); ++i) {
    const Config *c = filter.configs[i];
    if (!c) continue;
    auto [it, fresh] = roots_of.try_emplace(c);
    if (fresh) order.push_back(c);
    it->second.push_back(i);
  }
  for (const Config *c : order) apply_file_suppressions(report, roots_of[c], *c, filter.today, warnings);
  if (filter.selection) keep_only_files(report, *filter.selection);  // 5
  if (filter.baseline) apply_baseline(report, *filter.baseline);     // 6
  return warnings;
}

}  // namespace clause
