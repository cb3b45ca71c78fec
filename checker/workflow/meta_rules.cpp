#include "checker/workflow/meta_rules.h"

#include "checker/engine/embedded_files.h"
#include "checker/engine/rule_set.h"

namespace clause {
namespace {

RuleInfo meta(std::string_view id, std::string name, std::string title, Severity severity,
              std::string rationale, std::string remediation, std::string subject = "suppression") {
  RuleInfo r;
  r.id = std::string(id);
  r.name = std::move(name);
  r.title = std::move(title);
  r.severity = severity;
  r.rationale = std::move(rationale);
  r.remediation = std::move(remediation);
  r.precision = "very-high";
  r.tags = {std::move(subject), "meta"};
  r.source = "built-in";
  const std::string page = "docs/rules/" + r.id + ".md";
  for (const auto &doc : embedded_doc_files())
    if (doc.path == page) r.help_markdown = std::string(doc.content);
  return r;
}

}  // namespace

const std::vector<RuleInfo> &meta_rules() {
  static const std::vector<RuleInfo> rules = {
      meta(kSuppressionReasonRule, "clause.suppression-reason", "Suppressions give a reason", Severity::Low,
           "A suppression is a decision to accept a gap; without a written reason nobody can later tell "
           "whether the decision still holds, so it suppresses nothing.",
           "Write the reason after `--`: `clause:ignore CL-0901 -- restored from snapshots nightly`."),
      meta(kSuppressionExpiredRule, "clause.suppression-expired",
           "Suppressions are renewed before they expire", Severity::Low,
           "An `until=` date marks when an accepted gap must be looked at again; after it the suppression "
           "stops applying and the finding it covered is reported again.",
           "Fix the finding and remove the directive, or review the decision and move the date."),
      meta(kSuppressionUnusedRule, "clause.suppression-unused", "Suppressions still suppress something",
           Severity::Info,
           "A suppression whose finding is gone hides the next, unrelated finding of that rule at the same "
           "place; reported with --report-unused-suppressions and when CI=true.",
           "Remove the directive, or the rule name from it."),
      meta(kSuppressionInvalidRule, "clause.suppression-invalid", "Suppressions are well-formed",
           Severity::Low,
           "A directive that names no rule, an unknown rule or an impossible date does not do what its "
           "author meant.",
           "Name existing rule ids or names and write dates as until=YYYY-MM-DD."),
      meta(kInputParseRule, "clause.input-parseable", "Scanned files can be parsed", Severity::Medium,
           "A file with a syntax error, or one past a parser limit, is read only in part or not at all: "
           "the rules cannot see what it declares, so a gap there would pass unnoticed.",
           "Fix the syntax error at the reported line (or split the file below the limit); the rules then "
           "read it again.",
           "input"),
  };
  return rules;
}

const RuleInfo *find_meta_rule(std::string_view key) {
  for (const RuleInfo &r : meta_rules())
    if (r.id == key || r.name == key) return &r;
  for (const RuleInfo &r : meta_rules())
    if (same_rule_id(r.id, key)) return &r;
  return nullptr;
}

}  // namespace clause
