#include "checker/crossdoc/resource_index.h"

#include <algorithm>
#include <set>

#include "checker/catalogue/provider_catalogue.h"
#include "checker/crossdoc/tf_reference.h"
#include "checker/model/attribute.h"
#include "checker/model/unknown.h"
#include "checker/project/built_once.h"

namespace clause::crossdoc {
namespace {

// The resource name inside an ARN: `arn:aws:s3:::NAME`,
// `arn:aws:backup:eu-west-1:123:backup-vault:NAME`.
std::string arn_name(const std::string &arn) {
  if (arn.rfind("arn:", 0) != 0) return arn;
  size_t colon = arn.rfind(':');
  std::string tail = arn.substr(colon + 1);
  size_t slash = tail.find('/');
  return slash == std::string::npos ? tail : tail.substr(0, slash);
}

std::string module_path_of(const Resource &r) {
  if (r.format != DocKind::Terraform && r.format != DocKind::TerraformPlan) return "";
  std::string path;
  std::string_view rest = r.address;
  while (rest.rfind("module.", 0) == 0) {
    size_t dot = rest.find('.', 7);
    // Skip an instance key that may hold dots: module.a["x.y"].
    size_t bracket = rest.find('[', 7);
    if (bracket != std::string_view::npos && (dot == std::string_view::npos || bracket < dot)) {
      size_t close = rest.find(']', bracket);
      if (close == std::string_view::npos) break;
      dot = rest.find('.', close);
    }
    if (dot == std::string_view::npos) break;
    if (!path.empty()) path += '.';
    path += rest.substr(0, dot);
    rest = rest.substr(dot + 1);
  }
  return path;
}

std::string directory_of(const Resource &r) {
  const std::string &p = r.document ? r.document->path : std::string();
  size_t slash = p.rfind('/');
  return slash == std::string::npos ? "" : p.substr(0, slash);
}

Tags tags_from(const Node *n) {
  Tags t;
  if (!n || n->is_null()) return t;
  if (is_unknown_value(*n)) {
    t.state = Tags::State::Unknown;
    t.blocked_by = unknown_input(*n);
    return t;
  }
  if (n->is_map()) {
    t.state = Tags::State::Known;
    t.map = n;
  }
  return t;
}

}  // namespace

bool is_data_bearing(DocKind format, std::string_view type) {
  return catalogue::provider_catalogue().holds_data(format, type);
}

std::optional<std::string> Tags::value(std::string_view key) const {
  const MapEntry *e = entry(key);
  if (!e || !e->value.is_scalar()) return std::nullopt;
  return e->value.is_string() ? e->value.text : e->value.scalar_text();
}

const MapEntry *Tags::entry(std::string_view key) const {
  if (own && own->is_map())
    if (const MapEntry *e = own->entry(key)) return e;
  return state == State::Known && map ? map->entry(key) : nullptr;
}

bool Tags::unknown_for(std::string_view key) const {
  if (own && own->is_map() && own->entry(key)) return false;
  return state == State::Unknown;
}

ResourceIndex::ResourceIndex(const Project &project) : project_(&project) {
  LocationResolver locations(project);
  // Resources in file and source order, whatever order the formats were
  // evaluated in, so that "for example" and every listing are stable.
  std::vector<size_t> order(project.resources.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    const Resource &x = project.resources[a], &y = project.resources[b];
    const std::string &px = x.document ? x.document->path : std::string();
    const std::string &py = y.document ? y.document->path : std::string();
    if (px != py) return px < py;
    return std::pair(x.span.start_line, x.span.start_col) < std::pair(y.span.start_line, y.span.start_col);
  });
  for (size_t i = 0; i < order.size(); ++i) {
    const Resource &r = project.resources[order[i]];
    if (r.format == DocKind::Agreement || !r.body || !r.document) continue;
    IndexedResource ir;
    ir.resource = &r;
    ir.index = i;
    ir.family = r.provider;
    ir.location = locations.resolve(r);
    ir.data_bearing = is_data_bearing(r.format, r.type);
    ir.module_path = module_path_of(r);
    switch (r.format) {
      case DocKind::Terraform:
      case DocKind::TerraformPlan:
        if (r.provider == ProviderFamily::Aws) {
          const Node *own = r.body->get("tags");
          // Unknown own tags hide the full set too: name them, not the defaults.
          ir.tags = tags_from(own && is_unknown_value(*own) ? own : r.body->get("tags_all"));
          if (ir.tags.state == Tags::State::None) ir.tags = tags_from(own);
          if (own && own->is_map()) ir.tags.own = own;
        } else if (r.provider == ProviderFamily::Google) {
          const Node *labels = r.body->get("labels");
          if (!labels) labels = r.body->get("resource_labels");
          if (!labels) {
            Attribute user = read_attribute(r.body, "settings.user_labels", kFirstElement);
            labels = user.node;
          }
          ir.tags = tags_from(labels);
        } else {
          ir.tags = tags_from(r.body->get("tags"));
        }
        break;
      case DocKind::CloudFormation: {
        Attribute tags = read_attribute(r.body, "Properties.Tags", kFirstElement);
        if (tags.unknown()) {
          ir.tags = tags_from(tags.node);
        } else if (tags.known() && tags.node->is_map()) {
          ir.tags = tags_from(tags.node);
        } else if (tags.known() && tags.node->is_list()) {
          // [{Key: k, Value: v}] as a map, each entry located at its Key.
          auto map = std::make_shared<Node>(Node::make_map(tags.node->span));
          bool unknown_entry = false;
          for (const auto &item : tags.node->items) {
            const MapEntry *k = item.entry("Key");
            const Node *v = item.get("Value");
            if (!k || !k->value.is_string() || !v) {
              unknown_entry = unknown_entry || is_unknown_value(item);
              continue;
            }
            map->add(k->value.text, *v, k->key_span);
          }
          owned_.push_back(map);
          ir.tags = tags_from(map.get());
          if (unknown_entry) {
            ir.tags.state = Tags::State::Unknown;
            ir.tags.blocked_by = "an entry of Tags";
          }
        }
        break;
      }
      case DocKind::Kubernetes:
        ir.tags = tags_from(read_attribute(r.body, "metadata.labels", kFirstElement).node);
        break;
      default: break;
    }
    size_t at = resources_.size();
    by_resource_[&r] = at;
    by_address_.emplace(r.address, at);
    std::string base = address_without_key(r.address);
    if (base != r.address) by_address_.emplace(base, at);
    by_type_.emplace(r.type, at);
    const catalogue::ResourceFacts *facts = catalogue::provider_catalogue().find(r.format, r.type);
    if (const char *key = facts && !facts->name.empty() ? facts->name.c_str() : nullptr) {
      Attribute name = read_attribute(r.body, key, kFirstElement);
      if (auto s = name.as_string()) by_name_.emplace(r.type + '\x1f' + *s, at);
    }
    resources_.push_back(std::move(ir));
  }
  // An azurerm resource placed `location = azurerm_resource_group.x.location`
  // (or any other resource's location) is where that resource is; one with
  // no location of its own (a database on a server) is where its parent is.
  for (auto &ir : resources_) {
    if (ir.family != ProviderFamily::Azure) continue;
    const Node *via = nullptr;
    if (ir.location.unknown()) {
      Attribute loc = read_attribute(ir.body(), "location", kFirstElement);
      via = loc.node;
    } else if (ir.location.state == EffectiveLocation::State::None) {
      for (const char *parent : {"server_id", "storage_account_id"})
        if (Attribute a = read_attribute(ir.body(), parent, kFirstElement); a.node) via = a.node;
    }
    if (!via) continue;
    for (int hop = 0; hop < 4; ++hop) {
      auto targets = referenced(ir, *via, {});
      if (targets.size() != 1 || targets[0] == &ir) break;
      if (targets[0]->location.known()) {
        EffectiveLocation l = targets[0]->location;
        l.via = "the location of " + targets[0]->address();
        ir.location = l;
        break;
      }
      Attribute next = read_attribute(targets[0]->body(), "location", kFirstElement);
      if (!next.node || !next.unknown()) break;
      via = next.node;
    }
  }
}

