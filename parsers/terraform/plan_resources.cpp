#include "parsers/terraform/plan_resources.h"

#include "parsers/terraform/plan_state.h"

#include "checker/model/expr.h"

#include <algorithm>
#include <memory>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace clause {
namespace {

const Node *plan_root(const Document &doc) {
  if (doc.roots.empty() || !doc.roots.front().is_map()) return nullptr;
  return &doc.roots.front();
}

std::string text_of(const Node &map, std::string_view key) {
  const Node *v = map.get(key);
  return v && v->is_string() ? v->text : std::string();
}

// Whether an after_unknown value marks anything as unknown.
bool has_unknown(const Node &u) {
  switch (u.kind) {
    case NodeKind::Bool: return u.boolean;
    case NodeKind::List: return std::any_of(u.items.begin(), u.items.end(), has_unknown);
    case NodeKind::Map:
      return std::any_of(u.entries.begin(), u.entries.end(),
                         [](const MapEntry &e) { return has_unknown(e.value); });
    default: return false;
  }
}

Span or_span(const Span &preferred, const Span &fallback) { return preferred.valid() ? preferred : fallback; }

// Replaces in `target` every value `u` marks unknown with an Expression, and
// creates the containers on the way when `values` left them out.
void mark_unknown(Node &target, const Node &u) {
  if (u.kind == NodeKind::Bool) {
    if (u.boolean) target = Node::make_expression(kUnknownAfterApply, or_span(target.span, u.span));
    return;
  }
  if (!has_unknown(u)) return;
  if (u.is_map()) {
    if (!target.is_map()) target = Node::make_map(or_span(target.span, u.span));
    for (const auto &e : u.entries) {
      if (!has_unknown(e.value)) continue;
      Node *t = target.get(e.key);
      if (!t) t = &target.add(e.key, Node::null(), e.key_span);
      mark_unknown(*t, e.value);
    }
  } else if (u.is_list()) {
    if (!target.is_list()) target = Node::make_list(or_span(target.span, u.span));
    for (size_t i = 0; i < u.items.size(); ++i) {
      if (!has_unknown(u.items[i])) continue;
      while (target.items.size() <= i) target.items.push_back(Node::null());
      mark_unknown(target.items[i], u.items[i]);
    }
  }
}

// Removes from `body` the values unknown after apply (or null) that the
// configuration never set: the provider decides them, as for an HCL
// resource that omits them, so rules apply the same defaults. An unknown the
// configuration set (an expression of values known only at apply) stays
// unknown, and so does `keep` (tags_all, which AWS providers derive from
// the provider's default_tags as well as the resource's tags).
void drop_unconfigured(Node &body, const Node &expressions, std::string_view keep = {}) {
  if (!body.is_map() || !expressions.is_map()) return;
  std::erase_if(body.entries, [&](const MapEntry &e) {
    const bool open = e.value.is_null() || (e.value.is_expression() && e.value.text == kUnknownAfterApply);
    return open && !expressions.get(e.key) && e.key != keep;
  });
  for (MapEntry &e : body.entries) {
    const Node *configured = expressions.get(e.key);
    if (!configured || is_configured_expression(*configured) || !configured->is_list() || !e.value.is_list())
      continue;
    // Nested blocks: the i-th block of the plan is the i-th block written.
    if (configured->items.size() != e.value.items.size()) continue;
    for (size_t i = 0; i < e.value.items.size(); ++i)
      drop_unconfigured(e.value.items[i], configured->items[i]);
  }
}

// The managed resource a configuration reference names, relative to its
// module ("aws_s3_bucket.b.arn" -> "aws_s3_bucket.b", "aws_subnet.a[0].id"
// -> "aws_subnet.a[0]"); "" for variables, locals, data sources, module
// outputs and the like.
std::string referenced_resource(std::string_view ref) {
  static const std::string_view kNotResources[] = {"var",   "local", "module", "data",     "each",
                                                   "count", "path",  "self",   "terraform"};
  const size_t type_end = ref.find('.');
  if (type_end == std::string_view::npos || type_end == 0) return "";
  const std::string_view type = ref.substr(0, type_end);
  for (std::string_view r : kNotResources)
    if (type == r) return "";
  if (type.find('_') == std::string_view::npos) return "";
  size_t end = type_end + 1;
  while (end < ref.size() && ref[end] != '.' && ref[end] != '[') ++end;
  if (end == type_end + 1) return "";
  if (end < ref.size() && ref[end] == '[') {
    const size_t close = ref.find(']', end);
    if (close != std::string_view::npos) end = close + 1;
  }
  return std::string(ref.substr(0, end));
}

// The provenance of the unknowns an expression with `references` leaves in
// a plan: the resources it names, as absolute addresses (the module part of
// `address` in front). A reference to one instance (`aws_subnet.a[0]`)
// replaces the reference to them all that Terraform lists beside it.
std::shared_ptr<const Expr> reference_provenance(const Node &references, const std::string &module) {
  std::vector<std::string> keyed, all;
  for (const Node &ref : references.items) {
    if (!ref.is_string()) continue;
    std::string target = referenced_resource(ref.text);
    if (target.empty()) continue;
    auto &into = target.back() == ']' ? keyed : all;
    if (std::find(into.begin(), into.end(), target) == into.end()) into.push_back(std::move(target));
  }
  std::erase_if(all, [&](const std::string &a) {
    return std::any_of(keyed.begin(), keyed.end(),
                       [&](const std::string &k) { return k.rfind(a + "[", 0) == 0; });
  });
  keyed.insert(keyed.end(), all.begin(), all.end());
  if (keyed.empty()) return nullptr;
  auto e = std::make_shared<Expr>();
  e->op = Expr::Op::Unsupported;
  for (const std::string &target : keyed) {
    Expr ref;
    ref.op = Expr::Op::Unsupported;
    ref.name = module + target;
    e->args.push_back(std::move(ref));
  }
  return e;
}

void set_provenance(Node &value, const std::shared_ptr<const Expr> &provenance) {
  if (value.is_expression() && value.text == kUnknownAfterApply && !value.expr) {
    value.expr = provenance;
    return;
  }
  for (Node &item : value.items) set_provenance(item, provenance);
  for (MapEntry &e : value.entries) set_provenance(e.value, provenance);
}

// Gives each value unknown after apply that the configuration computes from
// other resources the references of its expression, as the Terraform
// evaluator does for a .tf value (checker/terraform/values.h): rules that
// join resources (a replication's destination bucket, a load balancer's
// subnets, a backup selection's resources) follow them in a plan as in HCL.
void link_references(Node &body, const Node &expressions, const std::string &module) {
  if (!body.is_map() || !expressions.is_map()) return;
  for (MapEntry &e : body.entries) {
    const Node *configured = expressions.get(e.key);
    if (!configured) continue;
    if (is_configured_expression(*configured)) {
      const Node *refs = configured->get("references");
      if (refs && refs->is_list())
        if (auto provenance = reference_provenance(*refs, module)) set_provenance(e.value, provenance);
      continue;
    }
    // Nested blocks: the i-th block of the plan is the i-th block written.
    if (!configured->is_list() || !e.value.is_list() || configured->items.size() != e.value.items.size())
      continue;
    for (size_t i = 0; i < e.value.items.size(); ++i)
      link_references(e.value.items[i], configured->items[i], module);
  }
}

// The module part of a resource's plan address ("module.a[\"x\"]." of
// "module.a[\"x\"].aws_s3_bucket.b[0]"), "" in the root module.
std::string module_part(const std::string &address, const std::string &type) {
  if (address.rfind(type + ".", 0) == 0) return "";
  const size_t at = address.rfind("." + type + ".");
  return at == std::string::npos ? "" : address.substr(0, at + 1);
}

// An object the plan keeps holds its deployed values where the
// configuration leaves an attribute to the provider (plan_state.h).
void deployed_values(Node &body, Resource &r, const PlanState &state) {
  if (!state.keeps(r.address)) return;
  auto prior = state.prior.find(r.address);
  if (prior == state.prior.end()) return;
  auto drift = state.drift.find(r.address);
  take_deployed_values(body, *r.configuration, *prior->second,
                       drift == state.drift.end() ? nullptr : &drift->second, r.assumed_defaults);
}

// What the plan's `configuration` says: every resource's `expressions`, by
// its address in the configuration (module calls as `module.NAME.`, no
// index), and whether a provider sets default_tags.
struct PlanConfiguration {
  std::unordered_map<std::string, const Node *> resources;
  bool default_tags = false;
};

void add_resource(const Document &doc, const Node &item,
                  const std::unordered_map<std::string_view, const Node *> &unknowns,
                  const PlanConfiguration &configuration, const PlanState &state,
                  std::vector<Resource> &out) {
  const Node *address = item.get("address");
  if (!address || !address->is_string()) return;
  if (text_of(item, "mode") == "data") return;
  Resource r;
  r.address = address->text;
  r.type = text_of(item, "type");
  r.name = text_of(item, "name");
  r.provider = provider_family_of_terraform_type(r.type);
  r.format = DocKind::TerraformPlan;
  r.document = &doc;
  r.span = address->span;
  if (auto c = configuration.resources.find(configuration_address(r.address));
      c != configuration.resources.end())
    r.configuration = c->second;
  const Node *values = item.get("values");
  auto unknown = unknowns.find(r.address);
  if (values && values->is_map() && unknown == unknowns.end() && !r.configuration) {
    r.body = values;
  } else {
    auto body = std::make_shared<Node>(values && values->is_map() ? *values : Node::make_map(item.span));
    if (unknown != unknowns.end()) mark_unknown(*body, *unknown->second);
    if (r.configuration) {
      deployed_values(*body, r, state);
      drop_unconfigured(*body, *r.configuration, configuration.default_tags ? "tags_all" : "");
      link_references(*body, *r.configuration, module_part(r.address, r.type));
    }
    r.body = body.get();
    r.owned_body = std::move(body);
  }
  if (auto drift = state.drift.find(r.address); drift != state.drift.end())
    note_drift(*r.body, r.configuration, drift->second, r.assumed_defaults);
  out.push_back(std::move(r));
}

PlanConfiguration configured_resources(const Node &root) {
  PlanConfiguration out;
  const Node *config = root.get("configuration");
  if (const Node *providers = config && config->is_map() ? config->get("provider_config") : nullptr)
    for (const MapEntry &p : providers->entries)
      if (const Node *e = p.value.is_map() ? p.value.get("expressions") : nullptr;
          e && e->get("default_tags"))
        out.default_tags = true;
  const Node *module = config && config->is_map() ? config->get("root_module") : nullptr;
  std::vector<std::pair<const Node *, std::string>> stack;
  if (module) stack.emplace_back(module, "");
  while (!stack.empty()) {
    auto [m, prefix] = stack.back();
    stack.pop_back();
    if (!m->is_map()) continue;
    if (const Node *resources = m->get("resources"); resources && resources->is_list()) {
      for (const Node &r : resources->items) {
        const Node *address = r.is_map() ? r.get("address") : nullptr;
        const Node *expressions = r.is_map() ? r.get("expressions") : nullptr;
        if (address && address->is_string() && expressions && expressions->is_map())
          out.resources.emplace(prefix + address->text, expressions);
      }
    }
    if (const Node *calls = m->get("module_calls"); calls && calls->is_map()) {
      for (const MapEntry &call : calls->entries)
        if (const Node *child = call.value.is_map() ? call.value.get("module") : nullptr)
          stack.emplace_back(child, prefix + "module." + call.key + ".");
    }
  }
  return out;
}

}  // namespace

