#include "checker/crossdoc/agreement_view.h"

#include <cmath>

#include "checker/agreement/values.h"
#include "checker/model/attribute.h"

namespace clause::crossdoc {
namespace {

Promised promised(const Attribute &a) {
  Promised p;
  if (a.node && !a.unknown()) {
    p.node = a.node;
    p.span = a.span_or(a.node->span);
  }
  return p;
}

std::string text_at(const Node &map, std::string_view key) {
  const Node *v = map.get(key);
  return v && v->is_string() ? v->text : std::string();
}

bool mentions_availability(std::string_view s) {
  std::string lower(s);
  for (auto &c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower.find("availab") != std::string::npos || lower.find("uptime") != std::string::npos;
}

}  // namespace

AgreementView::AgreementView(const Resource &pseudo) : pseudo_(&pseudo) {
  for (const Node *s : read_attribute(&root(), "services", kFirstElement).elements()) {
    if (!s->is_map()) continue;
    Service svc;
    svc.node = s;
    svc.id = text_at(*s, "id");
    svc.id_field = promised(read_attribute(s, "id", kFirstElement));
    if (const MapEntry *sel = s->entry("infraSelector"); sel && sel->value.is_map()) {
      svc.selector = &sel->value;
      svc.selector_span = entry_span(*sel);
    }
    services_.push_back(std::move(svc));
  }
  for (const Node *o : read_attribute(&root(), "serviceLevels.objectives", kFirstElement).elements()) {
    if (!o->is_map()) continue;
    Objective obj;
    obj.node = o;
    obj.id = text_at(*o, "id");
    obj.service = text_at(*o, "service");
    obj.metric = text_at(*o, "metric");
    obj.metric_field = promised(read_attribute(o, "metric", kFirstElement));
    Attribute target = read_attribute(o, "target", kFirstElement);
    if (target.known()) {
      if (auto pct = agreement::parse_percent(*target.node)) {
        PercentPromise p;
        static_cast<Promised &>(p) = promised(target);
        p.value = *pct;
        obj.target = p;
      }
    }
    objectives_.push_back(std::move(obj));
  }
}

Promised AgreementView::field(std::string_view path) const {
  return promised(read_attribute(&root(), path, kFirstElement));
}

std::optional<DurationPromise> AgreementView::duration(std::string_view path) const {
  return duration_in(root(), path);
}

std::optional<DurationPromise> AgreementView::duration_in(const Node &map, std::string_view key) const {
  Promised p = promised(read_attribute(&map, key, kFirstElement));
  if (!p.node) return std::nullopt;
  auto seconds = agreement::parse_duration_seconds(*p.node);
  if (!seconds) return std::nullopt;
  DurationPromise d;
  static_cast<Promised &>(d) = p;
  d.seconds = *seconds;
  return d;
}

std::vector<std::string> AgreementView::strings(std::string_view path) const {
  std::vector<std::string> out;
  for (const Node *n : read_attribute(&root(), path, kFirstElement).elements())
    if (n->is_string()) out.push_back(n->text);
  return out;
}

const Service *AgreementView::service(std::string_view id) const {
  for (const auto &s : services_)
    if (s.id == id) return &s;
  return nullptr;
}

std::vector<const Objective *> AgreementView::availability_objectives() const {
  std::vector<const Objective *> out;
  for (const auto &o : objectives_) {
    if (!o.target || !agreement::percent_in_range(o.target->value)) continue;
    if (mentions_availability(o.metric) || mentions_availability(o.id)) out.push_back(&o);
  }
  return out;
}

std::string AgreementView::where(const Span &span) const {
  return document().path + ":" + std::to_string(span.start_line);
}

RelatedLocation AgreementView::related(const Promised &p, std::string message) const {
  return RelatedLocation{document().location(p.span), std::move(message)};
}

std::vector<AgreementView> agreements(const Project &project) {
  std::vector<AgreementView> out;
  for (const auto &r : project.resources)
    if (r.format == DocKind::Agreement && r.body && r.document) out.emplace_back(r);
  return out;
}

bool has_agreement(const Project &project) {
  for (const auto &r : project.resources)
    if (r.format == DocKind::Agreement && r.body && r.document) return true;
  return false;
}

std::string days_text(double days) {
  if (days == std::floor(days)) {
    long long d = static_cast<long long>(days);
    return std::to_string(d) + (d == 1 ? " day" : " days");
  }
  return agreement::format_duration(static_cast<int64_t>(days * agreement::kSecondsPerDay));
}

}  // namespace clause::crossdoc
