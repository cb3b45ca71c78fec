#pragma once
// Suppression directives written in source comments.
//
//   clause:ignore CL-0901[,ops.other …] [until=YYYY-MM-DD] -- reason
//
// and, so that teams can migrate, the peers' forms (mapped to our rules
// through peer_rules.h; see docs/suppressions.md):
//
//   checkov:skip=CKV_AWS_133[:reason]
//   tfsec:ignore:aws-rds-specify-backup-retention[:exp:YYYY-MM-DD]
//   trivy:ignore:AVD-AWS-0077[:exp:YYYY-MM-DD]
#include <string>
#include <string_view>
#include <vector>

namespace clause {

// Guard: a cfn-guard waiver in a CloudFormation resource's metadata
// (guard_waivers.h), not a comment.
enum class DirectiveSource : uint8_t { Clause, Checkov, Tfsec, Trivy, Guard };

struct Directive {
  DirectiveSource source = DirectiveSource::Clause;
  std::vector<std::string> rules;   // as written: our ids or names; peers' ids for peer forms
  std::string reason;               // after "--" (clause), after ':' (checkov); may be empty
  std::string until;                // YYYY-MM-DD, "" when none
  std::string text;                 // the directive as written, trimmed, for messages
  std::vector<std::string> errors;  // what is malformed (clause form only)
};

// Every directive in one comment's text (comment markers included).
std::vector<Directive> parse_directives(std::string_view comment);

}  // namespace clause
