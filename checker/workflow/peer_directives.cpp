#include "checker/workflow/peer_directives.h"
#include "checker/model/ascii.h"

#include <algorithm>

namespace clause {
namespace {

// tfsec's long ids and trivy's AVD ids are one id space: trivy reads
// "tfsec:" comments too.
DirectiveSource id_space(DirectiveSource source) {
  return source == DirectiveSource::Tfsec ? DirectiveSource::Trivy : source;
}

}  // namespace

PeerDirectiveIndex::PeerDirectiveIndex(const std::vector<RuleInfo> &rules) {
  for (const RuleInfo &r : rules)
    for (const PeerDirective &d : r.peer_directives) {
      const DirectiveSource tool = d.tool == "checkov" ? DirectiveSource::Checkov : DirectiveSource::Trivy;
      for (const std::string &id : d.ids) {
        std::vector<std::string> &ours = ids_[{tool, ascii_lower(id)}];
        if (std::find(ours.begin(), ours.end(), r.id) == ours.end()) ours.push_back(r.id);
      }
    }
}

const std::vector<std::string> &PeerDirectiveIndex::rules_for(DirectiveSource source,
                                                              std::string_view peer_id) const {
  static const std::vector<std::string> kNone;
  auto it = ids_.find({id_space(source), ascii_lower(peer_id)});
  return it == ids_.end() ? kNone : it->second;
}

}  // namespace clause
