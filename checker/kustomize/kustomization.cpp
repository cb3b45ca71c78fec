#include "checker/kustomize/kustomization.h"

#include <array>

#include "checker/kustomize/object.h"
#include "checker/kustomize/origins.h"

namespace clause::kustomize {
namespace {

void read_refs(const Node *list, std::vector<Ref> &out) {
  if (!list || !list->is_list()) return;
  for (const Node &item : list->items)
    if (item.is_string() && !item.text.empty()) out.push_back(Ref{item.text, item.span});
}

std::optional<Selector> read_selector(const Node *n) {
  if (!n || !n->is_map()) return std::nullopt;
  Selector s;
  s.group = scalar_or_empty(n->get("group"));
  s.version = scalar_or_empty(n->get("version"));
  s.kind = scalar_or_empty(n->get("kind"));
  s.name = scalar_or_empty(n->get("name"));
  s.ns = scalar_or_empty(n->get("namespace"));
  s.label_selector = scalar_or_empty(n->get("labelSelector"));
  return s;
}

// One `patches:` / `patchesJson6902:` entry: a path or an inline patch.
void read_patch(const Node &item, PatchRef::Form form, std::vector<PatchRef> &out) {
  PatchRef p;
  p.form = form;
  p.span = item.span;
  if (item.is_string()) {
    p.path = item.text;  // patchesStrategicMerge: a file name (inline YAML when it has a newline)
    if (item.text.find('\n') != std::string::npos) {
      p.path.clear();
      p.inline_text = &item;
    }
  } else if (item.is_map()) {
    p.path = scalar_or_empty(item.get("path"));
    if (const Node *inline_patch = item.get("patch"); inline_patch && inline_patch->is_string())
      p.inline_text = inline_patch;
    p.target = read_selector(item.get("target"));
  } else {
    return;
  }
  if (p.path.empty() && !p.inline_text) return;
  out.push_back(std::move(p));
}

}  // namespace

bool is_kustomization_file(std::string_view path) {
  const size_t slash = path.rfind('/');
  const std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  for (std::string_view k : kKustomizationNames)
    if (name == k) return true;
  return false;
}

bool is_remote(std::string_view ref) {
  if (ref.find("://") != std::string_view::npos || ref.starts_with("git@") ||
      ref.find("?ref=") != std::string_view::npos)
    return true;
  // `github.com/org/repo//path`: a host name as the first segment.
  const std::string_view first = ref.substr(0, ref.find('/'));
  return first.find('.') != std::string_view::npos && first != "." && first != ".." &&
         ref.find('/') != std::string_view::npos &&
         (first.ends_with(".com") || first.ends_with(".org") || first.ends_with(".io"));
}

Kustomization read_kustomization(const Document &doc, std::string directory) {
  Kustomization k;
  k.document = &doc;
  k.directory = std::move(directory);
  const Node *root = nullptr;
  for (const Node &r : doc.roots)
    if (r.is_map()) {
      root = &r;
      break;
    }
  if (!root) return k;
  k.span = root->span;
  k.component = scalar_or_empty(root->get("kind")) == "Component";
  read_refs(root->get("resources"), k.resources);
  read_refs(root->get("bases"), k.resources);
  read_refs(root->get("components"), k.components);
  if (const Node *psm = root->get("patchesStrategicMerge"); psm && psm->is_list())
    for (const Node &item : psm->items) read_patch(item, PatchRef::Form::StrategicMerge, k.patches);
  if (const Node *ps = root->get("patches"); ps && ps->is_list())
    for (const Node &item : ps->items) read_patch(item, PatchRef::Form::Any, k.patches);
  if (const Node *pj = root->get("patchesJson6902"); pj && pj->is_list())
    for (const Node &item : pj->items) read_patch(item, PatchRef::Form::Json6902, k.json_patches);
  if (const Node *cl = root->get("commonLabels"); cl && cl->is_map())
    k.labels.push_back(LabelSet{cl, true, true});
  if (const Node *ls = root->get("labels"); ls && ls->is_list()) {
    for (const Node &item : ls->items) {
      if (!item.is_map()) continue;
      const Node *pairs = item.get("pairs");
      if (!pairs || !pairs->is_map()) continue;
      const bool selectors = scalar_or_empty(item.get("includeSelectors")) == "true";
      const bool templates = selectors || scalar_or_empty(item.get("includeTemplates")) == "true";
      k.labels.push_back(LabelSet{pairs, selectors, templates});
    }
  }
  if (const Node *ca = root->get("commonAnnotations"); ca && ca->is_map()) k.annotations = ca;
  for (const MapEntry &e : root->entries) {
    if (e.key == "namespace" && e.value.is_string() && !e.value.text.empty()) k.ns = &e;
    if (e.key == "namePrefix" && e.value.is_string()) k.name_prefix = &e;
    if (e.key == "nameSuffix" && e.value.is_string()) k.name_suffix = &e;
  }
  if (const Node *images = root->get("images"); images && images->is_list()) {
    for (const Node &item : images->items) {
      if (!item.is_map()) continue;
      ImageRule rule;
      rule.name = scalar_or_empty(item.get("name"));
      rule.new_name = item.entry("newName");
      rule.new_tag = item.entry("newTag");
      rule.digest = item.entry("digest");
      if (!rule.name.empty()) k.images.push_back(rule);
    }
  }
  if (const Node *replicas = root->get("replicas"); replicas && replicas->is_list()) {
    for (const Node &item : replicas->items) {
      if (!item.is_map()) continue;
      ReplicaRule rule{scalar_or_empty(item.get("name")), item.entry("count")};
      if (!rule.name.empty() && rule.count) k.replicas.push_back(rule);
    }
  }
  static constexpr std::array<std::string_view, 10> kNotRendered = {
      "configMapGenerator", "secretGenerator",
      "helmCharts",         "helmChartInflationGenerator",
      "generators",         "transformers",
      "replacements",       "vars",
      "validators",         "crds"};
  for (const MapEntry &e : root->entries)
    for (std::string_view name : kNotRendered)
      if (e.key == name) k.not_rendered.push_back(Ref{e.key, entry_span(e)});
  return k;
}

}  // namespace clause::kustomize
