// Scenario 5.11: capacity follows demand within declared bounds, and every
// namespace has a resource budget.
#include <map>

#include "checker/rules/infrastructure/infra_support.h"
#include "checker/rules/infrastructure/k8s_workload_traits.h"
#include "checker/rules/infrastructure/kubernetes_index.h"

namespace clause::infra {
namespace {

// CL-1102 cap.k8s-hpa: autoscalers have room to scale, and workloads that a
// Service sends traffic to have an autoscaler.
void k8s_hpa(const NativeCheckContext &ctx) {
  const KubernetesIndex &k8s = kubernetes_index(ctx.project());
  for (const Resource *hpa : k8s.all("HorizontalPodAutoscaler")) {
    Attribute min = read_attribute(hpa->body, "spec.minReplicas", kBlocksAndDynamic);
    Attribute max = read_attribute(hpa->body, "spec.maxReplicas", kBlocksAndDynamic);
    std::optional<double> lo = min.absent() ? std::optional<double>(1) : min.as_c_number();
    std::optional<double> hi = max.as_c_number();
    if (!lo || !hi || *hi > *lo) continue;
    ctx.report(*hpa, max.node, max.key_to_node_span_or(hpa->span),
               hpa->address + " cannot scale: maxReplicas (" + max.node->scalar_text() +
                   ") is not above minReplicas (" +
                   (min.absent() ? "1 by default" : min.node->scalar_text()) + ")");
  }
  // The Services of each namespace, indexed by their selectors once. A
  // Service without a known, non-empty selector sends traffic to no pod.
  std::map<K8sScope, SelectorIndex> services;
  for (const Resource *svc : k8s.all("Service")) {
    Attribute sel = read_attribute(svc->body, "spec.selector", kBlocksAndDynamic);
    const bool selects = sel.known() && sel.node->is_map() && !sel.node->entries.empty();
    services[k8s_scope(*svc)].add(svc, selects ? sel.node : nullptr);
  }
  for (const Resource *w : judged_workloads(k8s, "Deployment")) {
    // An autoscaler cannot make a single writer scale (docs/rules/CL-1102.md).
    if (k8s.autoscaler_for(*w) || !single_writer_reason(k8s, *w).empty()) continue;
    auto in_namespace = services.find(k8s_scope(*w));
    if (in_namespace == services.end()) continue;
    const Resource *service = in_namespace->second.first_match(k8s_pod_template_labels(*w));
    if (!service) continue;
    ctx.report_in_unit(
        *w, nullptr, w->span,
        w->address + " serves traffic through " + service->address +
            " but no HorizontalPodAutoscaler scales it; demand above its fixed replica count is not "
            "absorbed");
  }
}

// CL-1103 cap.k8s-namespace-quota
void namespace_quota(const NativeCheckContext &ctx) {
  const KubernetesIndex &k8s = kubernetes_index(ctx.project());
  for (const Resource *ns : k8s.all("Namespace")) {
    const std::string &name = ns->name;
    if (name == "kube-system" || name == "kube-public" || name == "kube-node-lease" || name == "default")
      continue;
    bool quota = !k8s.objects("ResourceQuota", *ns, name).empty();
    bool limits = !k8s.objects("LimitRange", *ns, name).empty();
    if (quota && limits) continue;
    std::string missing = !quota && !limits ? "no ResourceQuota and no LimitRange"
                          : !quota          ? "no ResourceQuota"
                                            : "no LimitRange";
    ctx.report_in_unit(*ns, nullptr, ns->span,
                       "Namespace '" + name + "' has " + missing +
                           "; its workloads can consume the cluster's capacity without bound");
  }
}

// Reports a fixed-size group: minimum and maximum both known and equal.
void fixed_size(const NativeCheckContext &ctx, const Resource &r, const Attribute &min, const Attribute &max,
                const std::string &what) {
  auto lo = min.as_c_number();
  auto hi = max.as_c_number();
  if (min.unknown() || max.unknown()) {
    const Attribute &u = min.unknown() ? min : max;
    ctx.undecided(*r.document, u.node->span, r.address, u.node->scalar_text());
    return;
  }
  if (!lo || !hi || *lo != *hi) return;
  ctx.report(*r.document, max.key_to_node_span_or(r.span),
             r.address + " has a fixed " + what + " (minimum and maximum are both " +
                 max.node->scalar_text() + "); it cannot follow demand",
             r.address);
}

// CL-1104 cap.autoscaling
void autoscaling(const NativeCheckContext &ctx) {
  for (const auto &r : ctx.project().resources) {
    if (!r.body) continue;
    if (r.type == "aws_autoscaling_group") {
      fixed_size(ctx, r, read_attribute(r.body, "min_size", kBlocksAndDynamic),
                 read_attribute(r.body, "max_size", kBlocksAndDynamic), "size");
    } else if (r.type == "aws_appautoscaling_target") {
      fixed_size(ctx, r, read_attribute(r.body, "min_capacity", kBlocksAndDynamic),
                 read_attribute(r.body, "max_capacity", kBlocksAndDynamic), "capacity");
    } else if (r.type == "AWS::AutoScaling::AutoScalingGroup") {
      fixed_size(ctx, r, read_attribute(r.body, "Properties.MinSize", kBlocksAndDynamic),
                 read_attribute(r.body, "Properties.MaxSize", kBlocksAndDynamic), "size");
    } else if (r.type == "azurerm_kubernetes_cluster" || r.type == "azurerm_kubernetes_cluster_node_pool") {
      const Node *pool = r.body;
      if (r.type == "azurerm_kubernetes_cluster") {
        Attribute v = read_attribute(r.body, "default_node_pool", kBlocksAndDynamic);
        if (v.unknown()) {  // a dynamic default_node_pool
          ctx.undecided(*r.document, v.node->span, r.address, "dynamic \"default_node_pool\"");
          continue;
        }
        pool = v.node;
      }
      if (!pool) continue;
      // azurerm 4 `auto_scaling_enabled`, azurerm 3 `enable_auto_scaling`.
      Attribute v4 = read_attribute(pool, "auto_scaling_enabled", kBlocksAndDynamic);
      Attribute v3 = read_attribute(pool, "enable_auto_scaling", kBlocksAndDynamic);
      if (v4.as_bool() == true || v3.as_bool() == true) continue;
      if (v4.unknown() || v3.unknown()) {
        const Attribute &u = v4.unknown() ? v4 : v3;
        ctx.undecided(*r.document, u.node->span, r.address, u.node->scalar_text());
        continue;
      }
      const Attribute &set = !v4.absent() ? v4 : v3;
      Span at = set.absent() ? r.span : set.key_to_node_span_or(r.span);
      ctx.report(*r.document, at,
                 r.address + " runs a fixed number of nodes (autoscaling is " +
                     (set.absent() ? std::string("off by default") : "off") + "); it cannot follow demand",
                 r.address);
    } else if (r.type == "google_container_node_pool") {
      if (read_attribute(r.body, "autoscaling", kBlocksAndDynamic).absent())
        ctx.report(
            *r.document, r.span,
            r.address + " has no autoscaling block, so its node count is fixed; it cannot follow demand",
            r.address);
    }
  }
}

const NativeCheckRegistrar kHpa("CL-1102", &k8s_hpa);
const NativeCheckRegistrar kQuota("CL-1103", &namespace_quota);
const NativeCheckRegistrar kAutoscaling("CL-1104", &autoscaling);

}  // namespace
}  // namespace clause::infra
