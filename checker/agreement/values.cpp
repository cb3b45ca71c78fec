#include "checker/agreement/values.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>
#include <span>

namespace clause::agreement {
namespace {

constexpr int kMaxFractionDigits = 9;

std::string_view trim(std::string_view s) {
  const auto is_blank = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!s.empty() && is_blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_blank(s.back())) s.remove_suffix(1);
  return s;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }
char to_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
char to_upper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }

// An unsigned decimal number "123" or "1.25" (also "1,25", as ISO 8601
// allows), read without floating point so that results are exact.
struct Decimal {
  int64_t whole = 0;
  int64_t fraction = 0;     // digits after the separator, as an integer
  int64_t denominator = 1;  // 10^(number of fraction digits)
  bool has_fraction = false;
};

// Reads a Decimal at s[pos]; advances pos. Fails on no leading digit, a
// separator without digits after it, too many fraction digits or overflow.
std::optional<Decimal> read_decimal(std::string_view s, size_t &pos) {
  Decimal d;
  const size_t start = pos;
  while (pos < s.size() && is_digit(s[pos])) {
    const int digit = s[pos] - '0';
    if (d.whole > (std::numeric_limits<int64_t>::max() - digit) / 10) return std::nullopt;
    d.whole = d.whole * 10 + digit;
    ++pos;
  }
  if (pos == start) return std::nullopt;
  if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
    ++pos;
    int digits = 0;
    while (pos < s.size() && is_digit(s[pos])) {
      if (++digits > kMaxFractionDigits) return std::nullopt;
      d.fraction = d.fraction * 10 + (s[pos] - '0');
      d.denominator *= 10;
      ++pos;
    }
    if (digits == 0) return std::nullopt;
    d.has_fraction = true;
  }
  return d;
}

// value x unit_seconds, only when the product is a whole number of seconds
// that fits int64.
std::optional<int64_t> scale(const Decimal &d, int64_t unit_seconds) {
  int64_t whole = 0;
  if (__builtin_mul_overflow(d.whole, unit_seconds, &whole)) return std::nullopt;
  // fraction < 10^9 and unit_seconds <= one year (< 2^25): no overflow.
  const int64_t part = d.fraction * unit_seconds;
  if (part % d.denominator != 0) return std::nullopt;
  int64_t total = 0;
  if (__builtin_add_overflow(whole, part / d.denominator, &total)) return std::nullopt;
  return total;
}

struct Designator {
  char letter;
  int64_t seconds;
};
constexpr std::array<Designator, 4> kDateDesignators{
    {{'Y', kSecondsPerYear}, {'M', kSecondsPerMonth}, {'W', kSecondsPerWeek}, {'D', kSecondsPerDay}}};
constexpr std::array<Designator, 3> kTimeDesignators{
    {{'H', kSecondsPerHour}, {'M', kSecondsPerMinute}, {'S', 1}}};

std::optional<int64_t> parse_iso8601(std::string_view s) {
  size_t pos = 1;  // after 'P'
  bool in_time = false, any = false, any_time = false, fraction_seen = false;
  int last = -1;  // index of the last designator used in the current section
  int64_t total = 0;
  while (pos < s.size()) {
    if (to_upper(s[pos]) == 'T') {
      if (in_time) return std::nullopt;
      in_time = true;
      last = -1;
      ++pos;
      continue;
    }
    if (fraction_seen) return std::nullopt;  // a fraction must end the duration
    const auto number = read_decimal(s, pos);
    if (!number || pos >= s.size()) return std::nullopt;
    const char letter = to_upper(s[pos++]);
    const std::span<const Designator> section = in_time ? std::span<const Designator>(kTimeDesignators)
                                                        : std::span<const Designator>(kDateDesignators);
    int index = 0;
    while (index < static_cast<int>(section.size()) && section[index].letter != letter) ++index;
    if (index == static_cast<int>(section.size()) || index <= last) return std::nullopt;
    last = index;
    const auto seconds = scale(*number, section[index].seconds);
    if (!seconds || __builtin_add_overflow(total, *seconds, &total)) return std::nullopt;
    any = true;
    any_time = any_time || in_time;
    fraction_seen = number->has_fraction;
  }
  if (!any || (in_time && !any_time)) return std::nullopt;
  return total;
}

struct UnitName {
  std::string_view name;
  int64_t seconds;
};
// Short-form unit names, lower case, sorted by name for binary search.
constexpr std::array<UnitName, 31> kShortUnits{{
    {"d", kSecondsPerDay},
    {"day", kSecondsPerDay},
    {"days", kSecondsPerDay},
    {"h", kSecondsPerHour},
    {"hour", kSecondsPerHour},
    {"hours", kSecondsPerHour},
    {"hr", kSecondsPerHour},
    {"hrs", kSecondsPerHour},
    {"m", kSecondsPerMinute},
    {"min", kSecondsPerMinute},
    {"mins", kSecondsPerMinute},
    {"minute", kSecondsPerMinute},
    {"minutes", kSecondsPerMinute},
    {"mo", kSecondsPerMonth},
    {"month", kSecondsPerMonth},
    {"months", kSecondsPerMonth},
    {"s", 1},
    {"sec", 1},
    {"second", 1},
    {"seconds", 1},
    {"secs", 1},
    {"w", kSecondsPerWeek},
    {"week", kSecondsPerWeek},
    {"weeks", kSecondsPerWeek},
    {"wk", kSecondsPerWeek},
    {"wks", kSecondsPerWeek},
    {"y", kSecondsPerYear},
    {"year", kSecondsPerYear},
    {"years", kSecondsPerYear},
    {"yr", kSecondsPerYear},
    {"yrs", kSecondsPerYear},
}};
static_assert(std::is_sorted(kShortUnits.begin(), kShortUnits.end(),
                             [](const UnitName &a, const UnitName &b) { return a.name < b.name; }));

