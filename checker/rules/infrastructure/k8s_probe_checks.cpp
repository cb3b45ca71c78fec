// CL-0508 dsg.k8s-probes: the containers of a workload that a Service sends
// traffic to declare a probe, so that a failed pod is taken out of the
// Service's endpoints (readiness) or restarted (liveness). Workloads no
// Service selects (workers, batch) receive no traffic to protect. Of a
// workload's containers, those that own the Service's target ports are
// judged (a sidecar the Service does not reach needs no probe for it); all
// of them when no container can be matched to a target port.
#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "checker/rules/infrastructure/infra_support.h"
#include "checker/rules/infrastructure/k8s_workload_traits.h"
#include "checker/rules/infrastructure/kubernetes_index.h"

namespace clause::infra {
namespace {

bool has_probe(const Node &container) {
  for (const char *probe : {"readinessProbe", "livenessProbe", "startupProbe"})
    if (container.get(probe)) return true;
  return false;
}

// The ports a Service sends its traffic to: each port's targetPort (a
// container port's name or number), its `port` when targetPort is absent.
struct TargetPorts {
  std::set<std::string> names;
  std::set<double> numbers;
  bool known = true;  // false: some target is not known statically
};

// A port written as a number or as digits is a number; anything else a name.
void add_port(const Node &port, TargetPorts &out) {
  if (port.kind == NodeKind::Number) {
    out.numbers.insert(port.number);
  } else if (port.is_string() && !port.text.empty()) {
    const bool digits =
        std::all_of(port.text.begin(), port.text.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (digits && port.text.size() <= 9) {
      out.numbers.insert(std::strtod(port.text.c_str(), nullptr));
    } else {
      out.names.insert(port.text);
    }
  } else {
    out.known = false;
  }
}

TargetPorts service_targets(const Resource &service) {
  TargetPorts out;
  Attribute ports = read_attribute(service.body, "spec.ports", kBlocksAndDynamic);
  if (!ports.known() || !ports.node->is_list()) {
    out.known = false;
    return out;
  }
  for (const Node &p : ports.node->items) {
    const Node *target = p.is_map() ? p.get("targetPort") : nullptr;
    if (!target && p.is_map()) target = p.get("port");
    if (!target) {
      out.known = false;
      continue;
    }
    add_port(*target, out);
  }
  return out;
}

// Whether `container` declares a port the Service targets.
bool owns_target(const Node &container, const TargetPorts &targets) {
  const Node *ports = container.get("ports");
  if (!ports || !ports->is_list()) return false;
  for (const Node &p : ports->items) {
    if (!p.is_map()) continue;
    const Node *name = p.get("name");
    if (name && name->is_string() && targets.names.count(name->text)) return true;
    const Node *number = p.get("containerPort");
    if (!number) continue;
    TargetPorts declared;
    add_port(*number, declared);
    for (double n : declared.numbers)
      if (targets.numbers.count(n)) return true;
  }
  return false;
}

// The containers to judge: those that own one of the Service's target
// ports, or every container when none can be matched (ports not declared,
// or not known statically).
std::vector<const Node *> served_containers(const Node &containers, const Resource &service) {
  std::vector<const Node *> all, owners;
  const TargetPorts targets = service_targets(service);
  for (const Node &c : containers.items) {
    if (!c.is_map()) continue;
    all.push_back(&c);
    if (targets.known && owns_target(c, targets)) owners.push_back(&c);
  }
  return owners.empty() ? all : owners;
}

void served_workload_probes(const NativeCheckContext &ctx) {
  const KubernetesIndex &k8s = kubernetes_index(ctx.project());
  // The Services of each application and namespace, indexed by their
  // selectors once.
  std::map<K8sScope, SelectorIndex> services;
  for (const Resource *svc : k8s.all("Service")) {
    Attribute sel = read_attribute(svc->body, "spec.selector", kBlocksAndDynamic);
    const bool selects = sel.known() && sel.node->is_map() && !sel.node->entries.empty();
    services[k8s_scope(*svc)].add(svc, selects ? sel.node : nullptr);
  }
  for (const char *kind : {"Deployment", "StatefulSet", "DaemonSet"}) {
    for (const Resource *w : judged_workloads(k8s, kind)) {
      auto in_namespace = services.find(k8s_scope(*w));
      if (in_namespace == services.end()) continue;
      const Resource *service = in_namespace->second.first_match(k8s_pod_template_labels(*w));
      if (!service) continue;
      Attribute containers = read_attribute(w->body, "spec.template.spec.containers", kBlocksAndDynamic);
      if (containers.unknown()) {
        ctx.undecided(*w->document, containers.node->span, w->address, containers.node->scalar_text());
        continue;
      }
      if (!containers.known() || !containers.node->is_list()) continue;
      bool all = true;
      for (const Node *served : served_containers(*containers.node, *service)) {
        const Node &c = *served;
        if (has_probe(c)) continue;
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
