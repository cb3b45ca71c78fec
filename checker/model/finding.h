#pragma once
// What rules produce and reporters consume. Reporters read nothing else.
#include <optional>
#include <string>
#include <string_view>
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
  std::string fingerprint;  // stable across unrelated edits (see finding_identity.h)
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

struct RuleInfo;

// What a check knows about a finding it reports; make_finding adds the rule.
struct FindingParts {  // every member defaulted: name only what you set
  Location location{};
  std::string message{};
  std::string resource{};  // address, or the document path for agreement rules
  std::string snippet{};   // the first source line of the location
  std::vector<RelatedLocation> related{};
  std::string unit{};  // see Finding::unit
  // What the fingerprint reads in place of an empty snippet (a file with no
  // line to show); the snippet itself otherwise.
  std::string identity_text{};
};

// The one way a finding is built: rule id and severity from `rule`, the
// fingerprint from the rule id, resource and snippet (finding_identity.h).
Finding make_finding(const RuleInfo &rule, FindingParts parts);

// --strict: a note that `rule` could not decide for `parts.resource`
// because `what` depends on `blocked_by`, which is not known statically.
// Severity info; `parts.message` is replaced by that sentence.
Finding make_undecided_finding(const RuleInfo &rule, FindingParts parts, std::string_view what,
                               std::string_view blocked_by);

// Deterministic report order: file, line, column, rule id, message.
bool finding_less(const Finding &a, const Finding &b);

}  // namespace clause
