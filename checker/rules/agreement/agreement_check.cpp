#include "checker/rules/agreement/agreement_check.h"

#include <cstdio>

#include "checker/agreement/agreement_schema.h"

namespace clause::agreement {
namespace {

Span field_span(const Field &f) {
  if (!f.node) return {};
  if (!f.entry || !f.entry->key_span.valid()) return f.node->span;
  if (!f.node->span.valid()) return f.entry->key_span;
  Span s = f.node->span;
  s.start_line = f.entry->key_span.start_line;
  s.start_col = f.entry->key_span.start_col;
  s.start_offset = f.entry->key_span.start_offset;
  return s;
}

// The same name the loader gives the agreement's pseudo-resource, so that
// declarative and native findings on one agreement carry one resource.
std::string resource_name(const AgreementDoc &a) {
  Field id = field_at(*a.root, "metadata.id");
  return "agreement " + (id.present() && id.node->kind == NodeKind::String ? id.text() : a.doc->path);
}

}  // namespace

std::vector<AgreementDoc> agreements_in(const Project &project) {
  std::vector<AgreementDoc> out;
  for (const auto &doc : project.documents) {
    if (doc->kind != DocKind::Agreement) continue;
    for (const Node &root : doc->roots) {
      const Node *kind = root.get("kind");
      if (kind && kind->kind == NodeKind::String && kind->text == kAgreementKind)
        out.push_back(AgreementDoc{doc.get(), &root});
    }
  }
  return out;
}

const std::vector<Node> &Field::items() const {
  static const std::vector<Node> kNone;
  return is_list() ? node->items : kNone;
}

std::string Field::text() const { return node && node->is_scalar() ? node->scalar_text() : std::string(); }

Field field(const Node *map, std::string_view key) {
  if (!map || map->kind != NodeKind::Map) return {};
  const MapEntry *e = map->entry(key);
  return e ? Field{&e->value, e} : Field{};
}

Field field(const Field &map, std::string_view key) { return field(map.node, key); }

Field field_at(const Node &root, std::string_view dotted) {
  Field f{&root, nullptr};
  while (!dotted.empty()) {
    size_t dot = dotted.find('.');
    f = field(f.node, dotted.substr(0, dot));
    if (!f.node) return {};
    dotted = dot == std::string_view::npos ? std::string_view() : dotted.substr(dot + 1);
  }
  return f;
}

void AgreementReporter::at(const Field &f, std::string message) const {
  Span span = field_span(f);
  if (!span.valid()) return at_kind(std::move(message));
  ctx_.report(*agreement_.doc, span, std::move(message), resource_name(agreement_));
}

void AgreementReporter::at_path(std::string_view dotted, std::string message) const {
  Field deepest;
  Field f{agreement_.root, nullptr};
  while (!dotted.empty()) {
    size_t dot = dotted.find('.');
    f = field(f.node, dotted.substr(0, dot));
    if (!f.node) break;
    deepest = f;
    dotted = dot == std::string_view::npos ? std::string_view() : dotted.substr(dot + 1);
  }
  if (deepest.node) return at(deepest, std::move(message));
  at_kind(std::move(message));
}

Field AgreementReporter::require(std::string_view dotted, std::string message) const {
  Field f = field_at(*agreement_.root, dotted);
  if (f.present()) return f;
  at_path(dotted, std::move(message));
  return {};
}

void AgreementReporter::at_kind(std::string message) const {
  const MapEntry *kind = agreement_.root->entry("kind");
  Span span = kind ? field_span(Field{&kind->value, kind}) : agreement_.root->span;
  ctx_.report(*agreement_.doc, span, std::move(message), resource_name(agreement_));
}

std::optional<int64_t> param_duration(const NativeCheckContext &ctx, std::string_view name) {
  const Node *p = ctx.param(name);
  return p ? parse_duration_seconds(*p) : std::nullopt;
}

std::optional<double> param_number(const NativeCheckContext &ctx, std::string_view name) {
  const Node *p = ctx.param(name);
  if (!p || p->kind != NodeKind::Number) return std::nullopt;
  return p->number;
}

std::optional<Date> param_date(const NativeCheckContext &ctx, std::string_view name) {
  const Node *p = ctx.param(name);
  if (!p || p->kind != NodeKind::String) return std::nullopt;
  return parse_date(p->text);
}

std::vector<std::string> param_strings(const NativeCheckContext &ctx, std::string_view name) {
  std::vector<std::string> out;
  const Node *p = ctx.param(name);
  if (!p || p->kind != NodeKind::List) return out;
  for (const auto &item : p->items)
    if (item.is_scalar()) out.push_back(item.scalar_text());
  return out;
}

std::string join_words(const std::vector<std::string> &words) {
  std::string out;
  for (size_t i = 0; i < words.size(); ++i) {
    if (i) out += (i + 1 == words.size()) ? " and " : ", ";
    out += words[i];
  }
  return out;
}

std::vector<std::string> ids_of(const Field &list, std::string_view key) {
  std::vector<std::string> out;
  for (const Node &item : list.items()) {
    Field id = field(&item, key);
    if (id.present() && id.node->is_scalar()) out.push_back(id.text());
  }
  return out;
}

std::vector<std::string> missing_fields(const Node *map, const std::vector<std::string> &names) {
  std::vector<std::string> out;
  for (const auto &name : names) {
    Field f = field(map, name);
    if (!f.present() || (f.is_list() && f.items().empty())) out.push_back(name);
  }
  return out;
}

std::string item_label(const Node &item, std::string_view what, std::string_view key) {
  std::string id = field(&item, key).text();
  return id.empty() ? "an unnamed " + std::string(what) : std::string(what) + " " + quoted(id);
}

bool measures_one_of(const Node &objective, const std::vector<std::string> &metric_ids) {
  Field metric = field(&objective, "metric");
  return metric.present() && contains(metric_ids, metric.text());
}

std::optional<double> numeric_target(const Node &objective) { return field(&objective, "target").percent(); }

std::string percent_text(double value) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.10g%%", value);
  return buf;
}

bool is_lower_bound(const Node &objective) {
  std::string cmp = field(&objective, "comparator").text();
  return cmp == ">=" || cmp == ">";
}

std::vector<std::string> strings_of(const Field &list) {
  std::vector<std::string> out;
  for (const Node &item : list.items())
    if (item.is_scalar()) out.push_back(item.scalar_text());
  return out;
}

bool contains(const std::vector<std::string> &values, std::string_view value) {
  for (const auto &v : values)
    if (v == value) return true;
  return false;
}

}  // namespace clause::agreement
