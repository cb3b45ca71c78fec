#pragma once
// Helm charts in a scan: a directory holding Chart.yaml is a chart. Its
// templates are not rendered (values, helpers and the template language
// are Helm's), so they are not judged; the chart is named in one note.
#include <string>
#include <string_view>
#include <vector>

#include "checker/model/document.h"
#include "checker/model/report.h"

namespace clause::kustomize {

class HelmCharts {
 public:
  // From the paths of the scan's files (relative to the scan root).
  explicit HelmCharts(const std::vector<DocumentPtr> &documents);
  // Whether `path` is a file under a chart's templates/ directory.
  bool holds_template(std::string_view path) const;
  // One note per chart, at its Chart.yaml, naming it.
  std::vector<FileDiagnostic> notes() const;

 private:
  struct Chart {
    std::string directory;  // "" for the scan root
    std::string chart_file;
    std::string name;
    Span name_span;
  };
  std::vector<Chart> charts_;
};

}  // namespace clause::kustomize
