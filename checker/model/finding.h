#pragma once
// What rules produce and reporters consume. Reporters read nothing else.
#include <optional>
#include <string>
#include <vector>

#include "checker/model/location.h"
#include "checker/model/severity.h"

namespace clause {

struct RelatedLocation {
  Location location;
  std::string message;
};

struct Suppression {
  std::string kind = "inSource";  // SARIF: inSource | external
  std::string justification;
  Location location;  // where the directive stands
};

struct Finding {
  std::string rule_id;
  Severity severity = Severity::Medium;
  Location location;
  std::string message;
  std::string resource;     // address, or the document path for agreement rules
  std::string snippet;      // the first source line of the location
  std::string fingerprint;  // stable across unrelated edits (see sarif/fingerprint)
  std::vector<RelatedLocation> related;
  std::optional<Suppression> suppression;
  // Set on a finding about a deployment unit as a whole (an account-level
  // control, an autoscaler or budget no object of the unit provides): the
  // unit's name. A filtered scan reports it when any file of the unit is
  // selected; SARIF carries it in the result's properties.
  std::string unit;
  // --strict: a note that the check could not decide (an unknown value),
  // not a failure; the compliance summary counts it as unknown.
  bool undecided = false;
};

// Deterministic report order: file, line, column, rule id, message.
bool finding_less(const Finding &a, const Finding &b);

}  // namespace clause
