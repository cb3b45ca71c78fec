#include "parsers/cloudformation/cfn_resources.h"

#include <memory>
#include <set>

#include "checker/model/unknown.h"
#include "parsers/cloudformation/cfn_eval.h"

namespace clause {
namespace {

// Whether anything in `n` is an intrinsic function: only those are
// rewritten, so a body without one is used as written, not copied first.
bool holds_intrinsic(const Node &n) {
  if (is_intrinsic(n)) return true;
  for (const Node &item : n.items)
    if (holds_intrinsic(item)) return true;
  for (const MapEntry &e : n.entries)
    if (holds_intrinsic(e.value)) return true;
  return false;
}

}  // namespace

std::vector<Resource> cloudformation_resources(const Document &doc, const CfnInputs &inputs) {
  std::vector<Resource> out;
  for (const Node &root : doc.roots) {
    if (!root.is_map()) continue;
    const Node *resources = root.get("Resources");
    if (!resources || !resources->is_map()) continue;
    CfnEvaluator eval(root, inputs);
    for (const MapEntry &e : resources->entries) {
      if (!e.value.is_map()) continue;
      // A resource whose condition is false is not created; one whose
      // condition a default makes true exists only with that default.
      std::set<std::string> exists_by;
      if (const Node *condition = e.value.get("Condition"); condition && condition->is_string()) {
        CfnEvaluator::Value c = eval.condition(condition->text);
        if (c.state == CfnEvaluator::Value::State::Known && !c.node.boolean) continue;
        if (c.state == CfnEvaluator::Value::State::Known) exists_by = c.defaults;
      }
      Resource r;
      r.address = e.key;
      r.name = e.key;
      const Node *type = e.value.get("Type");
      if (type && type->is_string()) r.type = type->text;
      r.provider = ProviderFamily::Aws;
      r.format = DocKind::CloudFormation;
      r.document = &doc;
      r.span = e.key_span;
      r.body = &e.value;
      if (!exists_by.empty())
        r.assumed_defaults.push_back(AssumedDefault{e.value.span, "", {exists_by.begin(), exists_by.end()}});
      if (holds_intrinsic(e.value)) {
        auto owned = std::make_shared<Node>(e.value);
        if (eval.rewrite_body(*owned, r.assumed_defaults)) {
          r.body = owned.get();
          r.owned_body = std::move(owned);
        }
      }
      out.push_back(std::move(r));
    }
  }
  return out;
}

}  // namespace clause
