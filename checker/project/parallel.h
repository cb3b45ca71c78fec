#pragma once
// Runs fn(i) for i in [0, n) on up to `jobs` threads. Results go to slots the
// caller owns, so output order never depends on scheduling.
#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <mutex>
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

// parallel_for under a budget: task i weighs weights[i] (its input bytes,
// say), and starts, in index order, only when the tasks already running
// weigh no more than `budget` with it, or when nothing runs. Peak memory then
// follows the heaviest task instead of the number of workers; light tasks
// still run side by side.
template <typename Fn>
void parallel_for_weighted(const std::vector<uint64_t> &weights, unsigned jobs, uint64_t budget, Fn fn) {
  const size_t n = weights.size();
  unsigned threads = std::max(1u, std::min<unsigned>(jobs, static_cast<unsigned>(n)));
  if (threads <= 1) {
    for (size_t i = 0; i < n; ++i) fn(i);
    return;
  }
  std::mutex mu;
  std::condition_variable changed;
  size_t next = 0;  // the next index a worker takes
  size_t turn = 0;  // the next index allowed to start: tasks start in order
  uint64_t running_weight = 0;
  size_t running = 0;
  auto worker = [&] {
    for (;;) {
      size_t i;
      {
        std::unique_lock lock(mu);
        if (next == n) return;
        i = next++;
        changed.wait(lock,
                     [&] { return turn == i && (running == 0 || running_weight + weights[i] <= budget); });
        ++turn;
        running_weight += weights[i];
        ++running;
      }
      changed.notify_all();
      struct Done {  // also when fn throws, so that no one waits for ever
        std::mutex &mu;
        std::condition_variable &changed;
        uint64_t &running_weight;
        size_t &running;
        uint64_t weight;
        ~Done() {
          {
            std::lock_guard lock(mu);
            running_weight -= weight;
            --running;
          }
          changed.notify_all();
        }
      } done{mu, changed, running_weight, running, weights[i]};
      fn(i);
    }
  };
  std::vector<std::thread> pool;
  pool.reserve(threads - 1);
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(worker);
  worker();
  for (auto &t : pool) t.join();
}

// Runs `fn(i)` for every slot through `schedule` (a call of parallel_for or
// parallel_for_weighted that takes the slot function), then rethrows, on the
// calling thread, the exception of the first slot that threw, in slot
// order, so the error does not depend on scheduling.
template <typename Schedule, typename Fn>
void run_rethrowing(size_t n, Schedule schedule, Fn fn) {
  std::vector<std::exception_ptr> errors(n);
  schedule([&](size_t i) {
    try {
      fn(i);
    } catch (...) {
      errors[i] = std::current_exception();
    }
  });
  for (auto &e : errors)
    if (e) std::rethrow_exception(e);
}

}  // namespace clause
