#include "checker/workflow/peer_rules.h"

#include <algorithm>
#include <cctype>

namespace clause {

const std::vector<PeerRule> &peer_rule_table() {
  // tfsec and trivy share one id space: trivy accepts the AVD id, the short
  // id and tfsec's long id, and reads "tfsec:" comments too.
  static const std::vector<PeerRule> table = {
      {DirectiveSource::Checkov, "CKV_AWS_133", "CL-0901"},  // RDS backup retention
      {DirectiveSource::Trivy, "AVD-AWS-0077", "CL-0901"},
      {DirectiveSource::Trivy, "AWS-0077", "CL-0901"},
      {DirectiveSource::Trivy, "aws-rds-specify-backup-retention", "CL-0901"},
      {DirectiveSource::Checkov, "CKV_AWS_66", "CL-1001"},  // CloudWatch log group retention set
  };
  return table;
}

std::string_view clause_rule_for_peer(DirectiveSource source, std::string_view peer_id) {
  if (source == DirectiveSource::Tfsec) source = DirectiveSource::Trivy;
  auto same = [](std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
             return std::tolower(static_cast<unsigned char>(x)) ==
                    std::tolower(static_cast<unsigned char>(y));
           });
  };
  for (const PeerRule &p : peer_rule_table())
    if (p.tool == source && same(p.peer_id, peer_id)) return p.rule_id;
  return {};
}

}  // namespace clause
