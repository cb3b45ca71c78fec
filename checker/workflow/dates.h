#pragma once
// Calendar dates as written in suppressions and configuration: YYYY-MM-DD.
// ISO dates compare correctly as strings, so they are kept as text.
#include <string>
#include <string_view>

namespace clause {

// True when `text` is a real date written YYYY-MM-DD (2024-02-30 is not).
bool is_iso_date(std::string_view text);

// Today's date in UTC, YYYY-MM-DD.
std::string today_utc();

// An `until` date has passed when today is after it: a suppression holds
// through the day it names.
inline bool date_passed(std::string_view until, std::string_view today) { return today > until; }

}  // namespace clause
