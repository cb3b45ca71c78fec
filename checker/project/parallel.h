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

// Works a list that grows as it is worked (directories whose listing finds
// more directories): `fn(worker, item, more)` handles one item and appends
// the items it finds to `more`. Up to `jobs` threads take items as they
// come, so a deep part of a tree is shared out instead of falling to one
// thread; it returns when the list is empty and no item is being worked.
// `worker` (0 .. jobs-1) names the thread, for results kept per thread;
// which thread works which item depends on scheduling. The first exception
// a thread meets stops the work and is rethrown on the calling thread.
template <typename T, typename Fn>
void parallel_worklist(std::vector<T> items, unsigned jobs, Fn fn) {
  if (items.empty()) return;
  jobs = std::max(1u, jobs);
  std::mutex mu;
  std::condition_variable changed;
  size_t busy = 0;  // items being worked
  std::exception_ptr error;
  auto worker = [&](unsigned w) {
    std::vector<T> more;
    std::unique_lock lock(mu);
    for (;;) {
      changed.wait(lock, [&] { return !items.empty() || busy == 0 || error; });
      if (items.empty() || error) break;  // nothing left, and no one can add more
      T item = std::move(items.back());
      items.pop_back();
      ++busy;
      lock.unlock();
      try {
        fn(w, item, more);
      } catch (...) {
        lock.lock();
        if (!error) error = std::current_exception();
        --busy;
        break;
      }
      lock.lock();
      --busy;
      for (T &m : more) items.push_back(std::move(m));
      more.clear();
      changed.notify_all();
    }
    changed.notify_all();
  };
  std::vector<std::thread> pool;
  pool.reserve(jobs - 1);
  for (unsigned t = 1; t < jobs; ++t) pool.emplace_back(worker, t);
  worker(0);
  for (auto &t : pool) t.join();
  if (error) std::rethrow_exception(error);
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
