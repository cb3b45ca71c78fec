#include "checker/workflow/finding_limit.h"

#include <algorithm>
#include <map>
#include <string>
#include <tuple>

namespace clause {

void limit_findings_per_file(std::vector<Finding> &findings, size_t max_per_file,
                             std::vector<FileDiagnostic> &diagnostics) {
  if (max_per_file == 0) return;
  std::map<std::string, std::vector<size_t>> by_file;
  for (size_t i = 0; i < findings.size(); ++i) by_file[findings[i].location.path].push_back(i);
  std::vector<bool> keep(findings.size(), true);
  bool cut = false;
  for (auto &[path, indices] : by_file) {
    if (indices.size() <= max_per_file) continue;
    cut = true;
    // Rank: unsuppressed before suppressed, then severity, then the index
    // (the report order), which makes the choice deterministic.
    std::stable_sort(indices.begin(), indices.end(), [&](size_t a, size_t b) {
      const Finding &x = findings[a], &y = findings[b];
      return std::make_tuple(x.suppression.has_value(), -static_cast<int>(x.severity)) <
             std::make_tuple(y.suppression.has_value(), -static_cast<int>(y.severity));
    });
    for (size_t k = max_per_file; k < indices.size(); ++k) keep[indices[k]] = false;
    diagnostics.push_back(FileDiagnostic{
        path,
        Diagnostic{DiagLevel::Warning,
                   "limit-findings",
                   std::to_string(indices.size()) + " findings in this file, over the limit of " +
                       std::to_string(max_per_file) + " (--max-findings-per-file); only the most severe " +
                       std::to_string(max_per_file) + " are reported",
                   {}}});
  }
  if (!cut) return;
  size_t out = 0;
  for (size_t i = 0; i < findings.size(); ++i)
    if (keep[i]) {
      if (out != i) findings[out] = std::move(findings[i]);  // never self-move: it empties the strings
      ++out;
    }
  findings.resize(out);
}

}  // namespace clause
