// The catalogue and its tags against what is deployed: every catalogue
// entry has resources behind it and every tagged resource belongs to an
// entry (5.3), a dedicated customer has its tenant's resources (5.8), and
// every data category stored can be exported (5.14).
#include <map>
#include <optional>
#include <set>

#include "checker/crossdoc/judge.h"
#include "checker/model/attribute.h"
#include "checker/model/unknown.h"

namespace clause::crossdoc {
namespace {

std::string param_text(const NativeCheckContext &ctx, const char *name, const char *fallback) {
  const Node *p = ctx.param(name);
  return p && p->is_string() && !p->text.empty() ? p->text : fallback;
}

// Where a resource's own tags/labels write `key`; nullopt when the tag
// comes from elsewhere (AWS provider default_tags).
std::optional<Span> own_tag_span(const IndexedResource &r, const std::string &key) {
  for (const char *own : {"tags", "labels", "metadata.labels", "Properties.Tags"}) {
    Attribute tags = read_attribute(r.body(), own, kFirstElement);
    if (!tags.known()) continue;
    if (tags.node->is_map()) {
      if (const MapEntry *e = tags.node->entry(key)) return entry_span(*e);
    } else if (tags.node->is_list()) {
      for (const auto &item : tags.node->items)
        if (const MapEntry *k = item.entry("Key"); k && k->value.is_string() && k->value.text == key)
          return item.span;
    }
  }
  return std::nullopt;
}

Span tag_span(const IndexedResource &r, const std::string &key) {
  return own_tag_span(r, key).value_or(r.resource->span);
}

// The provider default_tags entries `key = value` of the project.
std::vector<std::pair<const Document *, const MapEntry *>> default_tag_entries(const Project &project,
                                                                               const std::string &key,
                                                                               const std::string &value) {
  std::vector<std::pair<const Document *, const MapEntry *>> out;
  for (const auto &doc : project.documents) {
    if (doc->kind != DocKind::Terraform) continue;
    for (const auto &b : doc->blocks) {
      if (b.type != "provider") continue;
      Attribute tags = read_attribute(&b.body, "default_tags.tags", kFirstElement);
      if (!tags.known() || !tags.node->is_map()) continue;
      const MapEntry *e = tags.node->entry(key);
      if (e && e->value.is_scalar() && e->value.scalar_text() == value) out.emplace_back(doc.get(), e);
    }
  }
  return out;
}

std::string selector_text(const Node &selector) {
  std::string out;
  for (const char *kind : {"tags", "k8sLabels"}) {
    const Node *m = selector.get(kind);
    if (!m || !m->is_map()) continue;
    for (const auto &e : m->entries) out += (out.empty() ? "" : ", ") + e.key + "=" + e.value.scalar_text();
  }
  for (const Node *mod : read_attribute(&selector, "modules", kFirstElement).elements())
    if (mod->is_string()) out += (out.empty() ? "" : ", ") + mod->text;
  return out.empty() ? "its selector" : out;
}

// CL-0370 cat.x-coverage
void coverage(const NativeCheckContext &ctx) {
  if (!has_agreement(ctx.project())) return;
  const ResourceIndex &index = resource_index(ctx.project());
  Judge judge(ctx);
  if (!index.has_infrastructure()) return;
  for (const AgreementView &a : agreements(ctx.project())) {
    for (const Service &s : a.services()) {
      if (!s.selector) continue;
      size_t certain = 0;
      std::string blocked;
      for (const auto &r : index.resources()) {
        Membership m = selects(*s.selector, r);
        if (m.yes())
          ++certain;
        else if (m.unknown() && blocked.empty())
          blocked = m.blocked_by;
      }
      if (certain > 0) {
        judge.pass();
        continue;
      }
      if (!blocked.empty()) {
        ctx.undecided(a.document(), s.selector_span, a.resource().address, blocked);
        continue;
      }
      judge.fail_at_agreement(a, s.selector_span,
                              "The catalogue entry " +
                                  (s.id.empty() ? std::string("of this service") : s.id) +
                                  " selects its resources by " + selector_text(*s.selector) +
                                  " but no resource in "
                                  "this scan matches: the entry has nothing deployed behind it",
                              {a.related(s.id_field, "the catalogue entry " + s.id)});
    }
  }
}

// CL-0371 cat.x-orphans
void orphans(const NativeCheckContext &ctx) {
  if (!has_agreement(ctx.project())) return;
  const ResourceIndex &index = resource_index(ctx.project());
  Judge judge(ctx);
  auto all = agreements(ctx.project());
  std::set<std::string> ids;
  const AgreementView *first = nullptr;
  for (const auto &a : all) {
    for (const auto &s : a.services())
      if (!s.id.empty()) ids.insert(s.id);
    if (!first && !a.services().empty()) first = &a;
  }
  if (!first) return;
  std::string key = param_text(ctx, "tagKey", "service");
  std::string listed;
  for (const auto &id : ids) listed += (listed.empty() ? "" : ", ") + id;
  Promised services = first->field("services");
  std::map<std::string, const IndexedResource *>
      inherited;  // orphan value from default tags -> first resource
  for (const auto &r : index.resources()) {
    const MapEntry *tag = r.tags.entry(key);
    if (!tag) continue;  // unknown tags may not even hold the key: not judged
    if (is_unknown_value(tag->value)) {
      judge.undecided(r, tag_span(r, key), unknown_input(tag->value));
      continue;
    }
    std::string value = tag->value.scalar_text();
    if (ids.count(value)) {
      judge.pass();
      continue;
    }
    auto own = own_tag_span(r, key);
    if (!own) {
      inherited.emplace(value, &r);
      continue;
    }
    judge.fail(r, Membership{Membership::State::Yes, ""}, *own,
               r.address() + " is tagged " + key + "=" + value + " but the agreement's catalogue (" +
                   first->where(services.span) + ") has no such service; it lists " + listed,
               {first->related(services, "the catalogue lists " + listed)});
  }
  // A value every resource inherits from provider default_tags is reported
  // once, where the default is written.
  for (const auto &[value, example] : inherited) {
    std::string message = "Resources here are tagged " + key + "=" + value +
                          " by default but the agreement's "
                          "catalogue (" +
                          first->where(services.span) + ") has no such service; it lists " + listed;
    std::vector<RelatedLocation> related{
        first->related(services, "the catalogue lists " + listed),
        RelatedLocation{example->resource->location(), "for example " + example->address() + " carries it"}};
    auto entries = default_tag_entries(ctx.project(), key, value);
    if (entries.empty()) {
      judge.fail(*example, Membership{Membership::State::Yes, ""}, example->resource->span, message,
                 std::move(related));
      continue;
    }
    for (const auto &[doc, entry] : entries)
      ctx.report(*doc, entry_span(*entry), message, "provider default_tags", related);
  }
}

// CL-0870 onb.x-tenant-binding
void tenant_binding(const NativeCheckContext &ctx) {
  if (!has_agreement(ctx.project())) return;
  const ResourceIndex &index = resource_index(ctx.project());
  Judge judge(ctx);
  if (!index.has_infrastructure()) return;
  std::string key = param_text(ctx, "tagKey", "tenant");
  for (const AgreementView &a : agreements(ctx.project())) {
    const Service *dedicated = nullptr;
    for (const auto &s : a.services())
      if (read_attribute(s.node, "deploymentModel", kFirstElement).as_string() == std::string("private"))
        dedicated = &s;
    if (!dedicated) continue;
    for (const Node *party : read_attribute(&a.root(), "parties", kFirstElement).elements()) {
      if (read_attribute(party, "role", kFirstElement).as_string() != std::string("cloud-service-customer"))
        continue;
      Attribute tenant = read_attribute(party, "tenantId", kFirstElement);
      auto id = tenant.as_string();
      if (!id) continue;
      bool found = false;
      std::string blocked;
      for (const auto &r : index.resources()) {
        if (r.tags.value(key) == *id)
          found = true;
        else if (r.tags.unknown_for(key) && blocked.empty())
          blocked = r.tags.blocked_by;
        if (r.resource->format == DocKind::Kubernetes) {
          if (r.type() == "Namespace" && r.resource->name == *id) found = true;
          if (read_attribute(r.body(), "metadata.namespace", kFirstElement).as_string() == *id) found = true;
        }
        if (found) break;
      }
      if (found) {
        judge.pass();
        continue;
      }
      Span at = tenant.span_or(tenant.node->span);
      if (!blocked.empty()) {
        ctx.undecided(a.document(), at, a.resource().address, blocked);
        continue;
      }
      judge.fail_at_agreement(a, at,
                              "The agreement gives the customer " + *id +
                                  " a dedicated (private) deployment of " + dedicated->id +
                                  " but no resource in this scan is tagged " + key + "=" + *id +
                                  " or lives in a namespace of that name",
                              {a.related(Promised{dedicated->node, dedicated->id_field.span},
                                         "the service is deployed privately for the customer")});
    }
  }
}

// CL-1470 xfer.x-coverage
void export_coverage(const NativeCheckContext &ctx) {
  if (!has_agreement(ctx.project())) return;
  const ResourceIndex &index = resource_index(ctx.project());
  Judge judge(ctx);
  std::string key = param_text(ctx, "tagKey", "data-category");
  for (const AgreementView &a : agreements(ctx.project())) {
    Promised formats = a.field("dataManagement.portability.formats");
    if (!formats.node) continue;
    std::set<std::string> exportable, internal;
    for (const Node *f :
         read_attribute(&a.root(), "dataManagement.portability.formats", kFirstElement).elements())
      if (auto c = read_attribute(f, "dataCategory", kFirstElement).as_string()) exportable.insert(*c);
    for (const Node *c : read_attribute(&a.root(), "dataManagement.categories", kFirstElement).elements())
      if (read_attribute(c, "exportable", kFirstElement).as_bool() == false)
        if (auto id = read_attribute(c, "id", kFirstElement).as_string()) internal.insert(*id);
    Binding binding(a, index);
    for (const auto &[r, m] : binding.scope([](const IndexedResource &r) { return r.data_bearing; })) {
      const MapEntry *tag = r->tags.entry(key);
      if (!tag) continue;
      if (is_unknown_value(tag->value)) {
        judge.undecided(*r, tag_span(*r, key), unknown_input(tag->value));
        continue;
      }
      std::string category = tag->value.scalar_text();
      if (exportable.count(category) || internal.count(category)) {
        judge.pass();
        continue;
      }
      judge.fail(*r, m, tag_span(*r, key),
                 r->address() + " stores data of category " + category +
                     " but the agreement's portability section (" + a.where(formats.span) +
                     ") names no export format for it, so the customer cannot take it along",
                 {a.related(formats, "the export formats the agreement promises")});
    }
  }
}

const NativeCheckRegistrar reg_coverage("CL-0370", &coverage);
const NativeCheckRegistrar reg_orphans("CL-0371", &orphans);
const NativeCheckRegistrar reg_tenant("CL-0870", &tenant_binding);
const NativeCheckRegistrar reg_export("CL-1470", &export_coverage);

}  // namespace
}  // namespace clause::crossdoc
