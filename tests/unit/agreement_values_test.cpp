#include <gtest/gtest.h>

#include <cstdint>
#include <limits>

#include "checker/agreement/values.h"

namespace clause::agreement {
namespace {

constexpr int64_t kMin = 60;
constexpr int64_t kHour = 3600;
constexpr int64_t kDay = 86400;

TEST(Duration, CalendarConstants) {
  EXPECT_EQ(kSecondsPerMonth, 30 * kDay);
  EXPECT_EQ(kSecondsPerYear, 365 * kDay);
  EXPECT_EQ(kSecondsPerWeek, 7 * kDay);
}

TEST(Duration, Iso8601Forms) {
  EXPECT_EQ(parse_duration_seconds("P30D"), 30 * kDay);
  EXPECT_EQ(parse_duration_seconds("PT4H"), 4 * kHour);
  EXPECT_EQ(parse_duration_seconds("P1M"), 30 * kDay);
  EXPECT_EQ(parse_duration_seconds("P1Y"), 365 * kDay);
  EXPECT_EQ(parse_duration_seconds("P2W"), 14 * kDay);
  EXPECT_EQ(parse_duration_seconds("P1DT12H"), 36 * kHour);
  EXPECT_EQ(parse_duration_seconds("PT30M"), 30 * kMin);
  EXPECT_EQ(parse_duration_seconds("PT0.5H"), 30 * kMin);
  EXPECT_EQ(parse_duration_seconds("PT0,5H"), 30 * kMin);
  EXPECT_EQ(parse_duration_seconds("PT90S"), 90);
  EXPECT_EQ(parse_duration_seconds("P1Y2M3DT4H5M6S"),
            365 * kDay + 60 * kDay + 3 * kDay + 4 * kHour + 5 * kMin + 6);
  EXPECT_EQ(parse_duration_seconds("P0D"), 0);
  EXPECT_EQ(parse_duration_seconds("p30d"), 30 * kDay);
  EXPECT_EQ(parse_duration_seconds("  P7D \n"), 7 * kDay);
  EXPECT_EQ(parse_duration_seconds("P1.5D"), 36 * kHour);
}

TEST(Duration, ShortForms) {
  EXPECT_EQ(parse_duration_seconds("30d"), 30 * kDay);
  EXPECT_EQ(parse_duration_seconds("4h"), 4 * kHour);
  EXPECT_EQ(parse_duration_seconds("15m"), 15 * kMin);
  EXPECT_EQ(parse_duration_seconds("90s"), 90);
  EXPECT_EQ(parse_duration_seconds("2w"), 14 * kDay);
  EXPECT_EQ(parse_duration_seconds("1y"), 365 * kDay);
  EXPECT_EQ(parse_duration_seconds("6mo"), 180 * kDay);
  EXPECT_EQ(parse_duration_seconds("30 days"), 30 * kDay);
  EXPECT_EQ(parse_duration_seconds("4 hours"), 4 * kHour);
  EXPECT_EQ(parse_duration_seconds("1 day"), kDay);
  EXPECT_EQ(parse_duration_seconds("2 Weeks"), 14 * kDay);
  EXPECT_EQ(parse_duration_seconds("12 months"), 360 * kDay);
  EXPECT_EQ(parse_duration_seconds("45 min"), 45 * kMin);
  EXPECT_EQ(parse_duration_seconds("1.5h"), 90 * kMin);
  EXPECT_EQ(parse_duration_seconds("30D"), 30 * kDay);
  EXPECT_EQ(parse_duration_seconds("0s"), 0);
}

TEST(Duration, Rejects) {
  for (const char *bad : {"",
                          "soon",
                          "P",
                          "PT",
                          "P1DT",
                          "-P1D",
                          "+P1D",
                          "-30d",
                          "30",
                          "d",
                          "P1H",
                          "PT1D",
                          "P1D1Y",
                          "P1D2D",
                          "PT.5H",
                          "PT1.H",
                          "PT0.5H1M",
                          "P1DT2HT3M",
                          "30 dayz",
                          "1M",
                          "PT0.5S",
                          "1.5s",
                          "30d4h",
                          "P 1D",
                          "four hours",
                          "PT1 H",
                          "P9999999999999999999D",
                          "P106751991167301D",
                          "9223372036854775807y"})
    EXPECT_FALSE(parse_duration_seconds(bad).has_value()) << bad;
}

TEST(Duration, LargestValues) {
  EXPECT_EQ(parse_duration_seconds("PT9223372036854775807S"), std::numeric_limits<int64_t>::max());
  EXPECT_FALSE(parse_duration_seconds("PT9223372036854775808S").has_value());
  EXPECT_FALSE(parse_duration_seconds("PT9223372036854775807S1").has_value());
}

TEST(Duration, FromNode) {
  EXPECT_EQ(parse_duration_seconds(Node::make_string("P30D")), 30 * kDay);
  EXPECT_FALSE(parse_duration_seconds(Node::make_number(30, "30")).has_value());
  EXPECT_FALSE(parse_duration_seconds(Node::null()).has_value());
}

TEST(Duration, Format) {
  EXPECT_EQ(format_duration(30 * kDay), "30 days");
  EXPECT_EQ(format_duration(4 * kHour), "4 hours");
  EXPECT_EQ(format_duration(365 * kDay), "1 year");
  EXPECT_EQ(format_duration(730 * kDay), "2 years");
  EXPECT_EQ(format_duration(36 * kHour), "1 day 12 hours");
  EXPECT_EQ(format_duration(kDay), "1 day");
  EXPECT_EQ(format_duration(90 * kMin), "1 hour 30 minutes");
  EXPECT_EQ(format_duration(1), "1 second");
  EXPECT_EQ(format_duration(0), "0 seconds");
  EXPECT_EQ(format_duration(-kDay), "-1 day");
  EXPECT_EQ(format_duration(400 * kDay), "1 year 35 days");
  EXPECT_FALSE(format_duration(std::numeric_limits<int64_t>::min()).empty());
}

TEST(Duration, FormatRoundTripsThroughShortForm) {
  EXPECT_EQ(parse_duration_seconds(format_duration(30 * kDay)), 30 * kDay);
  EXPECT_EQ(parse_duration_seconds(format_duration(4 * kHour)), 4 * kHour);
}

TEST(Percent, NumbersAndStrings) {
  EXPECT_EQ(parse_percent(Node::make_number(99.95, "99.95")), 99.95);
  EXPECT_EQ(parse_percent(Node::make_number(100, "100")), 100.0);
  EXPECT_EQ(parse_percent(Node::make_string("99.9%")), 99.9);
  EXPECT_EQ(parse_percent(Node::make_string("99.9")), 99.9);
  EXPECT_EQ(parse_percent(Node::make_string(" 99.99 % ")), 99.99);
  EXPECT_EQ(parse_percent(Node::make_string("150%")), 150.0);  // parsed; range is separate
  EXPECT_EQ(parse_percent(Node::make_string("-1")), -1.0);
  EXPECT_EQ(parse_percent(Node::make_string("0")), 0.0);
}

TEST(Percent, Rejects) {
  for (const char *bad : {"", "%", "high", "99.9%%", "99,9", "nan", "inf", "99.9 percent", "+99"})
    EXPECT_FALSE(parse_percent(Node::make_string(bad)).has_value()) << bad;
  EXPECT_FALSE(parse_percent(Node::make_bool(true)).has_value());
  EXPECT_FALSE(parse_percent(Node::null()).has_value());
  EXPECT_FALSE(parse_percent(Node::make_map()).has_value());
  EXPECT_FALSE(parse_percent(Node::make_expression("var.target")).has_value());
}

TEST(Percent, Range) {
  EXPECT_TRUE(percent_in_range(0));
  EXPECT_TRUE(percent_in_range(99.95));
  EXPECT_TRUE(percent_in_range(100));
  EXPECT_FALSE(percent_in_range(100.01));
  EXPECT_FALSE(percent_in_range(-0.1));
  EXPECT_FALSE(percent_in_range(std::numeric_limits<double>::quiet_NaN()));
  EXPECT_FALSE(percent_in_range(std::numeric_limits<double>::infinity()));
}

TEST(Date, ParsesValidDates) {
  const auto d = parse_date("2026-03-01");
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->year, 2026);
  EXPECT_EQ(d->month, 3);
  EXPECT_EQ(d->day, 1);
  EXPECT_EQ(d->to_string(), "2026-03-01");
  EXPECT_TRUE(parse_date("2024-02-29").has_value());
  EXPECT_TRUE(parse_date("2000-02-29").has_value());
  EXPECT_TRUE(parse_date("2025-12-31").has_value());
  EXPECT_TRUE(parse_date("0001-01-01").has_value());
}

TEST(Date, RejectsInvalidDates) {
  for (const char *bad : {"2025-02-29", "1900-02-29", "2025-04-31", "2025-13-01", "2025-00-10", "2025-01-00",
                          "0000-01-01", "2025-1-01", "2025/01/01", "20250101", "2025-01-01T00:00:00Z",
                          " 2025-01-01", "", "soon", "2025-0a-01"})
    EXPECT_FALSE(parse_date(bad).has_value()) << bad;
}

TEST(Date, ComparesAndCounts) {
  const Date a = *parse_date("2026-03-01");
  const Date b = *parse_date("2029-02-28");
  const Date cutoff = *parse_date("2027-01-12");
  EXPECT_LT(a, b);
  EXPECT_LT(a, cutoff);
  EXPECT_GT(b, cutoff);
  EXPECT_EQ(a, *parse_date("2026-03-01"));
  EXPECT_EQ(parse_date("1970-01-01")->days_since_epoch(), 0);
  EXPECT_EQ(parse_date("1969-12-31")->days_since_epoch(), -1);
  EXPECT_EQ(parse_date("2000-03-01")->days_since_epoch(), 11017);
  EXPECT_EQ(days_between(*parse_date("2024-02-28"), *parse_date("2024-03-01")), 2);
  EXPECT_EQ(days_between(*parse_date("2025-02-28"), *parse_date("2025-03-01")), 1);
  EXPECT_EQ(days_between(a, b), 1095);
  EXPECT_EQ(days_between(b, a), -1095);
}

TEST(Date, CalendarHelpers) {
  EXPECT_TRUE(is_leap_year(2024));
  EXPECT_TRUE(is_leap_year(2000));
  EXPECT_FALSE(is_leap_year(1900));
  EXPECT_FALSE(is_leap_year(2025));
  EXPECT_EQ(days_in_month(2024, 2), 29);
  EXPECT_EQ(days_in_month(2025, 2), 28);
  EXPECT_EQ(days_in_month(2025, 4), 30);
  EXPECT_EQ(days_in_month(2025, 13), 0);
}

}  // namespace
}  // namespace clause::agreement