std::string configuration_address(std::string_view address) {
  std::string out;
  out.reserve(address.size());
  bool quoted = false;
  int depth = 0;
  for (size_t i = 0; i < address.size(); ++i) {
    const char c = address[i];
    if (depth > 0) {
      if (quoted && c == '\\') {
        ++i;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && c == ']') {
        --depth;
      }
      continue;
    }
    if (c == '[') {
      ++depth;
      continue;
    }
    out += c;
  }
  return out;
}

bool is_configured_expression(const Node &n) {
  return n.is_map() && (n.get("constant_value") || n.get("references"));
}

bool PlanChange::is(std::string_view action) const {
  return std::find(actions.begin(), actions.end(), action) != actions.end();
}

std::vector<PlanChange> plan_changes(const Document &doc) {
  std::vector<PlanChange> out;
  const Node *root = plan_root(doc);
  const Node *changes = root ? root->get("resource_changes") : nullptr;
  if (!changes || !changes->is_list()) return out;
  for (const auto &item : changes->items) {
    if (!item.is_map()) continue;
    PlanChange c;
    c.address = text_of(item, "address");
    c.module_address = text_of(item, "module_address");
    c.mode = text_of(item, "mode");
    c.type = text_of(item, "type");
    c.name = text_of(item, "name");
    if (const Node *a = item.get("address")) c.span = a->span;
    if (const Node *change = item.get("change"); change && change->is_map()) {
      if (const Node *actions = change->get("actions"); actions && actions->is_list()) {
        for (const auto &a : actions->items)
          if (a.is_string()) c.actions.push_back(a.text);
      }
      c.before = change->get("before");
      c.after = change->get("after");
      c.after_unknown = change->get("after_unknown");
    }
    out.push_back(std::move(c));
  }
  return out;
}

