#pragma once
// JUnit XML for CI test dashboards: one <testsuite> per ISO/IEC 20000-9
// scenario (5.1-5.15) that has rules, one <testcase> per rule and resource
// (classname = rule id, name = resource address or file location) with a
// <failure> per finding; a rule without findings is one passing testcase;
// a rule and resource whose findings are all suppressed is <skipped>. Input
// problems (parse errors, ...) go to a last suite named "input".
#include <ostream>
#include <string>
#include <string_view>

#include "checker/model/report.h"

namespace clause {

void write_junit(const Report &report, std::ostream &out);

// `text` escaped for XML 1.0 character data (or, with `attribute`, for a
// double-quoted attribute value, where tab/LF/CR become character
// references). Characters XML 1.0 cannot carry at all (control characters,
// U+FFFE/U+FFFF, invalid UTF-8) become U+FFFD.
std::string xml_escape(std::string_view text, bool attribute);

}  // namespace clause
