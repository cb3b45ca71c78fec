// CL-0508 dsg.k8s-probes: the containers of a workload that a Service sends
// traffic to declare a probe, so that a failed pod is taken out of the
// Service's endpoints (readiness) or restarted (liveness). Workloads no
// Service selects (workers, batch) receive no traffic to protect.
#include <map>

#include "checker/rules/infrastructure/infra_support.h"
#include "checker/rules/infrastructure/kubernetes_index.h"

namespace clause::infra {
namespace {

bool has_probe(const Node &container) {
  for (const char *probe : {"readinessProbe", "livenessProbe", "startupProbe"})
    if (container.get(probe)) return true;
  return false;
}

void served_workload_probes(const NativeCheckContext &ctx) {
  KubernetesIndex k8s(ctx.project());
  // The Services of each application and namespace, indexed by their
  // selectors once.
  std::map<K8sScope, SelectorIndex> services;
  for (const Resource *svc : k8s.all("Service")) {
    Value sel = value_at(svc->body, {"spec", "selector"});
    const bool selects = sel.known() && sel.node->is_map() && !sel.node->entries.empty();
    services[k8s_scope(*svc)].add(svc, selects ? sel.node : nullptr);
  }
  for (const char *kind : {"Deployment", "StatefulSet", "DaemonSet"}) {
    for (const Resource *w : k8s.all(kind)) {
      auto in_namespace = services.find(k8s_scope(*w));
      if (in_namespace == services.end()) continue;
      const Resource *service = in_namespace->second.first_match(k8s_pod_template_labels(*w));
      if (!service) continue;
      Value containers = value_at(w->body, {"spec", "template", "spec", "containers"});
      if (containers.unknown()) {
        ctx.undecided(*w->document, containers.node->span, w->address, containers.node->scalar_text());
        continue;
      }
      if (!containers.known() || !containers.node->is_list()) continue;
      bool all = true;
      for (const Node &c : containers.node->items) {
        if (!c.is_map() || has_probe(c)) continue;
        all = false;
        const Node *name = c.get("name");
        const std::string label =
            name && name->is_string() ? "container '" + name->text + "'" : "a container";
        ctx.report_in_unit(*w, &c, c.span,
                           w->address + " " + label + " declares no readiness, liveness or startup probe; " +
                               service->address + " keeps sending traffic to its pods when they fail",
                           {RelatedLocation{service->location(), "the Service that selects it"}});
      }
      if (all) ctx.passed();
    }
  }
}

const NativeCheckRegistrar kProbes("CL-0508", &served_workload_probes);

}  // namespace
}  // namespace clause::infra
