#include "checker/crossdoc/attributes.h"

#include <charconv>
#include <cmath>

#include "checker/model/unknown.h"

namespace clause::crossdoc {
namespace {

std::optional<double> parse_number(std::string_view s) {
  double d = 0;
  const char *first = s.data();
  const char *last = first + s.size();
  auto r = std::from_chars(first, last, d);
  if (r.ec != std::errc() || r.ptr != last || s.empty() || !std::isfinite(d)) return std::nullopt;
  return d;
}

}  // namespace

bool is_unknown(const Node &n) { return is_unknown_value(n); }

std::string unknown_text(const Node &n) { return unknown_input(n); }

std::optional<double> Attr::number() const {
  if (!known() || !node) return std::nullopt;
  if (node->kind == NodeKind::Number) return node->number;
  if (node->is_string()) return parse_number(node->text);
  return std::nullopt;
}

std::optional<bool> Attr::boolean() const {
  if (!known() || !node) return std::nullopt;
  if (node->kind == NodeKind::Bool) return node->boolean;
  if (node->is_string()) {
    if (node->text == "true" || node->text == "True") return true;
    if (node->text == "false" || node->text == "False") return false;
  }
  return std::nullopt;
}

std::optional<std::string> Attr::string() const {
  if (!known() || !node || !node->is_scalar()) return std::nullopt;
  return node->is_string() ? node->text : node->scalar_text();
}

Span entry_span(const MapEntry &entry) {
  Span s = entry.value.span.valid() ? entry.value.span : entry.key_span;
  if (entry.key_span.valid()) {
    s.start_line = entry.key_span.start_line;
    s.start_col = entry.key_span.start_col;
    s.start_offset = entry.key_span.start_offset;
  }
  return s;
}

Span Attr::span_or(const Span &fallback) const {
  if (entry && entry->key_span.valid()) return entry_span(*entry);
  if (node && node->span.valid()) return node->span;
  return fallback;
}

Attr attr(const Node *body, std::string_view path) {
  Attr out;
  const Node *cur = body;
  const MapEntry *entry = nullptr;
  while (cur) {
    if (is_unknown(*cur)) {
      out.state = Attr::State::Unknown;
      out.node = cur;
      out.entry = entry;
      return out;
    }
    if (path.empty()) break;
    if (cur->is_list()) {  // a single nested block on the way
      cur = cur->items.empty() ? nullptr : &cur->items.front();
      continue;
    }
    if (!cur->is_map()) return out;
    size_t dot = path.find('.');
    entry = cur->entry(path.substr(0, dot));
    path = dot == std::string_view::npos ? std::string_view() : path.substr(dot + 1);
    if (!entry) return out;
    cur = &entry->value;
  }
  if (!cur || cur->is_null()) return out;
  out.state = Attr::State::Known;
  out.node = cur;
  out.entry = entry;
  return out;
}

std::vector<const Node *> elements(const Node *body, std::string_view path) {
  std::vector<const Node *> out;
  const Node *cur = body;
  while (cur && !path.empty()) {
    if (cur->is_list()) {
      if (cur->items.empty()) return out;
      cur = &cur->items.front();
      continue;
    }
    if (!cur->is_map()) return out;
    size_t dot = path.find('.');
    cur = cur->get(path.substr(0, dot));
    path = dot == std::string_view::npos ? std::string_view() : path.substr(dot + 1);
  }
  if (!cur || is_unknown(*cur)) return out;
  if (cur->is_list()) {
    for (const auto &item : cur->items)
      if (!item.is_null()) out.push_back(&item);
  } else if (cur->is_map()) {
    out.push_back(cur);
  }
  return out;
}

std::optional<int64_t> google_duration_seconds(const Node &n) {
  if (!n.is_string() || n.text.size() < 2 || n.text.back() != 's') return std::nullopt;
  auto v = parse_number(std::string_view(n.text).substr(0, n.text.size() - 1));
  if (!v || *v < 0 || *v != std::floor(*v)) return std::nullopt;
  return static_cast<int64_t>(*v);
}

}  // namespace clause::crossdoc