const IndexedResource *ResourceIndex::of(const Resource &r) const {
  auto it = by_resource_.find(&r);
  return it == by_resource_.end() ? nullptr : &resources_[it->second];
}

std::vector<const IndexedResource *> ResourceIndex::of_type(std::string_view type) const {
  std::vector<const IndexedResource *> out;
  auto range = by_type_.equal_range(std::string(type));
  for (auto it = range.first; it != range.second; ++it) out.push_back(&resources_[it->second]);
  std::sort(out.begin(), out.end(), [](auto *a, auto *b) { return a->index < b->index; });
  return out;
}

std::vector<const IndexedResource *> ResourceIndex::by_address(const IndexedResource &from,
                                                               const std::string &address) const {
  std::string key = address;
  bool every_instance = false;
  if (key.size() > 3 && (key.ends_with("[*]") || key.ends_with("[?]"))) {
    key = key.substr(0, key.size() - 3);
    every_instance = true;
  }
  std::vector<const IndexedResource *> found;
  auto range = by_address_.equal_range(key);
  for (auto it = range.first; it != range.second; ++it) {
    const IndexedResource &c = resources_[it->second];
    if (!every_instance && c.address() != key && address_without_key(c.address()) != key) continue;
    if (std::find(found.begin(), found.end(), &c) == found.end()) found.push_back(&c);
  }
  // Before evaluation, addresses carry no module prefix: the same address
  // in another module directory is another resource.
  std::vector<const IndexedResource *> near;
  for (auto *c : found)
    if (c->resource->format == from.resource->format && c->module_path == from.module_path &&
        directory_of(*c->resource) == directory_of(*from.resource))
      near.push_back(c);
  std::vector<const IndexedResource *> out = near.empty() ? found : near;
  std::sort(out.begin(), out.end(), [](auto *a, auto *b) { return a->index < b->index; });
  return out;
}

