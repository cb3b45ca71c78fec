#include "checker/workflow/guard_waivers.h"

namespace clause {

std::vector<GuardWaiver> guard_waivers(const Project &project) {
  std::vector<GuardWaiver> out;
  for (const Resource &r : project.resources) {
    if (r.format != DocKind::CloudFormation || !r.body || !r.body->is_map()) continue;
    const Node *metadata = r.body->get("Metadata");
    if (!metadata || !metadata->is_map()) continue;
    const Node *guard = metadata->get("guard");
    const Node *names = guard && guard->is_map() ? guard->get("SuppressedRules") : nullptr;
    if (!names || !names->is_list()) continue;
    const Node *comment = metadata->get("Comment");
    const std::string reason = comment && comment->is_string() ? comment->text : "";
    for (const Node &name : names->items)
      if (name.is_string() && !name.text.empty())
        out.push_back(GuardWaiver{&r, name.span, name.text, reason});
  }
  return out;
}

}  // namespace clause
