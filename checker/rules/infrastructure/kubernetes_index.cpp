#include "checker/rules/infrastructure/kubernetes_index.h"

#include "checker/rules/infrastructure/infra_support.h"

namespace clause::infra {

KubernetesIndex::KubernetesIndex(const Project &project) {
  for (const auto &r : project.resources)
    if (r.format == DocKind::Kubernetes && r.body) by_kind[r.type][k8s_namespace(r)].push_back(&r);
}

const std::vector<const Resource *> &KubernetesIndex::objects(const std::string &kind,
                                                              const std::string &ns) const {
  static const std::vector<const Resource *> kNone;
  auto k = by_kind.find(kind);
  if (k == by_kind.end()) return kNone;
  auto n = k->second.find(ns);
  return n == k->second.end() ? kNone : n->second;
}

std::vector<const Resource *> KubernetesIndex::all(const std::string &kind) const {
  std::vector<const Resource *> out;
  auto k = by_kind.find(kind);
  if (k == by_kind.end()) return out;
  for (const auto &[ns, list] : k->second) out.insert(out.end(), list.begin(), list.end());
  return out;
}

const Resource *KubernetesIndex::autoscaler_for(const Resource &workload) const {
  for (const Resource *hpa : objects("HorizontalPodAutoscaler", k8s_namespace(workload))) {
    auto kind = value_at(hpa->body, {"spec", "scaleTargetRef", "kind"}).as_string();
    auto name = value_at(hpa->body, {"spec", "scaleTargetRef", "name"}).as_string();
    if (kind == workload.type && name == workload.name) return hpa;
  }
  return nullptr;
}

}  // namespace clause::infra
