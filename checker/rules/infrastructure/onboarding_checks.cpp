// Scenario 5.8: a tenant's namespace is isolated before the tenant is
// onboarded onto a shared cluster.
#include "checker/rules/infrastructure/infra_support.h"
#include "checker/rules/infrastructure/kubernetes_index.h"

namespace clause::infra {
namespace {

// A NetworkPolicy that selects every pod and restricts ingress: the
// namespace denies traffic unless another policy allows it.
bool default_deny(const Resource &np) {
  Attribute sel = read_attribute(np.body, "spec.podSelector", kBlocksAndDynamic);
  if (!sel.known() || !sel.node->is_map()) return false;
  const Node *ml = sel.node->get("matchLabels");
  bool selects_all = sel.node->entries.empty() ||
                     (ml && ml->is_map() && ml->entries.empty() && sel.node->entries.size() == 1);
  if (!selects_all) return false;
  Attribute types = read_attribute(np.body, "spec.policyTypes", kBlocksAndDynamic);
  if (types.known() && types.node->is_list()) {
    for (const auto &t : types.node->items)
      if (t.is_string() && t.text == "Ingress") return true;
    return false;
  }
  return true;  // policyTypes omitted: Ingress is implied
}

// CL-0801 onb.k8s-tenant-isolation
void tenant_isolation(const NativeCheckContext &ctx) {
  const KubernetesIndex &k8s = kubernetes_index(ctx.project());
  for (const Resource *ns : k8s.all("Namespace")) {
    if (read_attribute(ns->body, "metadata.labels.tenant", kBlocksAndDynamic).absent()) continue;
    const std::string &name = ns->name;
    std::vector<std::string> missing;
    if (k8s.objects("ResourceQuota", *ns, name).empty()) missing.push_back("a ResourceQuota");
    if (k8s.objects("LimitRange", *ns, name).empty()) missing.push_back("a LimitRange");
    bool deny = false;
    for (const Resource *np : k8s.objects("NetworkPolicy", *ns, name)) deny = deny || default_deny(*np);
    if (!deny) missing.push_back("a default-deny NetworkPolicy");
    if (missing.empty()) continue;
    std::string list;
    for (size_t i = 0; i < missing.size(); ++i)
      list += (i == 0 ? "" : i + 1 == missing.size() ? " and " : ", ") + missing[i];
    ctx.report_in_unit(*ns, nullptr, ns->span,
                       "Tenant namespace '" + name + "' has no " + list +
                           "; the tenant is not isolated from the others on this cluster");
  }
}

const NativeCheckRegistrar kTenant("CL-0801", &tenant_isolation);

}  // namespace
}  // namespace clause::infra
