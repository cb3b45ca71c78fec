#include "checker/terraform/plan_join.h"

#include <algorithm>
#include <memory>
#include <unordered_map>

#include "checker/terraform/module_tree.h"
#include "checker/terraform/values.h"
#include "parsers/terraform/plan_resources.h"
#include "parsers/terraform/plan_state.h"

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

// A plan writes nested blocks as lists of objects.
void mark_blocks(Node &n) {
  if (n.is_list() && !n.items.empty() &&
      std::all_of(n.items.begin(), n.items.end(), [](const Node &i) { return i.is_map(); }))
    n.from_block = true;
  for (Node &item : n.items) mark_blocks(item);
  for (MapEntry &e : n.entries) mark_blocks(e.value);
}

// For an object the plan keeps: adds to `hcl` each attribute the .tf leaves
// to the provider (absent there, nested blocks followed as written) with
// the plan's value for it, which is what the deployed object holds (for an
// attribute no configuration sets, Terraform plans the prior_state's value,
// and plan_resources takes it from prior_state when the plan leaves it
// unknown). Null, empty and unknown values and `tags_all` (the provider's
// default_tags) are left out. Each value is located at `at`, the .tf
// resource's header. Returns whether any was added.
bool take_kept_values(Node &hcl, const Node &plan, const Span &at) {
  if (!hcl.is_map() || !plan.is_map()) return false;
  bool added = false;
  for (const MapEntry &e : plan.entries) {
    if (e.key == "tags_all" || e.value.is_null() || !is_known(e.value)) continue;
    if ((e.value.is_list() && e.value.items.empty()) || (e.value.is_map() && e.value.entries.empty()))
      continue;
    Node *written = hcl.get(e.key);
    if (!written) {
      Node value = e.value;
      restamp(value, at);
      mark_blocks(value);
      hcl.add(e.key, std::move(value), at);
      added = true;
    } else if (written->is_list() && written->from_block && e.value.is_list() &&
               written->items.size() == e.value.items.size()) {
      for (size_t i = 0; i < written->items.size(); ++i)
        added = take_kept_values(written->items[i], e.value.items[i], at) || added;
    }
  }
  return added;
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
    const PlanState state = plan->roots.empty() ? PlanState{} : plan_state(plan->roots.front());
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
      if (!r.body) continue;
      const bool kept = state.keeps(p.address);
      if (is_known(*r.body) && !kept) continue;
      auto body = std::make_shared<Node>(*r.body);
      fill_unknowns(*body, *p.body);
      if (kept && take_kept_values(*body, *p.body, r.span)) {
        AssumedDefault deployed;
        deployed.span = r.span;
        deployed.note = kDeployedNote;
        r.assumed_defaults.push_back(std::move(deployed));
      }
      r.body = body.get();
      r.owned_body = std::move(body);
    }
  }
  return plan_only;
}

}  // namespace clause::tf
