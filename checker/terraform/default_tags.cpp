#include "checker/terraform/default_tags.h"

#include <string>

#include "checker/terraform/values.h"

namespace clause::tf {

std::string provider_alias(const Node &body) {
  const Node *p = body.get("provider");
  if (!p) return "";
  const std::string &t = p->text;  // `aws.west` as written
  size_t dot = t.find('.');
  return dot == std::string::npos ? "" : t.substr(dot + 1);
}

void add_tags_all(Node &body, const Span &header, const ProviderDefaultTags &provider) {
  if (body.get("tags_all")) return;
  const Node *tags = body.get("tags");
  Span at = tags ? tags->span : header;
  Node tags_all;
  bool tags_unknown = tags && !tags->is_map() && !tags->is_null();
  if (!provider.found) {
    tags_all = Node::make_expression("(default_tags of a provider configured outside this module)", at);
  } else if ((provider.has_block && (!provider.tags || !provider.tags->is_map())) || tags_unknown) {
    tags_all = Node::make_expression(tags_unknown ? tags->text : "provider default_tags", at);
  } else {
    tags_all = Node::make_map(at);
    if (provider.tags) {
      // Defaults are reported where the resource is: the provider block may
      // be in another file or module.
      for (const auto &e : provider.tags->entries) {
        Node v = e.value;
        restamp(v, at);
        tags_all.add(e.key, std::move(v), at);
      }
    }
    if (tags && tags->is_map()) {
      for (const auto &e : tags->entries) {
        if (Node *existing = tags_all.get(e.key)) {
          *existing = e.value;
        } else {
          tags_all.add(e.key, e.value, e.key_span);
        }
      }
    }
  }
  body.add("tags_all", std::move(tags_all), at);
}

}  // namespace clause::tf
