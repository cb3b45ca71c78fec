#pragma once
// TEMPORARY instrumentation
#include <chrono>
#include <cstdio>
#include <cstdlib>
namespace clause {
inline void phase(const char *what) {
  static const bool on = std::getenv("CLAUSE_PHASES") != nullptr;
  if (!on) return;
  using C = std::chrono::steady_clock;
  static C::time_point last = C::now();
  auto now = C::now();
  std::fprintf(stderr, "%-28s %7.2f ms\n", what, std::chrono::duration<double, std::milli>(now - last).count());
  last = now;
}
}  // namespace clause
