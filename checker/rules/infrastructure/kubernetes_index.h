#pragma once
// Kubernetes objects of a project grouped the way namespace- and
// selector-level checks look them up: by deployment unit (an application,
// checker/model/unit.h) and namespace, so that objects of two applications
// never answer for each other, even when they share names.
#include <map>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "checker/project/project.h"

namespace clause::infra {

// Where an object stands: its unit and its namespace.
using K8sScope = std::pair<uint32_t, std::string>;
K8sScope k8s_scope(const Resource &r);

struct KubernetesIndex {
  // kind -> (unit, namespace) -> objects
  std::map<std::string, std::map<K8sScope, std::vector<const Resource *>>> by_kind;

  explicit KubernetesIndex(const Project &project);
  // The objects of `kind` in namespace `ns` of the unit of `beside`.
  const std::vector<const Resource *> &objects(const std::string &kind, const Resource &beside,
                                               const std::string &ns) const;
  std::vector<const Resource *> all(const std::string &kind) const;
  // The HorizontalPodAutoscaler whose scaleTargetRef names this workload
  // (the first of its namespace, when several do).
  const Resource *autoscaler_for(const Resource &workload) const;

 private:
  // (unit, namespace, target kind, target name) -> autoscaler: looked up
  // once per workload, so not a walk over every autoscaler of the namespace.
  std::map<std::tuple<uint32_t, std::string, std::string, std::string>, const Resource *> autoscalers_;
};

// The project's index, built once on first use (Project::kubernetes_index)
// and shared by every check that reads it, instead of once per check.
const KubernetesIndex &kubernetes_index(const Project &project);

// Objects that select pods by label (Services, PodDisruptionBudgets), with
// their selectors, so that a workload's labels find the first object that
// selects it without trying every selector: each selector is filed under its
// first required label, and a workload looks up only the labels it has.
// Matching is k8s_selector_matches, whose verdicts this index never changes.
class SelectorIndex {
 public:
  // In the order `first_match` prefers. `selector` may be null (selects
  // nothing); `always` says the object counts as selecting every workload
  // (a selector that is not known statically).
  void add(const Resource *object, const Node *selector, bool always = false);
  // The first object added that selects pods with `labels`, or nullptr.
  const Resource *first_match(const Node *labels) const;

 private:
  struct Entry {
    size_t order;
    const Resource *object;
    const Node *selector;
  };
  size_t added_ = 0;
  std::vector<Entry> any_;  // select every workload
  std::map<std::pair<std::string, std::string>, std::vector<Entry>> by_first_label_;
};

}  // namespace clause::infra
