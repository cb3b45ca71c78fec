// Scenario 5.9: serving workloads do not depend on a single pod.
#include "checker/rules/infrastructure/infra_support.h"
#include "checker/rules/infrastructure/kubernetes_index.h"

namespace clause::infra {
namespace {

// CL-0906 ops.k8s-replicas
void single_replica(const NativeCheckContext &ctx) {
  KubernetesIndex k8s(ctx.project());
  for (const char *kind : {"Deployment", "StatefulSet"}) {
    for (const Resource *w : k8s.all(kind)) {
      // An autoscaler owns the replica count; cap.k8s-hpa judges it.
      if (k8s.autoscaler_for(*w)) continue;
      Value v = value_at(w->body, {"spec", "replicas"});
      if (v.unknown()) {
        ctx.undecided(*w->document, v.node->span, w->address, v.node->scalar_text());
        continue;
      }
      std::optional<double> n = v.absent() ? std::optional<double>(1) : v.as_number();
      if (!n || *n != 1) continue;
      Span at = w->span;
      if (v.entry) {
        at = v.entry->key_span;
        at.end_line = v.node->span.end_line;
        at.end_col = v.node->span.end_col;
        at.end_offset = v.node->span.end_offset;
      }
      // Unit-wide: an autoscaler elsewhere in the application would own it.
      ctx.report_in_unit(w->unit, *w->document, at,
                         w->address + " runs a single replica" +
                             (v.absent() ? " (spec.replicas defaults to 1)" : "") +
                             "; any restart, node failure or rollout interrupts it",
                         w->address);
    }
  }
}

const NativeCheckRegistrar kReplicas("CL-0906", &single_replica);

}  // namespace
}  // namespace clause::infra
