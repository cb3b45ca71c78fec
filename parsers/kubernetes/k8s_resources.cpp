#include "parsers/kubernetes/k8s_resources.h"

#include <array>
#include <string_view>

namespace clause {

bool is_cluster_scoped_kind(std::string_view kind) {
  static constexpr std::array<std::string_view, 24> kKinds = {
      "Namespace",
      "Node",
      "PersistentVolume",
      "StorageClass",
      "ClusterRole",
      "ClusterRoleBinding",
      "CustomResourceDefinition",
      "PriorityClass",
      "ValidatingWebhookConfiguration",
      "MutatingWebhookConfiguration",
      "ValidatingAdmissionPolicy",
      "ValidatingAdmissionPolicyBinding",
      "APIService",
      "IngressClass",
      "RuntimeClass",
      "PodSecurityPolicy",
      "CSIDriver",
      "CSINode",
      "VolumeAttachment",
      "CertificateSigningRequest",
      "ComponentStatus",
      "FlowSchema",
      "PriorityLevelConfiguration",
      "ClusterIssuer",
  };
  for (std::string_view k : kKinds)
    if (k == kind) return true;
  return false;
}

namespace {

std::string string_at(const Node *map, std::string_view key) {
  const Node *n = map && map->is_map() ? map->get(key) : nullptr;
  return n && n->is_scalar() ? n->scalar_text() : std::string();
}

const Node *path(const Node *n, std::initializer_list<std::string_view> keys) {
  for (std::string_view k : keys) {
    if (!n || !n->is_map()) return nullptr;
    n = n->get(k);
  }
  return n && n->is_map() ? n : nullptr;
}

}  // namespace

void add_kubernetes_object(const Document &doc, const Node &object, std::vector<Resource> &out) {
  if (!object.is_map()) return;
  const MapEntry *kind = object.entry("kind");
  if (!kind || !kind->value.is_string() || kind->value.text.empty()) return;
  const std::string &k = kind->value.text;
  const Node *items = object.get("items");
  if (k.ends_with("List") && items && items->is_list()) {
    for (const Node &item : items->items) add_kubernetes_object(doc, item, out);
    return;
  }
  const Node *metadata = object.get("metadata");
  Resource r;
  r.type = k;
  r.name = string_at(metadata, "name");
  if (r.name.empty()) r.name = string_at(metadata, "generateName");
  if (is_cluster_scoped_kind(k)) {
    r.address = k + "/" + r.name;
  } else {
    std::string ns = string_at(metadata, "namespace");
    r.address = k + "/" + (ns.empty() ? std::string("default") : ns) + "/" + r.name;
  }
  r.provider = ProviderFamily::Kubernetes;
  r.format = DocKind::Kubernetes;
  r.document = &doc;
  r.span = kind->value.span.valid() ? kind->value.span : object.span;
  r.body = &object;
  out.push_back(std::move(r));
}

std::vector<Resource> kubernetes_resources(const Document &doc) {
  std::vector<Resource> out;
  for (const Node &root : doc.roots) add_kubernetes_object(doc, root, out);
  return out;
}

const Node *pod_spec(const Resource &resource) {
  const Node *body = resource.body;
  const std::string &kind = resource.type;
  if (kind == "Pod") return path(body, {"spec"});
  if (kind == "Deployment" || kind == "StatefulSet" || kind == "DaemonSet" || kind == "ReplicaSet" ||
      kind == "ReplicationController" || kind == "Job")
    return path(body, {"spec", "template", "spec"});
  if (kind == "CronJob") return path(body, {"spec", "jobTemplate", "spec", "template", "spec"});
  if (kind == "PodTemplate") return path(body, {"template", "spec"});
  return nullptr;
}

}  // namespace clause
