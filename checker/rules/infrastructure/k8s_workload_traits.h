#pragma once
// What a Kubernetes workload is, for advice that has to fit it: a
// single-writer workload (a database, a queue, a leader) cannot be made
// available by adding replicas or an autoscaler, so the replica and
// autoscaling rules leave it alone (docs/rules/CL-0906.md).
#include <string>
#include <vector>

#include "checker/rules/infrastructure/kubernetes_index.h"

namespace clause::infra {

// Why `workload` is a single writer, "" when it is not known to be one:
// - it mounts a PersistentVolumeClaim that only one node can mount
//   (ReadWriteOnce or ReadWriteOncePod), so a second replica could not start
//   elsewhere;
// - it is a StatefulSet (each replica has its own identity and storage:
//   more of them need the application's own replication);
// - a container runs the server image of a single-writer store
//   (checker/catalogue/stateful_images.cpp).
std::string single_writer_reason(const KubernetesIndex &k8s, const Resource &workload);

// Why `workload` is no workload for the Kubernetes workload rules to judge,
// "" when it is one (docs/kubernetes.md):
// - a Deployment, StatefulSet, DaemonSet or ReplicaSet with neither
//   spec.selector nor spec.template.spec.containers: a stub, such as the
//   selector-matching inputs of a tool's test data, that cannot run;
// - a pod template all of whose containers, init containers included, run
//   the pause image (checker/catalogue/stateful_images.h): a placeholder that
//   holds capacity or a volume and serves nothing.
std::string not_a_workload_reason(const Resource &workload);

// The objects of `kind` (all(kind)) that are workloads to judge.
std::vector<const Resource *> judged_workloads(const KubernetesIndex &k8s, const std::string &kind);

}  // namespace clause::infra
