#pragma once
// The peers' check ids whose inline skips stand for one of our rules, read
// from the rules' `directives:` lists (docs/peer-directives.md). Only checks
// that judge the same setting with a compatible intent are listed there; a
// peer directive naming any other id is not ours to honour.
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "checker/model/rule_info.h"
#include "checker/workflow/directive.h"

namespace clause {

class PeerDirectiveIndex {
 public:
  explicit PeerDirectiveIndex(const std::vector<RuleInfo> &rules);
  // Our rule ids for a peer directive's id (case-insensitive; tfsec and
  // trivy share one id space); empty when it has none.
  const std::vector<std::string> &rules_for(DirectiveSource source, std::string_view peer_id) const;

 private:
  std::map<std::pair<DirectiveSource, std::string>, std::vector<std::string>> ids_;
};

}  // namespace clause
