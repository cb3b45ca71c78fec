#include "checker/rules/infrastructure/provider_constraints.h"

#include "checker/rules/infrastructure/infra_support.h"

namespace clause::infra {
namespace {

std::string trim(std::string_view s) {
  size_t a = s.find_first_not_of(" \t");
  if (a == std::string_view::npos) return "";
  size_t b = s.find_last_not_of(" \t");
  return std::string(s.substr(a, b - a + 1));
}

void read_required(const Document &doc, const Block &b, ModuleProviders &m) {
  const Node *req = b.body.get("required_providers");
  if (!req) return;
  const Node *body = req->is_list() && !req->items.empty() ? &req->items.front() : req;
  if (!body->is_map()) return;
  for (const auto &e : body->entries) {
    ProviderConstraint c{&doc, e.key_span, ""};
    if (e.value.is_string()) {
      c.constraint = e.value.text;  // legacy `aws = "~> 5.0"`
    } else if (e.value.is_map()) {
      // Only a module that others call receives provider configurations.
      if (e.value.get("configuration_aliases")) m.receives_providers = true;
      const Node *v = e.value.get("version");
      // An unknown constraint is taken as stated: it cannot be judged.
      if (v) c.constraint = v->is_string() ? v->text : std::string("?");
    } else {
      continue;
    }
    m.required[e.key].push_back(std::move(c));
  }
}

}  // namespace

std::map<std::string, ModuleProviders> provider_constraints(const Project &project) {
  std::map<std::string, ModuleProviders> out;
  for (const auto &doc : project.documents) {
    if (doc->kind != DocKind::Terraform) continue;
    ModuleProviders &m = out[directory_of(doc->path)];
    for (const auto &b : doc->blocks) {
      if (b.type == "terraform") {
        read_required(*doc, b, m);
        if (b.body.get("backend") || b.body.get("cloud")) m.backend = true;
      } else if (b.type == "provider" && !b.labels.empty()) {
        const std::string &name = b.labels.front();
        m.configured.emplace(name, std::make_pair(doc.get(), b.header));
        // `version` in a provider block: deprecated, still a constraint.
        if (const MapEntry *v = b.body.entry("version"))
          m.required[name].push_back(
              ProviderConstraint{doc.get(), v->key_span, v->value.is_string() ? v->value.text : "?"});
      }
    }
  }
  return out;
}

bool bounds_from_above(const std::vector<std::string> &constraints) {
  for (const std::string &c : constraints) {
    size_t pos = 0;
    while (pos <= c.size()) {
      size_t comma = c.find(',', pos);
      if (comma == std::string::npos) comma = c.size();
      const std::string part = trim(std::string_view(c).substr(pos, comma - pos));
      pos = comma + 1;
      if (part.empty()) continue;
      if (part == "?") return true;  // not knowable: not reported
      if (part.rfind(">", 0) == 0 || part.rfind("!=", 0) == 0) continue;
      return true;  // ~>, <, <=, =, or a bare version
    }
  }
  return false;
}

}  // namespace clause::infra