std::vector<Resource> plan_resources(const Document &doc) {
  std::vector<Resource> out;
  const Node *root = plan_root(doc);
  if (!root) return out;
  const Node *values = root->get("planned_values");
  if (!values) values = root->get("values");  // `terraform show -json` of a state
  const Node *module = values && values->is_map() ? values->get("root_module") : nullptr;
  if (!module) return out;

  const PlanConfiguration configuration = configured_resources(*root);
  const PlanState state = plan_state(*root);
  std::vector<PlanChange> changes = plan_changes(doc);
  std::unordered_map<std::string_view, const Node *> unknowns;
  for (const auto &c : changes)
    if (c.after_unknown && has_unknown(*c.after_unknown)) unknowns.emplace(c.address, c.after_unknown);

  // Depth-first in document order: a module's resources, then its children.
  std::vector<const Node *> stack{module};
  while (!stack.empty()) {
    const Node *m = stack.back();
    stack.pop_back();
    if (!m->is_map()) continue;
    if (const Node *resources = m->get("resources"); resources && resources->is_list()) {
      for (const auto &item : resources->items)
        if (item.is_map()) add_resource(doc, item, unknowns, configuration, state, out);
    }
    if (const Node *children = m->get("child_modules"); children && children->is_list()) {
      for (auto it = children->items.rbegin(); it != children->items.rend(); ++it) stack.push_back(&*it);
    }
  }
  return out;
}

}  // namespace clause
