#pragma once
// JUnit XML for CI test dashboards: one <testsuite> per ISO/IEC 20000-9
// scenario (5.1-5.15) that has rules, one <testcase> per finding
// (classname = rule id, name = `path:line RULE-ID`, unique in the document,
// with `file` and `line` attributes) holding one <failure>, or <skipped>
// when the finding is suppressed (or a --strict note). From the rule's tally, per
// root: one passing case for its passing targets (with their count), one
// skipped case for targets it could not decide, or one skipped "not
// applicable" case. The meta rules' findings form the suite "meta rules";
// input problems (parse errors, ...) a last suite named "input".
#include <ostream>
#include <string>
#include <string_view>

#include "checker/model/report.h"
#include "reporters/xml_escape.h"

namespace clause {

void write_junit(const Report &report, std::ostream &out);

}  // namespace clause
