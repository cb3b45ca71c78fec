#include "checker/workflow/peer_directives.h"

#include <algorithm>
#include <cctype>

namespace clause {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char &c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

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
        std::vector<std::string> &ours = ids_[{tool, lower(id)}];
        if (std::find(ours.begin(), ours.end(), r.id) == ours.end()) ours.push_back(r.id);
      }
    }
}

const std::vector<std::string> &PeerDirectiveIndex::rules_for(DirectiveSource source,
                                                              std::string_view peer_id) const {
  static const std::vector<std::string> kNone;
  auto it = ids_.find({id_space(source), lower(peer_id)});
  return it == ids_.end() ? kNone : it->second;
}

}  // namespace clause
