#include "parsers/terraform/plan_state.h"

#include <algorithm>

#include "parsers/terraform/plan_resources.h"

namespace clause {
namespace {

const Node *child(const Node *n, std::string_view key) { return n && n->is_map() ? n->get(key) : nullptr; }

// The drift of one attribute: both sides, and whether they differ.
PlanState::Drift drift_of(const PlanState::Drift *drift, std::string_view key) {
  if (!drift) return {};
  return {child(drift->before, key), child(drift->after, key)};
}

bool changed(const PlanState::Drift &d) {
  return d.after && (!d.before || !values_equal(*d.before, *d.after));
}

const MapEntry *entry_of(const Node &map, std::string_view key) {
  for (const MapEntry &e : map.entries)
    if (e.key == key) return &e;
  return nullptr;
}

void add_note(std::vector<AssumedDefault> &notes, const Span &span, const char *note) {
  AssumedDefault d;
  d.span = span;
  d.note = note;
  notes.push_back(std::move(d));
}

void collect_prior(const Node *module, std::unordered_map<std::string, const Node *> &out) {
  if (!module || !module->is_map()) return;
  if (const Node *resources = module->get("resources"); resources && resources->is_list())
    for (const Node &r : resources->items) {
      const Node *address = child(&r, "address");
      const Node *mode = child(&r, "mode");
      if (!address || !address->is_string() || (mode && mode->is_string() && mode->text == "data")) continue;
      if (const Node *values = child(&r, "values"); values && values->is_map())
        out.emplace(address->text, values);
    }
  if (const Node *children = module->get("child_modules"); children && children->is_list())
    for (const Node &c : children->items) collect_prior(&c, out);
}

}  // namespace

bool PlanState::keeps(const std::string &address) const {
  auto it = actions.find(address);
  if (it == actions.end() || it->second.empty()) return false;
  return std::all_of(it->second.begin(), it->second.end(),
                     [](const std::string &a) { return a == "no-op" || a == "update"; });
}

PlanState plan_state(const Node &root) {
  PlanState out;
  collect_prior(child(child(child(&root, "prior_state"), "values"), "root_module"), out.prior);
  if (const Node *drift = root.get("resource_drift"); drift && drift->is_list())
    for (const Node &d : drift->items) {
      const Node *address = child(&d, "address");
      const Node *change = child(&d, "change");
      if (!address || !address->is_string() || !change) continue;
      out.drift.emplace(address->text, PlanState::Drift{child(change, "before"), child(change, "after")});
    }
  if (const Node *changes = root.get("resource_changes"); changes && changes->is_list())
    for (const Node &c : changes->items) {
      const Node *address = child(&c, "address");
      const Node *actions = child(child(&c, "change"), "actions");
      if (!address || !address->is_string() || !actions || !actions->is_list()) continue;
      std::vector<std::string> &list = out.actions[address->text];
      for (const Node &a : actions->items)
        if (a.is_string()) list.push_back(a.text);
    }
  return out;
}

void take_deployed_values(Node &body, const Node &expressions, const Node &prior,
                          const PlanState::Drift *drift, std::vector<AssumedDefault> &notes) {
  if (!body.is_map() || !expressions.is_map() || !prior.is_map()) return;
  for (MapEntry &e : body.entries) {
    const Node *configured = expressions.get(e.key);
    const MapEntry *deployed_entry = entry_of(prior, e.key);
    if (!deployed_entry) continue;
    const Node *deployed = &deployed_entry->value;
    const PlanState::Drift d = drift_of(drift, e.key);
    if (e.value.is_expression() && e.value.text == kUnknownAfterApply) {
      if (configured || deployed->is_null()) continue;
      e.value = *deployed;
      e.key_span = deployed_entry->key_span;  // a finding stands from the key on
      add_note(notes, deployed->span, changed(d) ? kDriftNote : kDeployedNote);
      continue;
    }
    // Nested blocks: the i-th block planned is the i-th written and deployed.
    if (!configured || is_configured_expression(*configured) || !configured->is_list() ||
        !e.value.is_list() || !deployed->is_list())
      continue;
    const size_t n = e.value.items.size();
    if (configured->items.size() != n || deployed->items.size() != n) continue;
    for (size_t i = 0; i < n; ++i) {
      PlanState::Drift item;
      if (d.before && d.before->is_list() && i < d.before->items.size()) item.before = &d.before->items[i];
      if (d.after && d.after->is_list() && i < d.after->items.size()) item.after = &d.after->items[i];
      take_deployed_values(e.value.items[i], configured->items[i], deployed->items[i], &item, notes);
    }
  }
}

void note_drift(const Node &body, const Node *expressions, const PlanState::Drift &drift,
                std::vector<AssumedDefault> &notes) {
  if (!body.is_map() || !drift.after || !drift.after->is_map()) return;
  for (const MapEntry &e : drift.after->entries) {
    if (expressions && expressions->is_map() && expressions->get(e.key)) continue;
    const PlanState::Drift d = drift_of(&drift, e.key);
    const Node *planned = body.get(e.key);
    if (!changed(d) || !planned || !planned->span.valid() || !values_equal(*planned, e.value)) continue;
    add_note(notes, planned->span, kDriftNote);
  }
}

}  // namespace clause
