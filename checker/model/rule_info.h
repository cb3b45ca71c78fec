#pragma once
// Rule metadata: what the registry, docs generator and reporters know about a
// rule, independent of how its check is implemented.
#include <string>
#include <vector>

#include "checker/model/severity.h"

namespace clause {

enum class RuleKind : uint8_t { Infrastructure, Agreement, CrossDocument };

const char *rule_kind_name(RuleKind kind);

// The nearest check of another scanner (docs/severity.md): its id and, where
// the scanner grades its checks, the severity it gives.
struct PeerCheck {
  std::string tool;      // checkov | trivy
  std::string id;        // CKV_AWS_133, AVD-AWS-0077
  std::string severity;  // "" when the tool gives none
};

// Inline directives of another scanner that suppress one of our rules
// (`checkov:skip=CKV_AWS_133`, `trivy:ignore:AVD-AWS-0077`), so that skips
// written for a peer keep working after a migration (docs/peer-directives.md).
struct PeerDirective {
  std::string tool;              // checkov | trivy (tfsec shares trivy's ids)
  std::vector<std::string> ids;  // compared without regard to case
  std::string check;             // what the peer check judges, for the docs
};

struct RuleInfo {
  std::string id;        // CL-0902
  std::string name;      // ops.backup-enabled
  std::string scenario;  // "5.9"
  std::string title;
  Severity severity = Severity::Medium;
  RuleKind kind = RuleKind::Infrastructure;
  std::string rationale;
  std::string remediation;
  std::string precision = "high";    // SARIF precision: very-high | high | medium | low
  std::vector<std::string> formats;  // terraform, cloudformation, kubernetes, agreement
  std::vector<std::string> tags;     // extra tags beyond the generated ones
  // Rule profiles (checker/engine/profiles.h): which selections run it.
  std::vector<std::string> profiles;
  std::vector<PeerCheck> peers;    // nearest checks of Checkov and Trivy
  std::string peer_note;           // how the peers' scope or thresholds differ from ours
  std::string severity_rationale;  // why this severity, against the peers'
  // cfn-guard / AWS Config rule names (S3_BUCKET_VERSIONING_ENABLED) whose
  // waiver in a CloudFormation resource's Metadata.guard.SuppressedRules
  // suppresses this rule on that resource (docs/suppressions.md).
  std::vector<std::string> guard_rules;
  std::vector<PeerDirective> peer_directives;
  std::string help_markdown;  // the rule's documentation page
  std::string source;         // file the rule came from (for errors)
};

}  // namespace clause
