// The parties behind the infrastructure against the agreement's parties:
// every Terraform provider that handles data is a disclosed sub-processor
// (5.1), and the cloud account notifies the contacts the agreement names
// (5.6).
#include <cctype>
#include <map>
#include <set>

#include "checker/crossdoc/judge.h"
#include "checker/model/ascii.h"
#include "checker/model/attribute.h"

namespace clause::crossdoc {
namespace {

// "registry.terraform.io/HashiCorp/AWS" -> "hashicorp/aws".
std::string normalise_source(std::string source) {
  source = ascii_lower(source);
  for (const char *host : {"registry.terraform.io/", "registry.opentofu.org/"})
    if (source.rfind(host, 0) == 0) source = source.substr(std::string(host).size());
  if (source.find('/') == std::string::npos) source = "hashicorp/" + source;
  return source;
}

struct UsedProvider {
  std::string source;  // normalised
  const Document *doc = nullptr;
  Span span;
};

// The providers a Terraform configuration uses: required_providers
// entries, provider blocks and resource type prefixes not declared.
std::vector<UsedProvider> used_providers(const Project &project) {
  std::map<std::string, UsedProvider> by_source;
  std::map<std::string, std::string> local_names;  // local name -> source
  auto add = [&](const std::string &source, const Document *doc, Span span) {
    by_source.emplace(source, UsedProvider{source, doc, span});
  };
  for (const auto &doc : project.documents) {
    if (doc->kind != DocKind::Terraform) continue;
    for (const auto &b : doc->blocks) {
      if (b.type != "terraform") continue;
      for (const Node *rp : read_attribute(&b.body, "required_providers", kFirstElement).elements()) {
        for (const auto &e : rp->entries) {
          std::string source = e.key;
          Span span = entry_span(e);
          if (e.value.is_map()) {
            if (const MapEntry *s = e.value.entry("source"); s && s->value.is_string()) {
              source = s->value.text;
              span = entry_span(*s);
            }
          }
          source = normalise_source(source);
          local_names[e.key] = source;
          add(source, doc.get(), span);
        }
      }
    }
  }
  for (const auto &doc : project.documents) {
    if (doc->kind != DocKind::Terraform) continue;
    for (const auto &b : doc->blocks) {
      std::string name;
      if (b.type == "provider" && b.labels.size() == 1) name = b.labels[0];
      if ((b.type == "resource" || b.type == "data") && b.labels.size() == 2)
        name = b.labels[0].substr(0, b.labels[0].find('_'));
      if (name.empty() || local_names.count(name)) continue;
      add(normalise_source(name), doc.get(), b.header);
    }
  }
  std::vector<UsedProvider> out;
  for (auto &[_, p] : by_source) out.push_back(p);
  return out;
}

// Providers that only compute values or manage what another disclosed
// provider hosts.
const std::set<std::string> &not_data_processors() {
  static const std::set<std::string> kProviders = {
      "hashicorp/random",     "hashicorp/null",      "hashicorp/local",     "hashicorp/tls",
      "hashicorp/time",       "hashicorp/archive",   "hashicorp/external",  "hashicorp/http",
      "hashicorp/template",   "hashicorp/cloudinit", "hashicorp/terraform", "terraform.io/builtin/terraform",
      "hashicorp/kubernetes", "hashicorp/helm"};
  return kProviders;
}

// CL-0173 ctx.x-subprocessor-providers
void subprocessor_providers(const NativeCheckContext &ctx) {
  if (!has_agreement(ctx.project())) return;
  Judge judge(ctx);
  auto providers = used_providers(ctx.project());
  if (providers.empty()) return;
  std::set<std::string> extra_ignored;
  if (const Node *p = ctx.param("ignoreProviders"); p && p->is_list())
    for (const auto &item : p->items)
      if (item.is_string()) extra_ignored.insert(normalise_source(item.text));
  for (const AgreementView &a : agreements(ctx.project())) {
    Promised list = a.field("supplyChain.subprocessors");
    Promised none = a.field("supplyChain.none");
    bool declares_none = none.node && none.node->kind == NodeKind::Bool && none.node->boolean;
    if (!list.node && !declares_none) continue;    // nothing disclosed either way: agreement rules report it
    std::map<std::string, std::string> disclosed;  // source -> sub-processor name
    for (const Node *s : read_attribute(&a.root(), "supplyChain.subprocessors", kFirstElement).elements())
      for (const Node *src : read_attribute(s, "iacProviders", kFirstElement).elements())
        if (src->is_string())
          disclosed[normalise_source(src->text)] =
              read_attribute(s, "name", kFirstElement).as_string().value_or("?");
    Promised where = list.node ? list : none;
    for (const auto &p : providers) {
      if (not_data_processors().count(p.source) || extra_ignored.count(p.source)) continue;
      if (disclosed.count(p.source)) {
        judge.pass();
        continue;
      }
      ctx.report(*p.doc, p.span,
                 "The infrastructure uses the Terraform provider " + p.source +
                     " but the agreement's sub-processor "
                     "list (" +
                     a.where(where.span) +
                     ") does not disclose it: whoever runs it handles customer data "
                     "the customer was not told about",
                 "provider " + p.source,
                 {a.related(where, declares_none ? "the agreement states that no sub-processor is used"
                                                 : "the disclosed sub-processors and their IaC providers")});
    }
  }
}

struct AccountContact {
  const IndexedResource *resource;
  Attribute email;
  std::vector<std::string> functions;  // agreement contact functions it stands for
  std::string kind;                    // "SECURITY", ...
};

std::vector<AccountContact> account_contacts(const ResourceIndex &index) {
  std::vector<AccountContact> out;
  auto function_of = [](const std::string &kind) -> std::vector<std::string> {
    if (kind == "SECURITY") return {"security"};
    if (kind == "OPERATIONS" || kind == "TECHNICAL") return {"technical"};
    if (kind == "BILLING") return {"commercial"};
    if (kind == "ALL") return {"security", "technical", "commercial"};
    return {};
  };
  for (const IndexedResource *r : index.of_type("aws_account_alternate_contact")) {
    auto kind = read_attribute(r->body(), "alternate_contact_type", kFirstElement).as_string();
    if (!kind) continue;
    out.push_back(AccountContact{r, read_attribute(r->body(), "email_address", kFirstElement),
                                 function_of(*kind), *kind});
  }
  for (const IndexedResource *r : index.of_type("google_essential_contacts_contact")) {
    std::vector<std::string> functions;
    std::string kinds;
    for (const Node *c :
         read_attribute(r->body(), "notification_category_subscriptions", kFirstElement).elements())
      if (c->is_string()) {
        for (auto &f : function_of(c->text)) functions.push_back(f);
        kinds += (kinds.empty() ? "" : ", ") + c->text;
      }
    out.push_back(AccountContact{r, read_attribute(r->body(), "email", kFirstElement), functions, kinds});
  }
  for (const IndexedResource *r : index.of_type("azurerm_security_center_contact"))
    out.push_back(
        AccountContact{r, read_attribute(r->body(), "email", kFirstElement), {"security"}, "security"});
  return out;
}

// CL-0670 rel.x-account-contacts
void account_contacts_check(const NativeCheckContext &ctx) {
  if (!has_agreement(ctx.project())) return;
  const ResourceIndex &index = resource_index(ctx.project());
  Judge judge(ctx);
  auto contacts = account_contacts(index);
  if (contacts.empty()) return;
  for (const AgreementView &a : agreements(ctx.project())) {
    std::map<std::string, Promised> emails;  // CSP contact function -> email field
    for (const Node *party : read_attribute(&a.root(), "parties", kFirstElement).elements()) {
      if (read_attribute(party, "role", kFirstElement).as_string() != std::string("cloud-service-provider"))
        continue;
      for (const Node *c : read_attribute(party, "contacts", kFirstElement).elements()) {
        auto function = read_attribute(c, "function", kFirstElement).as_string();
        Attribute email = read_attribute(c, "email", kFirstElement);
        if (function && email.as_string())
          emails.emplace(*function, Promised{email.node, email.span_or(email.node->span)});
      }
    }
    for (const AccountContact &c : contacts) {
      for (const std::string &function : c.functions) {
        auto it = emails.find(function);
        if (it == emails.end()) continue;
        if (c.email.unknown()) {
          judge.undecided(*c.resource, c.email);
          continue;
        }
        auto registered = c.email.as_string();
        if (!registered) continue;
        const std::string &promised = it->second.node->text;
        if (ascii_lower(*registered) == ascii_lower(promised)) {
          judge.pass();
          continue;
        }
        judge.fail(*c.resource, Membership{Membership::State::Yes, ""},
                   c.email.span_or(c.resource->resource->span),
                   "The agreement names " + promised + " as the provider's " + function + " contact (" +
                       a.where(it->second.span) + ") but the cloud account sends its " + c.kind +
                       " notices to " + *registered,
                   {a.related(it->second, "the agreement's " + function + " contact")});
      }
    }
  }
}

const NativeCheckRegistrar reg_providers("CL-0173", &subprocessor_providers);
const NativeCheckRegistrar reg_contacts("CL-0670", &account_contacts_check);

}  // namespace
}  // namespace clause::crossdoc
