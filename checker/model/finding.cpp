#include "checker/model/finding.h"

#include <utility>

#include "checker/model/finding_identity.h"
#include "checker/model/rule_info.h"

namespace clause {

Finding make_finding(const RuleInfo &rule, FindingParts parts) {
  Finding f;
  f.rule_id = rule.id;
  f.severity = rule.severity;
  f.location = std::move(parts.location);
  f.message = std::move(parts.message);
  f.resource = std::move(parts.resource);
  f.snippet = std::move(parts.snippet);
  f.related = std::move(parts.related);
  f.unit = std::move(parts.unit);
  f.fingerprint =
      finding_fingerprint(f.rule_id, f.resource, f.snippet.empty() ? parts.identity_text : f.snippet);
  return f;
}

Finding make_undecided_finding(const RuleInfo &rule, FindingParts parts, std::string_view what,
                               std::string_view blocked_by) {
  parts.message = rule.id + " could not be decided for " + parts.resource + ": " + std::string(what) +
                  " depends on `" + std::string(blocked_by) + "`, which is not known statically";
  Finding f = make_finding(rule, std::move(parts));
  f.severity = Severity::Info;
  return f;
}

}  // namespace clause
