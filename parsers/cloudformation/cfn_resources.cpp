#include "parsers/cloudformation/cfn_resources.h"

#include <charconv>
#include <memory>

namespace clause {

namespace {

// The parameter named by an exact {"Ref": "P"} map with a usable Default.
const Node *referenced_default(const Node &n, const Node *parameters) {
  if (!parameters || !n.is_map() || n.entries.size() != 1 || n.entries[0].key != "Ref") return nullptr;
  const Node &target = n.entries[0].value;
  if (!target.is_string()) return nullptr;
  const Node *param = parameters->get(target.text);
  if (!param || !param->is_map()) return nullptr;
  const Node *def = param->get("Default");
  return def && !def->is_null() ? def : nullptr;
}

bool uses_defaults(const Node &n, const Node *parameters) {
  if (referenced_default(n, parameters)) return true;
  for (const auto &item : n.items)
    if (uses_defaults(item, parameters)) return true;
  for (const auto &e : n.entries)
    if (uses_defaults(e.value, parameters)) return true;
  return false;
}

Node default_value(const Node &ref, const Node *parameters) {
  const Node *param = parameters->get(ref.entries[0].value.text);
  Node value = *param->get("Default");
  const Node *type = param->get("Type");
  if (value.is_string() && type && type->is_string() && type->text == "Number") {
    double d = 0;
    const char *first = value.text.data();
    const char *last = first + value.text.size();
    auto r = std::from_chars(first, last, d);
    if (r.ec == std::errc() && r.ptr == last && !value.text.empty()) value = Node::make_number(d, value.text);
  }
  value.span = ref.span;
  return value;
}

void substitute_defaults(Node &n, const Node *parameters) {
  if (referenced_default(n, parameters)) {
    n = default_value(n, parameters);
    return;
  }
  for (auto &item : n.items) substitute_defaults(item, parameters);
  for (auto &e : n.entries) substitute_defaults(e.value, parameters);
}

}  // namespace

std::vector<Resource> cloudformation_resources(const Document &doc) {
  std::vector<Resource> out;
  for (const Node &root : doc.roots) {
    if (!root.is_map()) continue;
    const Node *resources = root.get("Resources");
    if (!resources || !resources->is_map()) continue;
    const Node *parameters = root.get("Parameters");
    if (parameters && !parameters->is_map()) parameters = nullptr;
    for (const MapEntry &e : resources->entries) {
      if (!e.value.is_map()) continue;
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
      if (uses_defaults(e.value, parameters)) {
        auto owned = std::make_shared<Node>(e.value);
        substitute_defaults(*owned, parameters);
        r.body = owned.get();
        r.owned_body = std::move(owned);
      }
      out.push_back(std::move(r));
    }
  }
  return out;
}

}  // namespace clause
