#pragma once
// The peers' rule ids that have a clause equivalent, so that their inline
// skips keep working after a migration (docs/suppressions.md lists them).
// Only checks that judge the same setting with a compatible intent are
// mapped; a peer directive naming any other id is not ours to honour.
#include <string_view>
#include <vector>

#include "checker/workflow/directive.h"

namespace clause {

struct PeerRule {
  DirectiveSource tool;      // Checkov, or Trivy for the tfsec/trivy id space
  std::string_view peer_id;  // compared case-insensitively
  std::string_view rule_id;  // ours
};

const std::vector<PeerRule> &peer_rule_table();

// Our rule id for a peer directive's id, or "" when it has none.
std::string_view clause_rule_for_peer(DirectiveSource source, std::string_view peer_id);

}  // namespace clause
