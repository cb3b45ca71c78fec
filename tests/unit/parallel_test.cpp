#include "checker/project/parallel.h"

#include <gtest/gtest.h>

#include <chrono>
#include <mutex>

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

}  // namespace
}  // namespace clause
