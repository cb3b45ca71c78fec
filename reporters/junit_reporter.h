#pragma once
// JUnit XML for CI test dashboards: one <testsuite> per ISO/IEC 20000-9
// scenario (5.1-5.15) that has rules, one <testcase> per rule and resource
// (classname = rule id, name = resource address or file location) with a
// <failure> per finding; a rule and resource whose findings are all
// suppressed (or --strict notes) is <skipped>. From the rule's tally, per
// root: one passing case for its passing targets (with their count), one
// skipped case for targets it could not decide, or one skipped "not
// applicable" case. Input problems (parse errors, ...) go to a last suite
// named "input".
#include <ostream>
#include <string>
#include <string_view>

#include "checker/model/report.h"
#include "reporters/xml_escape.h"

namespace clause {

void write_junit(const Report &report, std::ostream &out);

}  // namespace clause
