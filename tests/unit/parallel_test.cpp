#include "checker/project/parallel.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <stdexcept>
#include <vector>

namespace clause {
namespace {

// Tasks record the weight running alongside them; none may start while the
// running total with it would pass the budget, unless it runs alone.
TEST(ParallelForWeighted, KeepsTheRunningWeightWithinTheBudget) {
  const std::vector<uint64_t> weights = {10, 10, 3, 3, 3, 10, 1, 9, 0, 10};
  std::mutex mu;
  uint64_t running = 0, peak = 0;
  std::vector<int> runs(weights.size(), 0);
  parallel_for_weighted(weights, 4, 10, [&](size_t i) {
    {
      std::lock_guard lock(mu);
      running += weights[i];
      peak = std::max(peak, running);
      ++runs[i];
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
    std::lock_guard lock(mu);
    running -= weights[i];
  });
  EXPECT_EQ(peak, 10u);
  for (size_t i = 0; i < weights.size(); ++i) EXPECT_EQ(runs[i], 1) << i;
}

TEST(ParallelForWeighted, ATaskHeavierThanTheBudgetRunsAlone) {
  const std::vector<uint64_t> weights = {1, 50, 1, 1};
  std::mutex mu;
  uint64_t running = 0;
  bool heavy_had_company = false;
  parallel_for_weighted(weights, 3, 10, [&](size_t i) {
    {
      std::lock_guard lock(mu);
      running += weights[i];
      if (running > weights[i] && (i == 1 || running >= 50)) heavy_had_company = true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(3));
    std::lock_guard lock(mu);
    running -= weights[i];
  });
  EXPECT_FALSE(heavy_had_company);
}

TEST(ParallelForWeighted, LightTasksRunSideBySide) {
  const std::vector<uint64_t> weights(8, 1);
  std::mutex mu;
  size_t running = 0, peak = 0;
  parallel_for_weighted(weights, 4, 100, [&](size_t) {
    {
      std::lock_guard lock(mu);
      peak = std::max(peak, ++running);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    std::lock_guard lock(mu);
    --running;
  });
  EXPECT_GT(peak, 1u);
}

// A list that grows as it is worked: item n finds 2n+1 and 2n+2 (a tree of
// 1,000 items, as directories find directories). Every item is worked
// exactly once, on any number of threads, each by a worker of its own range.
TEST(ParallelWorklist, WorksEveryItemFoundOnceWhateverTheThreads) {
  for (unsigned jobs : {1u, 2u, 4u}) {
    std::vector<std::vector<int>> by_worker(jobs);
    parallel_worklist(std::vector<int>{0}, jobs, [&](unsigned w, int n, std::vector<int> &more) {
      ASSERT_LT(w, jobs);
      by_worker[w].push_back(n);
      for (int child : {2 * n + 1, 2 * n + 2})
        if (child < 1000) more.push_back(child);
    });
    std::vector<int> all;
    for (const auto &part : by_worker) all.insert(all.end(), part.begin(), part.end());
    std::sort(all.begin(), all.end());
    ASSERT_EQ(all.size(), 1000u) << jobs;
    for (int i = 0; i < 1000; ++i) ASSERT_EQ(all[i], i) << jobs;
  }
  int calls = 0;
  parallel_worklist(std::vector<int>{}, 2, [&](unsigned, int, std::vector<int> &) { ++calls; });
  EXPECT_EQ(calls, 0);
}

TEST(ParallelWorklist, AnExceptionStopsTheWorkAndReachesTheCaller) {
  std::atomic<int> worked{0};
  auto run = [&] {
    parallel_worklist(std::vector<int>{0}, 2, [&](unsigned, int n, std::vector<int> &more) {
      ++worked;
      if (n == 5) throw std::runtime_error("item 5");
      if (n < 500) more.push_back(n + 1);
    });
  };
  EXPECT_THROW(
      try { run(); } catch (const std::runtime_error &e) {
        EXPECT_STREQ(e.what(), "item 5");
        throw;
      },
      std::runtime_error);
  EXPECT_EQ(worked.load(), 6);  // 0 .. 5: a chain, so nothing past the throw was found
}

}  // namespace
}  // namespace clause
