#pragma once
// What a Kubernetes workload is, for advice that has to fit it: a
// single-writer workload (a database, a queue, a leader) cannot be made
// available by adding replicas or an autoscaler, so the replica and
// autoscaling rules leave it alone (docs/rules/CL-0906.md).
#include <string>

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

}  // namespace clause::infra
