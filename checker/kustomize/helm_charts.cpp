#include "checker/kustomize/helm_charts.h"

namespace clause::kustomize {

HelmCharts::HelmCharts(const std::vector<DocumentPtr> &documents) {
  for (const auto &doc : documents) {
    if (!doc) continue;
    const std::string &p = doc->path;
    const size_t slash = p.rfind('/');
    const std::string_view file =
        slash == std::string::npos ? std::string_view(p) : std::string_view(p).substr(slash + 1);
    if (file != "Chart.yaml" && file != "Chart.yml") continue;
    Chart c;
    c.directory = slash == std::string::npos ? "" : p.substr(0, slash);
    c.chart_file = p;
    c.name = c.directory.empty() ? "." : c.directory;
    for (const Node &root : doc->roots) {
      const MapEntry *name = root.is_map() ? root.entry("name") : nullptr;
      if (name && name->value.is_scalar()) {
        c.name = name->value.scalar_text();
        c.name_span = name->key_span;
        break;
      }
    }
    charts_.push_back(std::move(c));
  }
}

bool HelmCharts::holds_template(std::string_view path) const {
  for (const Chart &c : charts_) {
    const std::string prefix = c.directory.empty() ? "templates/" : c.directory + "/templates/";
    if (path.starts_with(prefix)) return true;
  }
  return false;
}

std::vector<FileDiagnostic> HelmCharts::notes() const {
  std::vector<FileDiagnostic> out;
  for (const Chart &c : charts_)
    out.push_back(FileDiagnostic{
        c.chart_file, Diagnostic{DiagLevel::Note, "helm-chart",
                                 "Helm chart '" + c.name +
                                     "' is not rendered: its templates are not judged (render it with `helm "
                                     "template` and scan the output to judge them)",
                                 c.name_span}});
  return out;
}

}  // namespace clause::kustomize
