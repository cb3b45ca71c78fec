#include "checker/kustomize/strategic_merge.h"

#include <algorithm>

namespace clause::kustomize {
namespace {

std::string directive(const Node &n) {
  if (!n.is_map()) return "";
  const Node *d = n.get("$patch");
  return d && d->is_string() ? d->text : "";
}

const MapEntry *directive_entry(const Node &n) { return n.is_map() ? n.entry("$patch") : nullptr; }

void strip_directives(Node &n) {
  if (n.is_map())
    n.entries.erase(std::remove_if(n.entries.begin(), n.entries.end(),
                                   [](const MapEntry &e) { return e.key.starts_with("$"); }),
                    n.entries.end());
  for (Node &item : n.items) strip_directives(item);
  for (MapEntry &e : n.entries) strip_directives(e.value);
}

std::string key_value(const Node &item, std::string_view key) {
  if (!item.is_map()) return "";
  const Node *v = item.get(key);
  return v && v->is_scalar() ? v->scalar_text() : "";
}

// Marks `n` as changed by the directive at `span` of the patch.
void mark_changed(Node &n, const Span &span, const PatchSource &source, const std::string &removed = {}) {
  if (span.valid()) n.origin = source.changed_at(span, removed);
}

void merge_list(std::string_view field, Node &target, const Node &patch, const Span &at,
                const PatchSource &source);

void merge_map(Node &target, const Node &patch, const PatchSource &source) {
  for (const MapEntry &pe : patch.entries) {
    if (pe.key.starts_with("$")) continue;  // $patch, $setElementOrder/..., $retainKeys
    auto it = std::find_if(target.entries.begin(), target.entries.end(),
                           [&](const MapEntry &e) { return e.key == pe.key; });
    if (pe.value.is_null() || directive(pe.value) == "delete") {
      if (it != target.entries.end()) {
        target.entries.erase(it);
        mark_changed(target, entry_span(pe), source, pe.key);
      }
      continue;
    }
    if (it == target.entries.end()) {
      target.entries.push_back(MapEntry{pe.key, pe.key_span, patch_copy(pe.value, source)});
      continue;
    }
    Node &tv = it->value;
    if (tv.is_map() && pe.value.is_map() && directive(pe.value) != "replace") {
      merge_map(tv, pe.value, source);
    } else if (tv.is_list() && pe.value.is_list()) {
      merge_list(pe.key, tv, pe.value, entry_span(pe), source);
    } else if (!(tv.is_scalar() && tv.kind == pe.value.kind && tv.scalar_text() == pe.value.scalar_text())) {
      // A value the patch only repeats (kind, name) stays where the base wrote it.
      tv = patch_copy(pe.value, source);
      it->key_span = pe.key_span;
    }
  }
}

void merge_list(std::string_view field, Node &target, const Node &patch, const Span &at,
                const PatchSource &source) {
  // `- $patch: replace` among the items: the list becomes the other items.
  const bool replace = std::any_of(patch.items.begin(), patch.items.end(),
                                   [](const Node &i) { return directive(i) == "replace"; });
  const Node *sample = !patch.items.empty() ? &patch.items.front() : nullptr;
  const std::string_view key = sample && !replace ? merge_key(field, *sample) : std::string_view();
  if (key.empty()) {
    Node copy = patch_copy(patch, source);
    copy.items.erase(std::remove_if(copy.items.begin(), copy.items.end(),
                                    [](const Node &i) { return i.is_map() && i.entries.empty(); }),
                     copy.items.end());
    target = std::move(copy);
    return;
  }
  for (const Node &p : patch.items) {
    const std::string id = key_value(p, key);
    auto match = std::find_if(target.items.begin(), target.items.end(),
                              [&](const Node &t) { return !id.empty() && key_value(t, key) == id; });
    if (directive(p) == "delete") {
      if (match != target.items.end()) {
        target.items.erase(match);
        const MapEntry *d = directive_entry(p);
        mark_changed(target, d ? entry_span(*d) : at, source);
      }
      continue;
    }
    if (match == target.items.end() || id.empty()) {
      target.items.push_back(patch_copy(p, source));
    } else if (match->is_map() && p.is_map()) {
      merge_map(*match, p, source);
    }
  }
}

}  // namespace

std::string_view merge_key(std::string_view field, const Node &sample) {
  if (!sample.is_map()) return "";
  if (field == "containers" || field == "initContainers" || field == "ephemeralContainers" ||
      field == "volumes" || field == "env" || field == "imagePullSecrets")
    return "name";
  if (field == "volumeMounts") return "mountPath";
  if (field == "volumeDevices") return "devicePath";
  if (field == "hostAliases") return "ip";
  if (field == "ports") return sample.get("containerPort") ? "containerPort" : "port";
  return "";
}

Node patch_copy(const Node &value, const PatchSource &source) {
  Node copy = value;
  strip_directives(copy);
  tag_tree(copy, source.written);
  return copy;
}

bool strategic_merge(Node &target, const Node &patch, const PatchSource &source) {
  if (!target.is_map() || !patch.is_map()) return true;
  const std::string d = directive(patch);
  if (d == "delete") return false;
  if (d == "replace") {
    target = patch_copy(patch, source);
    return true;
  }
  merge_map(target, patch, source);
  return true;
}

}  // namespace clause::kustomize
