#pragma once
// The progress line of a long scan on stderr: files parsed of the total,
// roots done, elapsed time and an estimate of what is left, redrawn in place
// at most ten times a second. Only for a person watching a terminal: the
// caller decides whether it is shown (see want_progress).
#include <chrono>
#include <functional>
#include <mutex>
#include <ostream>
#include <string>

#include "checker/scan/scanner.h"

namespace clause {

using ProgressClock = std::chrono::steady_clock;

// "clause: 1,204/5,000 files · 3/40 roots · 12s elapsed · about 38s left"
std::string progress_text(const ScanProgress &p, ProgressClock::duration elapsed);

class ProgressLine {
 public:
  ProgressLine(std::ostream &out, std::function<ProgressClock::time_point()> now = ProgressClock::now);
  // Thread-safe; draws only when 100 ms have passed since the last drawing
  // (another thread drawing just now is not waited for).
  void update(const ScanProgress &p);
  // Erases the line, if one was drawn.
  void finish();

 private:
  std::ostream &out_;
  std::function<ProgressClock::time_point()> now_;
  ProgressClock::time_point start_;
  ProgressClock::time_point last_{};
  bool drawn_ = false;
  std::mutex mutex_;
};

// Whether to show progress: --progress / --no-progress (forced > 0 / < 0)
// decide; otherwise only when stderr is a terminal and not --quiet.
bool want_progress(int forced, bool quiet, int fd);

}  // namespace clause
