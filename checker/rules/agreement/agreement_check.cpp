#include "checker/rules/agreement/agreement_check.h"

#include <cstdio>

#include "checker/agreement/agreement_schema.h"

namespace clause::agreement {
namespace {

// The same name the loader gives the agreement's pseudo-resource, so that
// declarative and native findings on one agreement carry one resource.
std::string resource_name(const AgreementDoc &a) {
  Attribute id = read_attribute(a.root, "metadata.id", kPlainMaps);
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

void AgreementReporter::at(const Attribute &f, std::string message) const {
  Span span = f.span_or(Span{});
  if (!span.valid()) return at_kind(std::move(message));
  ctx_.report(*agreement_.doc, span, std::move(message), resource_name(agreement_));
}

void AgreementReporter::at_path(std::string_view dotted, std::string message) const {
  Attribute deepest;
  Attribute f = read_attribute(agreement_.root, "", kPlainMaps);
  while (!dotted.empty()) {
    size_t dot = dotted.find('.');
    f = read_entry(f.node, dotted.substr(0, dot), kPlainMaps);
    if (!f.node) break;
    deepest = f;
    dotted = dot == std::string_view::npos ? std::string_view() : dotted.substr(dot + 1);
  }
  if (deepest.node) return at(deepest, std::move(message));
  at_kind(std::move(message));
}

Attribute AgreementReporter::require(std::string_view dotted, std::string message) const {
  Attribute f = read_attribute(agreement_.root, dotted, kPlainMaps);
  if (f.present()) return f;
  at_path(dotted, std::move(message));
  return {};
}

void AgreementReporter::at_kind(std::string message) const {
  Attribute kind = read_entry(agreement_.root, "kind", kPlainMaps);
  Span span = kind.node ? kind.span_or(Span{}) : agreement_.root->span;
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

std::vector<std::string> ids_of(const Attribute &list, std::string_view key) {
  std::vector<std::string> out;
  for (const Node &item : list.items()) {
    Attribute id = read_entry(&item, key, kPlainMaps);
    if (id.present() && id.node->is_scalar()) out.push_back(id.text());
  }
  return out;
}

std::vector<std::string> missing_fields(const Node *map, const std::vector<std::string> &names) {
  std::vector<std::string> out;
  for (const auto &name : names) {
    Attribute f = read_entry(map, name, kPlainMaps);
    if (!f.present() || (f.is_list() && f.items().empty())) out.push_back(name);
  }
  return out;
}

std::string item_label(const Node &item, std::string_view what, std::string_view key) {
  std::string id = read_entry(&item, key, kPlainMaps).text();
  return id.empty() ? "an unnamed " + std::string(what) : std::string(what) + " " + quoted(id);
}

bool measures_one_of(const Node &objective, const std::vector<std::string> &metric_ids) {
  Attribute metric = read_entry(&objective, "metric", kPlainMaps);
  return metric.present() && contains(metric_ids, metric.text());
}

std::optional<double> numeric_target(const Node &objective) {
  return percent_of(read_entry(&objective, "target", kPlainMaps));
}

std::string percent_text(double value) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.10g%%", value);
  return buf;
}

bool is_lower_bound(const Node &objective) {
  std::string cmp = read_entry(&objective, "comparator", kPlainMaps).text();
  return cmp == ">=" || cmp == ">";
}

std::vector<std::string> strings_of(const Attribute &list) {
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