std::vector<const IndexedResource *> ResourceIndex::referenced(
    const IndexedResource &from, const Node &value, std::initializer_list<std::string_view> types) const {
  auto wanted = [&](const IndexedResource &c) {
    if (types.size() == 0) return true;
    for (auto t : types)
      if (c.type() == t) return true;
    return false;
  };
  std::vector<const IndexedResource *> out;
  auto add = [&](const IndexedResource *c) {
    if (c && wanted(*c) && std::find(out.begin(), out.end(), c) == out.end()) out.push_back(c);
  };
  const Resource &r = *from.resource;
  if (r.format == DocKind::CloudFormation) {
    // {"Ref": Id} and {"Fn::GetAtt": [Id, Attr]} / "Id.Attr" in the same template.
    if (auto target = intrinsic_target(value); target && !target->empty()) {
      auto range = by_address_.equal_range(*target);
      for (auto it = range.first; it != range.second; ++it)
        if (resources_[it->second].resource->document == r.document) add(&resources_[it->second]);
    }
  } else {
    for (const auto &ref : tf_references(value))
      for (auto *c : by_address(from, ref.address)) add(c);
  }
  if (value.is_string() && !value.text.empty()) {
    std::string name = arn_name(value.text);
    for (auto t : types) {
      auto range = by_name_.equal_range(std::string(t) + '\x1f' + name);
      for (auto it = range.first; it != range.second; ++it) add(&resources_[it->second]);
    }
  }
  if (value.is_list())
    for (const auto &item : value.items)
      for (auto *c : referenced(from, item, types)) add(c);
  return out;
}

std::vector<const IndexedResource *> ResourceIndex::referrers(const IndexedResource &target,
                                                              std::string_view type,
                                                              std::string_view via) const {
  std::vector<const IndexedResource *> out;
  for (const IndexedResource *c : of_type(type)) {
    Attribute a = read_attribute(c->body(), via, kFirstElement);
    if (!a.node) continue;
    for (const IndexedResource *t : referenced(*c, *a.node, {target.type()}))
      if (t == &target) {
        out.push_back(c);
        break;
      }
  }
  return out;
}

const ResourceIndex &resource_index(const Project &project) {
  return built_once(project.resource_index, [&] { return std::make_shared<const ResourceIndex>(project); });
}

}  // namespace clause::crossdoc
