#pragma once
// What several checks read of a project, worked out on first use and kept
// on it (Project::resource_index, terraform_layout, kubernetes_index), so
// that the checks, which run side by side, share one instead of each
// building its own.
#include <memory>
#include <mutex>

namespace clause {

// `slot` once `build()` (a shared_ptr<const T>) has filled it; later calls,
// from any thread, get the same value.
template <class T, class Build>
const T &built_once(std::shared_ptr<const T> &slot, Build build) {
  static std::mutex mu;  // one per kind of value
  std::lock_guard<std::mutex> lock(mu);
  if (!slot) slot = build();
  return *slot;
}

}  // namespace clause