std::optional<int64_t> unit_seconds(std::string_view unit) {
  constexpr size_t kLongest = 8;
  if (unit.empty() || unit.size() > kLongest || unit == "M") return std::nullopt;
  std::array<char, kLongest> buf{};
  for (size_t i = 0; i < unit.size(); ++i) buf[i] = to_lower(unit[i]);
  const std::string_view lower(buf.data(), unit.size());
  const auto it = std::lower_bound(kShortUnits.begin(), kShortUnits.end(), lower,
                                   [](const UnitName &u, std::string_view key) { return u.name < key; });
  if (it == kShortUnits.end() || it->name != lower) return std::nullopt;
  return it->seconds;
}

std::optional<int64_t> parse_short(std::string_view s) {
  size_t pos = 0;
  const auto number = read_decimal(s, pos);
  if (!number) return std::nullopt;
  while (pos < s.size() && s[pos] == ' ') ++pos;
  const auto unit = unit_seconds(s.substr(pos));
  if (!unit) return std::nullopt;
  return scale(*number, *unit);
}

}  // namespace

std::optional<int64_t> parse_duration_seconds(std::string_view text) {
  const std::string_view s = trim(text);
  if (s.empty()) return std::nullopt;
  if (s.front() == 'P' || s.front() == 'p') return parse_iso8601(s);
  return parse_short(s);
}

std::optional<int64_t> parse_duration_seconds(const Node &node) {
  if (node.kind != NodeKind::String) return std::nullopt;
  return parse_duration_seconds(node.text);
}

std::string format_duration(int64_t seconds) {
  if (seconds == 0) return "0 seconds";
  std::string out = seconds < 0 ? "-" : "";
  // Magnitude as unsigned so that INT64_MIN is representable.
  uint64_t rest = seconds < 0 ? 0 - static_cast<uint64_t>(seconds) : static_cast<uint64_t>(seconds);
  struct Part {
    uint64_t seconds;
    const char *singular;
    const char *plural;
  };
  static constexpr std::array<Part, 5> kParts{{{kSecondsPerYear, "year", "years"},
                                               {kSecondsPerDay, "day", "days"},
                                               {kSecondsPerHour, "hour", "hours"},
                                               {kSecondsPerMinute, "minute", "minutes"},
                                               {1, "second", "seconds"}}};
  bool first = true;
  for (const auto &part : kParts) {
    const uint64_t count = rest / part.seconds;
    rest %= part.seconds;
    if (count == 0) continue;
    if (!first) out += ' ';
    first = false;
    out += std::to_string(count);
    out += ' ';
    out += count == 1 ? part.singular : part.plural;
  }
  return out;
}

std::optional<double> parse_percent(const Node &node) {
  if (node.kind == NodeKind::Number) {
    if (!std::isfinite(node.number)) return std::nullopt;
    return node.number;
  }
  if (node.kind != NodeKind::String) return std::nullopt;
  std::string_view s = trim(node.text);
  if (!s.empty() && s.back() == '%') s = trim(s.substr(0, s.size() - 1));
  if (s.empty()) return std::nullopt;
  double value = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || end != s.data() + s.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

bool percent_in_range(double value) { return std::isfinite(value) && value >= 0.0 && value <= 100.0; }

bool is_leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
  static constexpr std::array<int, 12> kDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  return month == 2 && is_leap_year(year) ? 29 : kDays[month - 1];
}

std::optional<Date> parse_date(std::string_view text) {
  // Exactly YYYY-MM-DD: no surrounding blanks, no time part.
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const auto number = [&](size_t from, size_t len) -> std::optional<int> {
    int v = 0;
    for (size_t i = from; i < from + len; ++i) {
      if (!is_digit(text[i])) return std::nullopt;
      v = v * 10 + (text[i] - '0');
    }
    return v;
  };
  const auto y = number(0, 4), m = number(5, 2), d = number(8, 2);
  if (!y || !m || !d || *y < 1 || *m < 1 || *m > 12 || *d < 1 || *d > days_in_month(*y, *m))
    return std::nullopt;
  return Date{*y, *m, *d};
}

int64_t Date::days_since_epoch() const {
  // Count from 1 March so that the leap day ends the counting year; eras of
  // 400 years (146097 days) repeat exactly.
  const int64_t y = static_cast<int64_t>(year) - (month <= 2 ? 1 : 0);
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t year_of_era = y - era * 400;
  const int64_t month_from_march = month > 2 ? month - 3 : month + 9;
  const int64_t day_of_year = (153 * month_from_march + 2) / 5 + day - 1;
  const int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;  // 719468 = days from 0000-03-01 to 1970-01-01
}

std::string Date::to_string() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

int64_t days_between(const Date &from, const Date &to) {
  return to.days_since_epoch() - from.days_since_epoch();
}

}  // namespace clause::agreement
