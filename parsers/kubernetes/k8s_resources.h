#pragma once
// Kubernetes manifests normalised into Resources.
#include <string_view>
#include <vector>

#include "checker/model/document.h"
#include "checker/model/resource.h"

namespace clause {

// One Resource per object (a `kind: List` / `*List` expands its `items`):
// address `Kind/namespace/name` (namespace `default` when absent) for
// namespaced kinds and `Kind/name` for cluster-scoped ones (Namespace,
// ClusterRole, PersistentVolume, ...); type = `kind`, name = metadata.name
// (or generateName), provider Kubernetes, span = the `kind:` value, body =
// the object's Map.
std::vector<Resource> kubernetes_resources(const Document &doc);

// The same for one object of `doc` (`object` may live elsewhere, e.g. a
// rendered copy: the caller keeps it alive).
void add_kubernetes_object(const Document &doc, const Node &object, std::vector<Resource> &out);

// Kinds that belong to no namespace (Namespace, ClusterRole, ...).
bool is_cluster_scoped_kind(std::string_view kind);

// The pod spec of a workload: Pod `spec`; Deployment, StatefulSet,
// DaemonSet, ReplicaSet, ReplicationController and Job
// `spec.template.spec`; CronJob `spec.jobTemplate.spec.template.spec`;
// PodTemplate `template.spec`. nullptr for other kinds or when absent.
const Node *pod_spec(const Resource &resource);

}  // namespace clause
