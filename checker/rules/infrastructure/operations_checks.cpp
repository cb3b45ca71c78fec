// Scenario 5.9: serving workloads do not depend on a single pod.
#include "checker/rules/infrastructure/infra_support.h"
#include "checker/rules/infrastructure/k8s_workload_traits.h"
#include "checker/rules/infrastructure/kubernetes_index.h"

namespace clause::infra {
namespace {

// CL-0906 ops.k8s-replicas
void single_replica(const NativeCheckContext &ctx) {
  const KubernetesIndex &k8s = kubernetes_index(ctx.project());
  for (const char *kind : {"Deployment", "StatefulSet"}) {
    for (const Resource *w : judged_workloads(k8s, kind)) {
      // More replicas of a single writer are not more availability: the
      // advice would not fit (docs/rules/CL-0906.md).
      if (!single_writer_reason(k8s, *w).empty()) continue;
      // An autoscaler owns the replica count: its floor is what runs at
      // quiet times.
      if (const Resource *hpa = k8s.autoscaler_for(*w)) {
        Attribute min = read_attribute(hpa->body, "spec.minReplicas", kBlocksAndDynamic);
        if (min.unknown()) {
          ctx.undecided(*hpa->document, min.node->span, w->address, min.node->scalar_text());
          continue;
        }
        std::optional<double> floor = min.absent() ? std::optional<double>(1) : min.as_c_number();
        if (!floor || *floor != 1) {
          ctx.passed();
          continue;
        }
        const Span at = min.key_to_node_span_or(hpa->span);
        ctx.report_in_unit(w->unit, hpa->document_of(min.node), hpa->span_of(min.node, at),
                           w->address + " can run a single replica: " + hpa->address +
                               " scales it down to 1" + (min.absent() ? " (minReplicas defaults to 1)" : "") +
                               "; at quiet times any restart, node failure or rollout interrupts it",
                           w->address, {RelatedLocation{w->location(), "the workload"}});
        continue;
      }
      Attribute v = read_attribute(w->body, "spec.replicas", kBlocksAndDynamic);
      if (v.unknown()) {
        ctx.undecided(*w, v.node, v.node->span, v.node->scalar_text());
        continue;
      }
      std::optional<double> n = v.absent() ? std::optional<double>(1) : v.as_c_number();
      if (!n || *n != 1) continue;
      ctx.report_in_unit(*w, v.node, v.key_to_node_span_or(w->span),
                         w->address + " runs a single replica" +
                             (v.absent() ? " (spec.replicas defaults to 1)" : "") +
                             "; any restart, node failure or rollout interrupts it");
    }
  }
}

const NativeCheckRegistrar kReplicas("CL-0906", &single_replica);

}  // namespace
}  // namespace clause::infra
