#include "checker/crossdoc/effective_location.h"

#include <cctype>
#include <map>
#include <set>
#include <tuple>

#include "checker/catalogue/provider_catalogue.h"
#include "checker/geo/regions.h"
#include "checker/model/attribute.h"
#include "parsers/terraform/plan_resources.h"
#include "re2/re2.h"

namespace clause::crossdoc {
namespace {

std::string directory_of(const std::string &path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? "" : path.substr(0, slash);
}

// "a/b" joined with "../c" -> "a/c"; nullopt when it leaves the scan root.
std::optional<std::string> join_path(const std::string &dir, const std::string &rel) {
  std::vector<std::string> parts;
  auto push = [&](const std::string &p) -> bool {
    size_t start = 0;
    while (start <= p.size()) {
      size_t slash = p.find('/', start);
      std::string seg = p.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
      if (seg == "..") {
        if (parts.empty()) return false;
        parts.pop_back();
      } else if (!seg.empty() && seg != ".") {
        parts.push_back(seg);
      }
      if (slash == std::string::npos) break;
      start = slash + 1;
    }
    return true;
  };
  if (!push(dir) || !push(rel)) return std::nullopt;
  std::string out;
  for (const auto &p : parts) out += (out.empty() ? "" : "/") + p;
  return out;
}

std::string lower(std::string s) {
  for (auto &c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// The provider configuration a Terraform resource selects: its name (from
// `provider = NAME.ALIAS`, else the type's prefix) and alias.
std::pair<std::string, std::string> provider_of(const Resource &r) {
  if (const Node *p = r.body ? r.body->get("provider") : nullptr) {
    std::string t = p->text;
    size_t dot = t.find('.');
    if (dot == std::string::npos) return {t, ""};
    return {t.substr(0, dot), t.substr(dot + 1)};
  }
  return {r.type.substr(0, r.type.find('_')), ""};
}

// The attributes that place a Terraform resource by itself, in the order
// they are consulted (its type's, else its provider's), and those of its
// provider configuration (catalogue/resources.yaml).
const catalogue::ProviderFacts *terraform_provider(ProviderFamily family) {
  std::string_view name = family == ProviderFamily::Aws      ? "aws"
                          : family == ProviderFamily::Azure  ? "azurerm"
                          : family == ProviderFamily::Google ? "google"
                                                             : "";
  return name.empty() ? nullptr : catalogue::provider_catalogue().provider(DocKind::Terraform, name);
}

const std::vector<std::string> &own_location_keys(const Resource &r) {
  static const std::vector<std::string> kNone;
  const catalogue::ResourceFacts *type = catalogue::provider_catalogue().find(r.format, r.type);
  if (type && !type->location.empty()) return type->location;
  const catalogue::ProviderFacts *p = terraform_provider(r.provider);
  return p ? p->location : kNone;
}

const std::vector<std::string> &provider_location_keys(ProviderFamily family) {
  static const std::vector<std::string> kNone;
  const catalogue::ProviderFacts *p = terraform_provider(family);
  return p ? p->provider_location : kNone;
}

EffectiveLocation known(ProviderFamily family, std::string region, const Document *doc, Span span,
                        std::string via) {
  EffectiveLocation l;
  l.state = EffectiveLocation::State::Known;
  l.family = family;
  l.region = std::move(region);
  l.doc = doc;
  l.span = span;
  l.via = std::move(via);
  return l;
}

EffectiveLocation unknown(ProviderFamily family, const Document *doc, Span span, std::string blocked_by,
                          std::string via = "") {
  EffectiveLocation l;
  l.state = EffectiveLocation::State::Unknown;
  l.family = family;
  l.doc = doc;
  l.span = span;
  l.blocked_by = std::move(blocked_by);
  l.via = std::move(via);
  return l;
}

}  // namespace

std::optional<std::vector<std::string>> countries_of_any_region(ProviderFamily family,
                                                                const std::string &region) {
  if (region.empty()) return std::nullopt;
  if (family != ProviderFamily::Other && family != ProviderFamily::Kubernetes)
    return geo::countries_of_region(family, region);
  for (auto f : {ProviderFamily::Aws, ProviderFamily::Azure, ProviderFamily::Google})
    if (auto c = geo::countries_of_region(f, region)) return c;
  return std::nullopt;
}

std::string region_key_of(ProviderFamily family, const std::string &region) {
  std::string r = lower(region);
  if (family == ProviderFamily::Azure) {
    std::string out;
    for (char c : r)
      if (c != ' ' && c != '-' && c != '_') out += c;
    return out;
  }
  // Availability zones: "eu-central-1a" (AWS), "europe-west3-a" (Google).
  if (r.size() > 2 && std::isalpha(static_cast<unsigned char>(r.back()))) {
    std::string base = r.substr(0, r.size() - 1);
    if (!base.empty() && base.back() == '-') base.pop_back();
    if (base != r && std::isdigit(static_cast<unsigned char>(base.back())) &&
        countries_of_any_region(family, base))
      return base;
  }
  return r;
}

std::optional<std::vector<std::string>> EffectiveLocation::countries() const {
  if (!known()) return std::nullopt;
  return countries_of_any_region(family, region);
}

std::string EffectiveLocation::region_key() const { return region_key_of(family, region); }

struct LocationResolver::Impl {
  const Project &project;
  struct Provider {
    const Document *doc;
    const Block *block;
  };
  std::map<std::tuple<std::string, std::string, std::string>, Provider> providers;  // dir, name, alias
  std::map<std::pair<std::string, std::string>, std::pair<const Document *, const Node *>> variables;
  struct Call {
    std::string dir;  // the caller's directory
    const Block *block;
  };
  std::map<std::string, std::vector<Call>> callers;  // module directory -> calls

  explicit Impl(const Project &p) : project(p) {
    for (const auto &doc : project.documents) {
      std::string dir = directory_of(doc->path);
      if (doc->kind == DocKind::TerraformVars) {
        // terraform.tfvars and *.auto.tfvars are read by every plan of the
        // directory; they override defaults.
        const std::string &name = doc->path.substr(doc->path.rfind('/') + 1);
        bool automatic = name == "terraform.tfvars" || name == "terraform.tfvars.json" ||
                         name.find(".auto.tfvars") != std::string::npos;
        if (!automatic || doc->roots.empty() || !doc->roots.front().is_map()) continue;
        for (const auto &e : doc->roots.front().entries) variables[{dir, e.key}] = {doc.get(), &e.value};
        continue;
      }
      if (doc->kind != DocKind::Terraform) continue;
      for (const auto &b : doc->blocks) {
        if (b.type == "provider" && b.labels.size() == 1) {
          const Node *alias = b.body.get("alias");
          providers[{dir, b.labels[0], alias && alias->is_string() ? alias->text : ""}] = {doc.get(), &b};
        } else if (b.type == "variable" && b.labels.size() == 1) {
          if (const Node *def = b.body.get("default"))
            variables.emplace(std::make_pair(dir, b.labels[0]), std::make_pair(doc.get(), def));
        } else if (b.type == "module" && b.labels.size() == 1) {
          const Node *source = b.body.get("source");
          if (!source || !source->is_string()) continue;
          const std::string &s = source->text;
          if (s.rfind("./", 0) != 0 && s.rfind("../", 0) != 0) continue;
          if (auto target = join_path(dir, s)) callers[*target].push_back(Call{dir, &b});
        }
      }
    }
  }

  // `var.NAME` in directory `dir`: its literal value, if any.
  const Node *variable_value(const std::string &dir, const Node &value) const {
    static const RE2 kVar("var\\.([A-Za-z_][A-Za-z0-9_-]*)");
    std::string name;
    if (!value.is_expression() || !RE2::FullMatch(value.text, kVar, &name)) return nullptr;
    auto it = variables.find({dir, name});
    return it != variables.end() && it->second.second->is_string() ? it->second.second : nullptr;
  }

  // A location attribute of a resource or provider body.
  std::optional<EffectiveLocation> from_attribute(ProviderFamily family, const Document &doc,
                                                  const Node &body, std::string_view key,
                                                  const std::string &via, const std::string &dir) const {
    Attribute a = read_attribute(&body, key, kFirstElement);
    if (a.absent()) return std::nullopt;
    Span span = a.span_or(a.node->span);
    if (a.known() && a.node->is_string() && !a.node->text.empty())
      return known(family, a.node->text, &doc, span, via);
    if (a.unknown()) {
      if (const Node *v = variable_value(dir, *a.node))
        return known(family, v->text, &doc, span, via + " (" + a.node->text + " = \"" + v->text + "\")");
      return unknown(family, &doc, span, a.blocked_by(), via);
    }
    return std::nullopt;
  }

  EffectiveLocation from_provider(ProviderFamily family, const std::string &name, const std::string &alias,
                                  const std::string &dir, const Resource &r, int depth) const {
    std::string label = alias.empty() ? name : name + "." + alias;
    auto it = providers.find({dir, name, alias});
    if (it != providers.end()) {
      const Provider &p = it->second;
      for (const std::string &key : provider_location_keys(family))
        if (auto l = from_attribute(family, *p.doc, p.block->body, key, "provider " + label, dir)) return *l;
      return unknown(family, p.doc, p.block->header,
                     "the region of whoever runs Terraform (provider " + label + " sets none)",
                     "provider " + label);
    }
    // A module without its own configuration inherits its caller's.
    if (depth < 16) {
      std::vector<Call> calls;
      if (!r.call_chain.empty() && depth == 0) {
        const Location &site = r.call_chain.back();
        for (const auto &c : callers.count(dir) ? callers.at(dir) : std::vector<Call>{})
          if (c.block->span.start_line == site.span.start_line && c.dir == directory_of(site.path))
            calls.push_back(c);
      } else if (auto cit = callers.find(dir); cit != callers.end()) {
        calls = cit->second;
      }
      std::optional<EffectiveLocation> agreed;
      for (const auto &c : calls) {
        std::string parent_name = name, parent_alias = alias;
        if (const Node *map = c.block->body.get("providers"); map && map->is_map()) {
          const Node *to = map->get(label);
          if (!to) return unknown(family, r.document, r.span, "provider " + label + " of the module call");
          std::string t = to->text;
          size_t dot = t.find('.');
          parent_name = t.substr(0, dot);
          parent_alias = dot == std::string::npos ? "" : t.substr(dot + 1);
        } else if (!alias.empty()) {
          continue;
        }
        EffectiveLocation l = from_provider(family, parent_name, parent_alias, c.dir, r, depth + 1);
        if (!agreed) {
          agreed = l;
        } else if (agreed->state != l.state || agreed->region != l.region) {
          return unknown(family, r.document, r.span,
                         "the provider configuration of its callers, which place it in different regions");
        }
      }
      if (agreed) return *agreed;
    }
    return unknown(family, r.document, r.span,
                   "the region of whoever runs Terraform (no provider \"" + label + "\" configuration)");
  }

  EffectiveLocation terraform(const Resource &r) const {
    ProviderFamily family = r.provider;
    std::string dir = directory_of(r.document->path);
    for (const std::string &key : own_location_keys(r))
      if (auto l =
              from_attribute(family, *r.document, *r.body, key, std::string("its ") + key + " argument", dir))
        return *l;
    if (provider_location_keys(family).empty()) return EffectiveLocation{};
    auto [name, alias] = provider_of(r);
    return from_provider(family, name, alias, dir, r, 0);
  }

  // Plan JSON: the resource's values, else the plan's provider configuration.
  EffectiveLocation plan(const Resource &r) const {
    ProviderFamily family = r.provider;
    for (const std::string &key : own_location_keys(r))
      if (auto l =
              from_attribute(family, *r.document, *r.body, key, std::string("its ") + key + " value", ""))
        return *l;
    if (provider_location_keys(family).empty()) return EffectiveLocation{};
    const Node *root = r.document->roots.empty() ? nullptr : &r.document->roots.front();
    const Node *config = root ? root->get("configuration") : nullptr;
    std::string key = config_key(config, configuration_address(r.address));
    if (key.empty()) key = r.type.substr(0, r.type.find('_'));
    Attribute p = read_attribute(config, "provider_config", kFirstElement);
    const Node *pc = p.known() && p.node->is_map() ? p.node->get(key) : nullptr;
    if (!pc && key.find(':') != std::string::npos && p.known())
      pc = p.node->get(key.substr(key.find(':') + 1));
    if (pc) {
      for (const std::string &k : provider_location_keys(family)) {
        const Node *expr = pc->get("expressions") ? pc->get("expressions")->get(k) : nullptr;
        if (!expr || !expr->is_map()) continue;
        if (const Node *c = expr->get("constant_value"); c && c->is_string())
          return known(family, c->text, r.document, c->span, "provider " + key);
        std::string refs;
        for (const Node *ref : read_attribute(expr, "references", kFirstElement).elements())
          if (ref->is_string()) refs += (refs.empty() ? "" : ", ") + ref->text;
        return unknown(family, r.document, expr->span, refs.empty() ? "provider " + key + " " + k : refs,
                       "provider " + key);
      }
    }
    return unknown(family, r.document, r.span, "the region of whoever runs Terraform (provider " + key + ")");
  }

  // configuration.root_module(.module_calls.X.module)*.resources[].provider_config_key
  static std::string config_key(const Node *config, const std::string &address) {
    const Node *module = config ? config->get("root_module") : nullptr;
    std::string rest = address;
    while (module && module->is_map()) {
      if (rest.rfind("module.", 0) == 0) {
        size_t dot = rest.find('.', 7);
        if (dot == std::string::npos) return "";
        std::string name = rest.substr(7, dot - 7);
        rest = rest.substr(dot + 1);
        Attribute next = read_attribute(module, "module_calls." + name + ".module", kFirstElement);
        module = next.known() ? next.node : nullptr;
        continue;
      }
      for (const Node *res : read_attribute(module, "resources", kFirstElement).elements()) {
        const Node *a = res->get("address");
        const Node *k = res->get("provider_config_key");
        if (a && a->is_string() && a->text == rest && k && k->is_string()) return k->text;
      }
      return "";
    }
    return "";
  }

  EffectiveLocation deployed(const Resource &r) const {
    ProviderFamily family = r.format == DocKind::CloudFormation ? ProviderFamily::Aws : ProviderFamily::Other;
    auto it = project.deployment_regions.find(r.document->path);
    if (it != project.deployment_regions.end() && !it->second.empty())
      return known(family, it->second, nullptr, Span{}, "the deployment table of the configuration");
    std::string what = r.format == DocKind::CloudFormation ? "the region the stack is deployed to"
                                                           : "the region of the cluster it is applied to";
    return unknown(family, r.document, r.span,
                   what + " (not named in the file; set it under `locations:` in .clause.yaml)");
  }
};

LocationResolver::LocationResolver(const Project &project) : impl_(std::make_unique<Impl>(project)) {}
LocationResolver::~LocationResolver() = default;

EffectiveLocation LocationResolver::resolve(const Resource &r) const {
  if (!r.body || !r.document) return EffectiveLocation{};
  switch (r.format) {
    case DocKind::Terraform: return impl_->terraform(r);
    case DocKind::TerraformPlan: return impl_->plan(r);
    case DocKind::CloudFormation:
    case DocKind::Kubernetes: return impl_->deployed(r);
    default: return EffectiveLocation{};
  }
}

}  // namespace clause::crossdoc
