#pragma once
// Inline suppressions (DESIGN §7): findings covered by a `clause:ignore`
// directive (or a mapped peer directive) stay in the report with
// Finding::suppression set; the directives themselves are checked and their
// problems reported as findings of the meta rules (meta_rules.h).
//
// What a directive covers, in the document that holds it:
//   - its own line and, for a comment on a line of its own, the next line
//     that is not only a comment (so directives can be stacked);
//   - when that line opens a block (a Terraform block, a resource, a nested
//     block or any YAML/JSON mapping or list), the whole block;
//   - when that block is a Terraform `module` call, also every finding tied
//     to that call through Finding::related (findings inside the module);
//   - a `"//"` property of a .tf.json object, and a checkov:skip comment
//     anywhere inside a block, the enclosing block or resource.
#include <set>
#include <string>
#include <vector>

#include "checker/model/finding.h"
#include "checker/model/rule_info.h"
#include "checker/project/project.h"
#include "checker/workflow/meta_rules.h"

namespace clause {

struct SuppressionOptions {
  bool inline_directives = true;  // honour directives at all
  bool report_unused = false;     // report directives that suppress nothing (CL-0002)
  std::string today;              // YYYY-MM-DD for `until=`; "" = today in UTC
  // Every rule id and name that exists, enabled or not; a directive naming
  // anything else is reported (CL-0003). Empty: not checked.
  std::set<std::string> known_rules;
  // The meta rules to report, with their metadata as configured; a meta
  // rule left out here is not reported.
  std::vector<RuleInfo> meta_rules = clause::meta_rules();
};

// `rules` are the rules that ran: directives resolve names through them, and
// only a rule that ran can leave a directive unused. Leaves `findings` sorted.
void apply_inline_suppressions(const Project &project, const std::vector<RuleInfo> &rules,
                               std::vector<Finding> &findings, const SuppressionOptions &opts);

}  // namespace clause
