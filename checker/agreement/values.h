#pragma once
// Normalisation of the scalar values agreement rules compare: durations,
// percentages and calendar dates. Parsing is strict: anything that is not
// clearly one of the accepted spellings gives nullopt, and the rule that
// asked reports the value as unparsable (req.values-valid) rather than
// guessing.
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "checker/model/node.h"

namespace clause::agreement {

// Fixed calendar conventions used for all duration arithmetic. A contract
// month is 30 days and a contract year 365 days, so that "P1M" and "30d"
// compare equal and availability budgets (catalogue §3.0) are reproducible.
inline constexpr int64_t kSecondsPerMinute = 60;
inline constexpr int64_t kSecondsPerHour = 60 * kSecondsPerMinute;
inline constexpr int64_t kSecondsPerDay = 24 * kSecondsPerHour;
inline constexpr int64_t kSecondsPerWeek = 7 * kSecondsPerDay;
inline constexpr int64_t kDaysPerMonth = 30;
inline constexpr int64_t kDaysPerYear = 365;
inline constexpr int64_t kSecondsPerMonth = kDaysPerMonth * kSecondsPerDay;
inline constexpr int64_t kSecondsPerYear = kDaysPerYear * kSecondsPerDay;

// Parses a duration into whole seconds. Accepted:
//  - ISO 8601: P[nY][nM][nW][nD][T[nH][nM][nS]], designators in that order,
//    each at most once, at least one component, a decimal fraction ('.' or
//    ',') only on the last component ("PT0.5H"); "P" and "PT" alone fail.
//  - Short forms: a non-negative number, optional blank, one unit:
//    s/sec/second(s), m/min/minute(s), h/hr/hour(s), d/day(s), w/wk/week(s),
//    mo/month(s), y/yr/year(s) ("30d", "4 hours", "6mo", "1.5h").
// Letters are case-insensitive, except that the short form "M" (capital,
// alone) is rejected as ambiguous between minutes and months.
// Fails (nullopt) on signs, empty components, results that are not a whole
// number of seconds, and values that overflow int64.
std::optional<int64_t> parse_duration_seconds(std::string_view text);
// A String node through parse_duration_seconds; any other kind is nullopt (a
// bare number has no unit and is never taken as a duration).
std::optional<int64_t> parse_duration_seconds(const Node &node);

// Human text for a number of seconds, largest units first, zero parts left
// out: 2592000 -> "30 days", 14400 -> "4 hours", 31536000 -> "1 year",
// 129600 -> "1 day 12 hours". Months are never used (a 30-day month would
// read as a calendar month). Negative values get a leading '-'.
std::string format_duration(int64_t seconds);

// A percentage: a Number node, or a String such as "99.9", "99.9%" or
// "99.9 %". The range is not checked here (see percent_in_range), so that a
// rule can report "150%" as out of range rather than as unparsable.
std::optional<double> parse_percent(const Node &node);
// True for a finite value in [0, 100].
bool percent_in_range(double value);

// A proleptic Gregorian calendar date.
struct Date {
  int year = 1970;
  int month = 1;  // 1-12
  int day = 1;    // 1-31

  auto operator<=>(const Date &) const = default;
  // Days since 1970-01-01 (negative before).
  int64_t days_since_epoch() const;
  // "YYYY-MM-DD".
  std::string to_string() const;
};

// Exactly "YYYY-MM-DD" with a real calendar day (leap years per the
// Gregorian rule; year 0001-9999). "2025-02-29" fails, "2024-02-29" parses.
std::optional<Date> parse_date(std::string_view text);
// `to` minus `from`, in days.
int64_t days_between(const Date &from, const Date &to);
bool is_leap_year(int year);
int days_in_month(int year, int month);

}  // namespace clause::agreement
