#include "checker/rules/infrastructure/kubernetes_index.h"

#include <memory>

#include "checker/project/built_once.h"
#include "checker/rules/infrastructure/infra_support.h"

namespace clause::infra {

K8sScope k8s_scope(const Resource &r) { return {r.unit, k8s_namespace(r)}; }

KubernetesIndex::KubernetesIndex(const Project &project) {
  for (const auto &r : project.resources)
    if (r.format == DocKind::Kubernetes && r.body) by_kind[r.type][k8s_scope(r)].push_back(&r);
  auto hpas = by_kind.find("HorizontalPodAutoscaler");
  if (hpas == by_kind.end()) return;
  for (const auto &[scope, list] : hpas->second)
    for (const Resource *hpa : list) {
      auto kind = read_attribute(hpa->body, "spec.scaleTargetRef.kind", kBlocksAndDynamic).as_string();
      auto name = read_attribute(hpa->body, "spec.scaleTargetRef.name", kBlocksAndDynamic).as_string();
      if (kind && name) autoscalers_.try_emplace({scope.first, scope.second, *kind, *name}, hpa);
    }
}

const KubernetesIndex &kubernetes_index(const Project &project) {
  return built_once(project.kubernetes_index,
                    [&] { return std::make_shared<const KubernetesIndex>(project); });
}

const std::vector<const Resource *> &KubernetesIndex::objects(const std::string &kind, const Resource &beside,
                                                              const std::string &ns) const {
  static const std::vector<const Resource *> kNone;
  auto k = by_kind.find(kind);
  if (k == by_kind.end()) return kNone;
  auto n = k->second.find({beside.unit, ns});
  return n == k->second.end() ? kNone : n->second;
}

std::vector<const Resource *> KubernetesIndex::all(const std::string &kind) const {
  std::vector<const Resource *> out;
  auto k = by_kind.find(kind);
  if (k == by_kind.end()) return out;
  for (const auto &[scope, list] : k->second) out.insert(out.end(), list.begin(), list.end());
  return out;
}

const Resource *KubernetesIndex::autoscaler_for(const Resource &workload) const {
  auto it = autoscalers_.find({workload.unit, k8s_namespace(workload), workload.type, workload.name});
  return it == autoscalers_.end() ? nullptr : it->second;
}

void SelectorIndex::add(const Resource *object, const Node *selector, bool always) {
  const Entry entry{added_++, object, selector};
  if (always) {
    any_.push_back(entry);
    return;
  }
  // The labels a selector requires, read as k8s_selector_matches reads them.
  if (!selector || !selector->is_map()) return;  // selects nothing
  const Node *match = selector->get("matchLabels");
  const Node *pairs = match ? match : (selector->get("matchExpressions") ? nullptr : selector);
  if (!pairs || (pairs->is_map() && pairs->entries.empty())) {
    any_.push_back(entry);  // requires no label
    return;
  }
  if (!pairs->is_map() || !pairs->entries.front().value.is_scalar()) return;  // selects nothing
  const MapEntry &first = pairs->entries.front();
  by_first_label_[{first.key, first.value.scalar_text()}].push_back(entry);
}

const Resource *SelectorIndex::first_match(const Node *labels) const {
  const Entry *best = any_.empty() ? nullptr : &any_.front();
  if (labels && labels->is_map())
    for (const auto &label : labels->entries) {
      if (!label.value.is_scalar()) continue;
      auto it = by_first_label_.find({label.key, label.value.scalar_text()});
      if (it == by_first_label_.end()) continue;
      for (const Entry &e : it->second) {
        if (best && best->order < e.order) break;  // filed in order
        if (k8s_selector_matches(e.selector, labels)) {
          best = &e;
          break;
        }
      }
    }
  return best ? best->object : nullptr;
}

}  // namespace clause::infra
