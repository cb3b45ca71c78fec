#pragma once
// Kubernetes objects of a project grouped the way namespace- and
// selector-level checks look them up.
#include <map>
#include <string>
#include <vector>

#include "checker/project/project.h"

namespace clause::infra {

struct KubernetesIndex {
  // kind -> namespace -> objects
  std::map<std::string, std::map<std::string, std::vector<const Resource *>>> by_kind;

  explicit KubernetesIndex(const Project &project);
  const std::vector<const Resource *> &objects(const std::string &kind, const std::string &ns) const;
  std::vector<const Resource *> all(const std::string &kind) const;
  // The HorizontalPodAutoscaler whose scaleTargetRef names this workload.
  const Resource *autoscaler_for(const Resource &workload) const;
};

}  // namespace clause::infra
