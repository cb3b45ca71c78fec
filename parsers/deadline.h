#pragma once
// A per-file parse deadline (ParseOptions::timeout). Parsers poll it from
// their event loops; it reads the clock only every few hundred polls so the
// check costs nothing measurable.
#include <chrono>
#include <cstdint>
#include <string>

namespace clause {

class Deadline {
 public:
  using Clock = std::chrono::steady_clock;

  // A zero budget never expires.
  explicit Deadline(std::chrono::milliseconds budget)
      : unlimited_(budget.count() <= 0), end_(Clock::now() + budget) {}

  bool passed() {
    if (unlimited_ || expired_) return expired_;
    if (++polls_ % 256 != 0) return false;
    return passed_now();
  }
  // Reads the clock on every call: for callers whose polls are far apart
  // (tree-sitter's progress callback runs every 100 parse steps, and a step
  // of error recovery over deeply nested input can take milliseconds).
  bool passed_now() {
    if (unlimited_ || expired_) return expired_;
    expired_ = Clock::now() >= end_;
    return expired_;
  }

 private:
  bool unlimited_;
  bool expired_ = false;
  uint32_t polls_ = 0;
  Clock::time_point end_;
};

// The text of a `limit-parse-time` diagnostic.
inline std::string parse_timeout_message(std::chrono::milliseconds budget) {
  const auto ms = budget.count();
  std::string amount = ms % 1000 == 0 ? std::to_string(ms / 1000) + " s" : std::to_string(ms) + " ms";
  return "parsing took longer than " + amount + "; the file was not analysed";
}

}  // namespace clause
