// Scenario 5.5: replicated workloads keep a minimum available during
// voluntary disruptions (node drains, upgrades).
#include "checker/rules/infrastructure/infra_support.h"
#include "checker/rules/infrastructure/k8s_workload_traits.h"
#include "checker/rules/infrastructure/kubernetes_index.h"

namespace clause::infra {
namespace {

// CL-0506 dsg.k8s-pdb
void pod_disruption_budget(const NativeCheckContext &ctx) {
  const KubernetesIndex &k8s = kubernetes_index(ctx.project());
  // The budgets of each namespace, indexed by their selectors once; one
  // whose selector is not known statically may cover any workload.
  std::map<K8sScope, SelectorIndex> budgets;
  for (const Resource *pdb : k8s.all("PodDisruptionBudget")) {
    Attribute sel = read_attribute(pdb->body, "spec.selector", kBlocksAndDynamic);
    budgets[k8s_scope(*pdb)].add(pdb, sel.node, sel.unknown());
  }
  for (const char *kind : {"Deployment", "StatefulSet"}) {
    for (const Resource *w : judged_workloads(k8s, kind)) {
      // Only workloads meant to be redundant: more than one replica, set
      // directly or as the autoscaler's floor.
      std::optional<double> replicas =
          read_attribute(w->body, "spec.replicas", kBlocksAndDynamic).as_c_number();
      if (const Resource *hpa = k8s.autoscaler_for(*w)) {
        Attribute min = read_attribute(hpa->body, "spec.minReplicas", kBlocksAndDynamic);
        replicas = min.absent() ? std::optional<double>(1) : min.as_c_number();
      }
      if (!replicas || *replicas <= 1) continue;
      auto in_namespace = budgets.find(k8s_scope(*w));
      if (in_namespace != budgets.end() && in_namespace->second.first_match(k8s_pod_template_labels(*w)))
        continue;
      ctx.report_in_unit(
          *w, nullptr, w->span,
          w->address + " runs " + std::to_string(static_cast<long>(*replicas)) +
              " replicas but no PodDisruptionBudget selects its pods; a node drain may take all of "
              "them down at once");
    }
  }
}

const NativeCheckRegistrar kPdb("CL-0506", &pod_disruption_budget);

}  // namespace
}  // namespace clause::infra
