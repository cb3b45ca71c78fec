#pragma once
// Runs fn(i) for i in [0, n) on up to `jobs` threads. Results go to slots the
// caller owns, so output order never depends on scheduling.
#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace clause {

template <typename Fn>
void parallel_for(size_t n, unsigned jobs, Fn fn) {
  unsigned threads = std::max(1u, std::min<unsigned>(jobs, static_cast<unsigned>(n)));
  if (threads <= 1) {
    for (size_t i = 0; i < n; ++i) fn(i);
    return;
  }
  std::atomic<size_t> next{0};
  auto worker = [&] {
    for (size_t i = next.fetch_add(1); i < n; i = next.fetch_add(1)) fn(i);
  };
  std::vector<std::thread> pool;
  pool.reserve(threads - 1);
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(worker);
  worker();
  for (auto &t : pool) t.join();
}

}  // namespace clause
