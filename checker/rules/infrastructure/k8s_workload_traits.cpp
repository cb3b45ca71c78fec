#include "checker/rules/infrastructure/k8s_workload_traits.h"

#include "checker/catalogue/stateful_images.h"
#include "checker/rules/infrastructure/infra_support.h"

namespace clause::infra {
namespace {

bool single_node_access(const Resource &claim) {
  Attribute modes = read_attribute(claim.body, "spec.accessModes", kBlocksAndDynamic);
  if (!modes.known() || !modes.node->is_list() || modes.node->items.empty()) return false;
  for (const Node &m : modes.node->items)
    if (!m.is_string() || (m.text != "ReadWriteOnce" && m.text != "ReadWriteOncePod")) return false;
  return true;
}

// Whether every container and init container of `pod` (a pod spec) is
// written with the pause image, and there is at least one.
bool only_pause_containers(const Node &pod) {
  size_t seen = 0;
  for (const char *list : {"containers", "initContainers"}) {
    const Node *containers = pod.get(list);
    if (!containers) continue;
    if (!containers->is_list()) return false;
    for (const Node &c : containers->items) {
      const Node *image = c.is_map() ? c.get("image") : nullptr;
      if (!image || !image->is_string() || !catalogue::is_placeholder_image(image->text)) return false;
      ++seen;
    }
  }
  return seen > 0;
}

}  // namespace

std::string not_a_workload_reason(const Resource &workload) {
  const std::string &kind = workload.type;
  const bool apps =
      kind == "Deployment" || kind == "StatefulSet" || kind == "DaemonSet" || kind == "ReplicaSet";
  if (apps && read_attribute(workload.body, "spec.selector", kBlocksAndDynamic).absent() &&
      read_attribute(workload.body, "spec.template.spec.containers", kBlocksAndDynamic).absent())
    return "it has neither spec.selector nor containers";
  Attribute pod =
      kind == "Pod" ? read_attribute(workload.body, "spec", kBlocksAndDynamic)
      : kind == "CronJob"
          ? read_attribute(workload.body, "spec.jobTemplate.spec.template.spec", kBlocksAndDynamic)
          : read_attribute(workload.body, "spec.template.spec", kBlocksAndDynamic);
  if (pod.known() && pod.node->is_map() && only_pause_containers(*pod.node))
    return "its containers only run the pause image";
  return "";
}

std::vector<const Resource *> judged_workloads(const KubernetesIndex &k8s, const std::string &kind) {
  std::vector<const Resource *> out;
  for (const Resource *r : k8s.all(kind))
    if (not_a_workload_reason(*r).empty()) out.push_back(r);
  return out;
}

std::string single_writer_reason(const KubernetesIndex &k8s, const Resource &workload) {
  if (workload.type == "StatefulSet") return "it is a StatefulSet";
  Attribute pod = read_attribute(workload.body, "spec.template.spec", kBlocksAndDynamic);
  if (!pod.known() || !pod.node->is_map()) return "";
  if (const Node *containers = pod.node->get("containers"); containers && containers->is_list())
    for (const Node &c : containers->items) {
      const Node *image = c.get("image");
      if (image && image->is_string() && catalogue::is_single_writer_image(image->text))
        return "it runs " + image->text + ", a store whose instances each keep their own data";
    }
  const Node *volumes = pod.node->get("volumes");
  if (!volumes || !volumes->is_list()) return "";
  const std::string ns = k8s_namespace(workload);
  for (const Node &v : volumes->items) {
    const Node *claim_name = v.is_map() ? v.get("persistentVolumeClaim") : nullptr;
    claim_name = claim_name && claim_name->is_map() ? claim_name->get("claimName") : nullptr;
    if (!claim_name || !claim_name->is_string()) continue;
    for (const Resource *claim : k8s.objects("PersistentVolumeClaim", workload, ns))
      if (claim->name == claim_name->text && single_node_access(*claim))
        return "it mounts " + claim->address + ", which only one node can mount";
  }
  return "";
}

}  // namespace clause::infra
