#include "checker/kustomize/rendered_findings.h"

#include <algorithm>
#include <tuple>

namespace clause::kustomize {
namespace {

bool from_rendering(const Finding &f) {
  return std::any_of(f.related.begin(), f.related.end(),
                     [](const RelatedLocation &r) { return r.message == kRenderedByMessage; });
}

auto key(const Finding &f) {
  return std::tie(f.location.path, f.location.span.start_line, f.location.span.start_col, f.rule_id);
}

}  // namespace

RelatedLocation rendered_by(const RenderedFrom &from) {
  return RelatedLocation{Location{from.kustomization, from.kustomization_span}, kRenderedByMessage};
}

void merge_rendered_findings(std::vector<Finding> &findings) {
  std::vector<bool> gone(findings.size(), false);
  for (size_t i = 0; i < findings.size(); ++i) {
    if (gone[i] || !from_rendering(findings[i])) continue;
    for (size_t j = i + 1; j < findings.size() && key(findings[j]) == key(findings[i]); ++j) {
      if (gone[j] || !from_rendering(findings[j])) continue;
      for (RelatedLocation &r : findings[j].related) {
        auto same = [&](const RelatedLocation &x) {
          return x.location == r.location && x.message == r.message;
        };
        if (std::none_of(findings[i].related.begin(), findings[i].related.end(), same))
          findings[i].related.push_back(std::move(r));
      }
      gone[j] = true;
    }
  }
  size_t out = 0;
  for (size_t i = 0; i < findings.size(); ++i)
    if (!gone[i]) {
      if (out != i) findings[out] = std::move(findings[i]);
      ++out;
    }
  findings.resize(out);
}

}  // namespace clause::kustomize
