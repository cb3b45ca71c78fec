#pragma once
// The fifteen scenarios of ISO/IEC TR 20000-9 clause 5, by number, with
// short labels of our own used in rule listings, reports and documentation.
#include <string_view>
#include <vector>

namespace clause {

struct Scenario {
  std::string_view number;  // "5.9"
  std::string_view title;   // "deliver and operate"
  // The longer name the rule pages' headers give it ("Deliver and operate
  // the cloud services"; checker/workflow/rule_page.h).
  std::string_view page_title;
};

const std::vector<Scenario> &scenarios();

}  // namespace clause
