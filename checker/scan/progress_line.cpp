#include "checker/scan/progress_line.h"

#include <unistd.h>

namespace clause {
namespace {

constexpr auto kRedrawInterval = std::chrono::milliseconds(100);

std::string duration_text(ProgressClock::duration d) {
  const long long s = std::chrono::duration_cast<std::chrono::seconds>(d).count();
  if (s < 60) return std::to_string(s) + "s";
  if (s < 3600) return std::to_string(s / 60) + "m" + (s % 60 < 10 ? "0" : "") + std::to_string(s % 60) + "s";
  const long long m = (s / 60) % 60;
  return std::to_string(s / 3600) + "h" + (m < 10 ? "0" : "") + std::to_string(m) + "m";
}

}  // namespace

std::string progress_text(const ScanProgress &p, ProgressClock::duration elapsed) {
  std::string out =
      "clause: " + std::to_string(p.files_done) + "/" + std::to_string(p.files_total) + " files";
  if (p.roots_total > 1)
    out += " · " + std::to_string(p.roots_done) + "/" + std::to_string(p.roots_total) + " roots";
  out += " · " + duration_text(elapsed) + " elapsed";
  // Files are the unit of work: the estimate assumes the rest parse at the
  // rate seen so far.
  if (p.files_done > 0 && p.files_total > p.files_done) {
    const auto left =
        elapsed * static_cast<long long>(p.files_total - p.files_done) / static_cast<long long>(p.files_done);
    out += " · about " + duration_text(left) + " left";
  }
  return out;
}

ProgressLine::ProgressLine(std::ostream &out, std::function<ProgressClock::time_point()> now)
    : out_(out), now_(std::move(now)), start_(now_()) {}

void ProgressLine::update(const ScanProgress &p) {
  std::unique_lock lock(mutex_, std::try_to_lock);
  if (!lock.owns_lock()) return;
  const ProgressClock::time_point t = now_();
  if (drawn_ && t - last_ < kRedrawInterval) return;
  last_ = t;
  drawn_ = true;
  // Carriage return and erase-to-end-of-line: redraw in place.
  out_ << "\r\x1b[K" << progress_text(p, t - start_) << std::flush;
}

void ProgressLine::finish() {
  std::lock_guard lock(mutex_);
  if (drawn_) out_ << "\r\x1b[K" << std::flush;
  drawn_ = false;
}

bool want_progress(int forced, bool quiet, int fd) {
  if (forced != 0) return forced > 0;
  return !quiet && isatty(fd) == 1;
}

}  // namespace clause
