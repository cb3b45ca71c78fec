#include "checker/catalogue/resource_tags.h"

#include <unordered_set>
#include <vector>

#include "checker/catalogue/tag_properties.h"
#include "checker/model/unknown.h"

namespace clause::catalogue {
namespace {

bool applies(const TagProperty &p, const Resource &r) {
  DocKind format = r.format == DocKind::TerraformPlan ? DocKind::Terraform : r.format;
  if (p.format != format) return false;
  if (p.family != ProviderFamily::Other && p.family != r.provider) return false;
  return p.type.empty() || p.type == r.type;
}

// The values `path` reaches; `*` fans out over a list's elements.
void reach(const Node *at, std::string_view path, std::vector<const Node *> &out) {
  if (!at) return;
  if (path.empty()) {
    out.push_back(at);
    return;
  }
  size_t dot = path.find('.');
  std::string_view step = path.substr(0, dot);
  std::string_view rest = dot == std::string_view::npos ? std::string_view() : path.substr(dot + 1);
  if (is_unknown_value(*at)) {
    out.push_back(at);
    return;
  }
  if (step == "*") {
    if (!at->is_list()) return;
    for (const Node &item : at->items) reach(&item, rest, out);
    return;
  }
  // A single nested block (`settings { ... }`) is a one-element list.
  if (at->is_list() && at->items.size() == 1) at = &at->items[0];
  if (!at->is_map()) return;
  reach(at->get(step), rest, out);
}

void mark_unknown(ResourceTags &tags, const Node &n) {
  if (!tags.unknown) tags.blocked_by = unknown_input(n);
  tags.unknown = true;
}

// The merged map and the keys it holds (a set: tag maps can be large).
struct Merged {
  Node map;
  std::unordered_set<std::string> keys;
  void add(const std::string &key, const Node &value, const Span &key_span) {
    if (keys.insert(key).second) map.add(key, value, key_span);
  }
};

void read_property(const Node &n, TagShape shape, Merged &map, ResourceTags &tags) {
  if (n.is_null()) return;
  if (is_unknown_value(n)) {
    mark_unknown(tags, n);
    return;
  }
  switch (shape) {
    case TagShape::Map:
      if (!n.is_map()) return;
      for (const MapEntry &e : n.entries) map.add(e.key, e.value, e.key_span);
      return;
    case TagShape::KeyValueList:
    case TagShape::KeyValueBlocks: {
      const bool cfn = shape == TagShape::KeyValueList;
      // CloudFormation also accepts a plain map for some types.
      if (cfn && n.is_map()) {
        for (const MapEntry &e : n.entries) map.add(e.key, e.value, e.key_span);
        return;
      }
      if (!n.is_list()) return;
      for (const Node &item : n.items) {
        const MapEntry *k = item.entry(cfn ? "Key" : "key");
        const Node *v = item.get(cfn ? "Value" : "value");
        if (!k || !v || !k->value.is_string()) {
          if (is_unknown_value(item) || (k && is_unknown_value(k->value))) mark_unknown(tags, item);
          continue;
        }
        map.add(k->value.text, *v, k->value.span);
      }
      return;
    }
  }
}

}  // namespace

ResourceTags read_tags(const Resource &r) {
  ResourceTags tags;
  if (!r.body) return tags;
  Merged merged{Node::make_map(r.span), {}};
  for (const TagProperty &p : tag_properties()) {
    if (!applies(p, r)) continue;
    std::vector<const Node *> values;
    reach(r.body, p.path, values);
    for (const Node *v : values) read_property(*v, p.shape, merged, tags);
  }
  if (!merged.map.entries.empty()) tags.map = std::make_shared<const Node>(std::move(merged.map));
  return tags;
}

}  // namespace clause::catalogue
