#pragma once
// The fifteen scenarios of ISO/IEC TR 20000-9 clause 5, by number, with
// short titles used in rule listings and documentation.
#include <string_view>
#include <vector>

namespace clause {

struct Scenario {
  std::string_view number;  // "5.9"
  std::string_view title;   // "Deliver and operate the cloud services"
};

const std::vector<Scenario> &scenarios();

}  // namespace clause
