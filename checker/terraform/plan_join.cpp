#include "checker/terraform/plan_join.h"

#include <memory>
#include <unordered_map>

#include "checker/terraform/module_tree.h"
#include "checker/terraform/values.h"
#include "parsers/terraform/plan_resources.h"

namespace clause::tf {
namespace {

// Replaces the unknowns of `hcl` by the known values at the same place in
// `plan`, located where the unknown was written.
void fill_unknowns(Node &hcl, const Node &plan) {
  if (hcl.is_expression()) {
    if (!is_known(plan)) return;
    Span at = hcl.span;
    hcl = plan;
    restamp(hcl, at);
    return;
  }
  if (hcl.is_map() && plan.is_map()) {
    for (auto &e : hcl.entries)
      if (const Node *p = plan.get(e.key)) fill_unknowns(e.value, *p);
    return;
  }
  if (!hcl.is_list() || !plan.is_list()) return;
  // A dynamic block whose for_each was not known: the plan says which blocks.
  bool placeholder = hcl.items.size() == 1 && hcl.items[0].is_expression();
  if (placeholder && is_known(plan)) {
    Span at = hcl.items[0].span;
    bool from_block = hcl.from_block;
    hcl = plan;
    restamp(hcl, at);
    hcl.from_block = from_block;
    return;
  }
  if (hcl.items.size() != plan.items.size()) return;
  for (size_t i = 0; i < hcl.items.size(); ++i) fill_unknowns(hcl.items[i], plan.items[i]);
}

}  // namespace

std::vector<Resource> join_plans(std::vector<Resource> &resources, const std::vector<std::string> &roots,
                                 const std::vector<const Document *> &plans) {
  std::vector<Resource> plan_only;
  if (plans.empty()) return plan_only;
  // (root directory, address) and address alone -> index; ambiguous: npos.
  constexpr size_t kAmbiguous = static_cast<size_t>(-1);
  std::unordered_map<std::string, size_t> by_root_address, by_address;
  std::unordered_map<std::string, bool> has_root;
  for (size_t i = 0; i < resources.size(); ++i) {
    by_root_address.emplace(roots[i] + '\n' + resources[i].address, i);
    auto [it, fresh] = by_address.emplace(resources[i].address, i);
    if (!fresh) it->second = kAmbiguous;
    has_root[roots[i]] = true;
  }
  for (const Document *plan : plans) {
    std::string dir = directory_of(plan->path);
    bool same_root = has_root.count(dir) > 0;
    for (Resource &p : plan_resources(*plan)) {
      size_t match = kAmbiguous;
      if (same_root) {
        auto it = by_root_address.find(dir + '\n' + p.address);
        if (it != by_root_address.end()) match = it->second;
      } else if (auto it = by_address.find(p.address); it != by_address.end()) {
        match = it->second;
      }
      if (match == kAmbiguous || !p.body) {
        if (match == kAmbiguous) plan_only.push_back(std::move(p));
        continue;
      }
      Resource &r = resources[match];
      if (!r.body || is_known(*r.body)) continue;
      auto body = std::make_shared<Node>(*r.body);
      fill_unknowns(*body, *p.body);
      r.body = body.get();
      r.owned_body = std::move(body);
    }
  }
  return plan_only;
}

}  // namespace clause::tf
