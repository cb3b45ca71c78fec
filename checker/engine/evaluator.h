#pragma once
// Applies the rule set to a project and produces findings (not yet filtered
// by suppressions, baseline or severity: that is the scanner's job).
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <vector>

#include "checker/engine/rule_set.h"
#include "checker/model/finding.h"
#include "checker/model/report.h"
#include "checker/model/unit_findings.h"
#include "checker/project/project.h"

namespace clause {

struct EvaluationOptions {
  bool strict = false;  // report what unknown values kept from being judged
  unsigned jobs = 1;    // threads for the resource-by-resource rules
  // Whether a document's findings will be read (a pre-commit hook reads the
  // committed files' only); unset: every document's. Rules still judge every
  // resource (the tallies stay whole), but findings nobody reads are not
  // built.
  std::function<bool(const Document &)> reported;
  // Whether the resource-by-resource rules still judge the resources of
  // documents that are not reported, for the compliance tallies. An output
  // that shows no tallies (a pre-commit hook's text) does without: then
  // only the reported documents' resources are judged, and the cross-file
  // (native) checks, which need the whole root, still see everything.
  bool tally_unreported = true;
  // With `reported`: which deployment units (by index into Project::units)
  // hold a selected file; a finding about a unit as a whole is built when
  // its unit is one of them. Missing entries: not selected.
  std::vector<bool> reported_units;
  // The unit level of the cache (checker/cache/unit_cache.h), for a scan
  // whose findings are all read (`reported` unset). One entry a unit (by
  // index into Project::units), or none: a unit with an entry is not judged
  // by the resource-by-resource rules, and what they found in it before is
  // taken instead. Native checks and the resources of no unit (an
  // agreement's) are always judged. The evaluation moves the findings out
  // of these entries (the tallies stay).
  std::vector<UnitFindings *> cached_units;
  // Whether Evaluation::units returns what the resource-by-resource rules
  // found in each unit they judged, for the unit level to keep.
  bool by_unit = false;
};

struct Evaluation {
  std::vector<Finding> findings;
  // --strict: a rule could not decide because of an unknown value.
  std::vector<Finding> undecided;
  std::map<std::string, RuleTally> tallies;  // by rule id, for the compliance summary
  // Resources judged by `related` checks as open referrers (an unknown
  // `via`): once per check and module instance, not once per resource
  // that asks.
  uint64_t open_referrers_judged = 0;
  // With EvaluationOptions::by_unit: per unit (by index), what the
  // resource-by-resource rules found in it, findings in report order; unset
  // for a unit taken from `cached_units`.
  std::vector<std::optional<UnitFindings>> units;
};

Evaluation evaluate_rules(const RuleSet &rules, const Project &project, const EvaluationOptions &opts);

// Fills {placeholders} of a rule message.
std::string expand_message(const std::string &tmpl, const Resource &r, const Outcome &o,
                           const std::string &expected);

}  // namespace clause
