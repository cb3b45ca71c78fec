#include "checker/project/aws_default_tags.h"

#include <map>
#include <memory>

namespace clause {
namespace {

std::string directory_of(const std::string &path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? "" : path.substr(0, slash);
}

// default_tags of one provider block: its `tags` map, an unknown value, or
// nothing (no default_tags block).
struct ProviderTags {
  const Node *tags = nullptr;  // Map or Expression
  bool has_block = false;
};

ProviderTags provider_tags(const Block &provider) {
  ProviderTags out;
  const Node *dt = provider.body.get("default_tags");
  if (!dt) return out;
  out.has_block = true;
  if (dt->is_list() && !dt->items.empty()) out.tags = dt->items.front().get("tags");
  return out;
}

std::string provider_alias(const Node &body) {
  const Node *p = body.get("provider");
  if (!p) return "";
  const std::string &t = p->text;  // `aws.west` as written
  size_t dot = t.find('.');
  return dot == std::string::npos ? "" : t.substr(dot + 1);
}

}  // namespace

void apply_aws_default_tags(const std::vector<DocumentPtr> &documents, std::vector<Resource> &resources) {
  // (directory, alias) -> provider block
  std::map<std::pair<std::string, std::string>, const Block *> providers;
  for (const auto &doc : documents) {
    if (doc->kind != DocKind::Terraform) continue;
    for (const auto &b : doc->blocks) {
      if (b.type != "provider" || b.labels.size() != 1 || b.labels[0] != "aws") continue;
      const Node *alias = b.body.get("alias");
      std::string a = alias && alias->is_string() ? alias->text : "";
      providers.emplace(std::make_pair(directory_of(doc->path), a), &b);
    }
  }
  for (auto &r : resources) {
    if (r.format != DocKind::Terraform || r.provider != ProviderFamily::Aws || !r.body || !r.document)
      continue;
    if (r.body->get("tags_all")) continue;
    auto copy = std::make_shared<Node>(*r.body);
    const Node *tags = r.body->get("tags");
    Span at = tags ? tags->span : r.span;
    auto it = providers.find({directory_of(r.document->path), provider_alias(*r.body)});
    Node tags_all;
    if (it == providers.end()) {
      tags_all = Node::make_expression("(default_tags of a provider configured outside this module)", at);
    } else {
      ProviderTags pt = provider_tags(*it->second);
      bool unknown =
          (pt.has_block && (!pt.tags || !pt.tags->is_map())) || (tags && !tags->is_map() && !tags->is_null());
      if (unknown) {
        tags_all = Node::make_expression(tags && !tags->is_map() ? tags->text : "provider default_tags", at);
      } else {
        tags_all = Node::make_map(at);
        if (pt.tags)
          for (const auto &e : pt.tags->entries) tags_all.add(e.key, e.value, e.key_span);
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
    }
    copy->add("tags_all", std::move(tags_all), at);
    r.owned_body = copy;
    r.body = copy.get();
  }
}

}  // namespace clause
