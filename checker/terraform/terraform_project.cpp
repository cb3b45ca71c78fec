#include "checker/terraform/terraform_project.h"

#include <algorithm>
#include <fstream>
#include <limits>
#include <map>
#include <numeric>
#include <sstream>
#include <stdexcept>
#include <tuple>

#include "checker/project/units.h"
#include "checker/terraform/module_eval.h"
#include "checker/terraform/module_tree.h"
#include "checker/terraform/plan_join.h"
#include "checker/terraform/references.h"
#include "parsers/hcl/hcl_parser.h"
#include "parsers/json/json_parser.h"

namespace clause::tf {

std::vector<DocumentPtr> load_var_files(const std::vector<std::string> &paths, const ParseOptions &opts) {
  std::vector<DocumentPtr> out;
  for (const auto &path : paths) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("--var-file " + path + ": cannot read this file");
    std::ostringstream bytes;
    bytes << in.rdbuf();
    auto doc = std::make_unique<Document>();
    doc->kind = DocKind::TerraformVars;
    doc->path = path;
    doc->abs_path = path;
    doc->source = bytes.str();
    bool json = path.size() >= 5 && path.compare(path.size() - 5, 5, ".json") == 0;
    if (json) {
      parse_json(*doc, opts);
    } else {
      parse_hcl(*doc, opts);
    }
    out.push_back(std::move(doc));
  }
  return out;
}

void add_terraform_resources(Project &project, const std::vector<const Document *> &var_files, unsigned jobs,
                             const EvalBudgetSize &budget) {
  for (const Document *f : var_files)
    for (const auto &d : f->diagnostics) project.diagnostics.push_back(FileDiagnostic{f->path, d});
  TerraformEvaluation ev = evaluate_terraform(project.documents, var_files, jobs, budget);
  std::vector<const Document *> plans;
  for (const auto &doc : project.documents)
    if (doc->kind == DocKind::TerraformPlan) plans.push_back(doc.get());
  std::vector<Resource> plan_only = join_plans(ev.resources, ev.root, plans);
  std::vector<size_t> order(ev.resources.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    const Resource &x = ev.resources[a], &y = ev.resources[b];
    return std::tie(x.document->path, x.span.start_offset, x.address) <
           std::tie(y.document->path, y.span.start_offset, y.address);
  });
  // Resources of other formats are in no module instance.
  std::vector<uint32_t> instance(project.resources.size(), std::numeric_limits<uint32_t>::max());
  // Each resource is in the unit of its root module, which is made up of
  // the root's directory and those of the modules on the way.
  UnitTable units(project);
  for (size_t i : order) {
    Resource &r = ev.resources[i];
    r.unit = units.get(UnitKind::TerraformRoot, ev.root[i]);
    for (const Location &call : r.call_chain) units.add_dir(r.unit, directory_of(call.path));
    units.add_dir(r.unit, directory_of(r.document->path));
    project.resources.push_back(std::move(r));
    instance.push_back(ev.instance[i]);
  }
  // Plan resources have no module instance of ours: each plan is one
  // instance of its own (an attribute the plan cannot link may point at any
  // resource of the same plan), numbered down from the top so that no
  // evaluated module instance shares it.
  std::map<const Document *, uint32_t> plan_instance;
  for (auto &r : plan_only) {
    auto [it, fresh] = plan_instance.emplace(
        r.document, std::numeric_limits<uint32_t>::max() - 1 - static_cast<uint32_t>(plan_instance.size()));
    instance.push_back(it->second);
    project.resources.push_back(std::move(r));
  }
  for (auto &d : ev.diagnostics) project.diagnostics.push_back(std::move(d));
  project.references = build_references(project.resources, std::move(instance), jobs);
}

}  // namespace clause::tf
