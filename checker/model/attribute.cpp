#include "checker/model/attribute.h"

#include <charconv>
#include <cmath>
#include <cstdlib>

#include "checker/model/unknown.h"

namespace clause {
namespace {

// A path step that borrows its key from the path's text or an AttributePath.
struct StepView {
  std::string_view key;
  std::optional<size_t> index;
};

// Splits `text` into steps; false and `error` set on a malformed path.
bool split_path(std::string_view text, std::vector<StepView> &steps, std::string &error) {
  size_t i = 0;
  if (text.empty()) {
    error = "empty attribute path";
    return false;
  }
  while (i < text.size()) {
    if (text[i] == '[') {
      size_t close = text.find(']', i);
      if (close == std::string_view::npos) {
        error = "unclosed '[' in attribute path '" + std::string(text) + "'";
        return false;
      }
      size_t idx = 0;
      auto digits = text.substr(i + 1, close - i - 1);
      auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), idx);
      if (ec != std::errc() || p != digits.data() + digits.size() || digits.empty()) {
        error = "index must be a number in attribute path '" + std::string(text) + "'";
        return false;
      }
      steps.push_back(StepView{{}, idx});
      i = close + 1;
    } else if (text[i] == '"') {
      size_t close = text.find('"', i + 1);
      if (close == std::string_view::npos) {
        error = "unclosed quote in attribute path '" + std::string(text) + "'";
        return false;
      }
      steps.push_back(StepView{text.substr(i + 1, close - i - 1), std::nullopt});
      i = close + 1;
    } else {
      size_t end = text.find_first_of(".[", i);
      if (end == std::string_view::npos) end = text.size();
      if (end == i) {
        error = "empty segment in attribute path '" + std::string(text) + "'";
        return false;
      }
      steps.push_back(StepView{text.substr(i, end - i), std::nullopt});
      i = end;
    }
    if (i < text.size() && text[i] == '.') {
      ++i;
      if (i == text.size()) {
        error = "trailing '.' in attribute path '" + std::string(text) + "'";
        return false;
      }
    }
  }
  return true;
}

struct Walk {
  const std::vector<StepView> &steps;
  ReadOptions options;
  bool first_only;  // stop at the first value reached
  std::vector<PathHit> &out;
};

void walk(const Node &node, const MapEntry *entry, size_t at, Walk &w) {
  if (w.first_only && !w.out.empty()) return;
  const size_t size = w.steps.size();
  if (w.options.unknowns && node.is_expression()) {
    w.out.push_back(PathHit{&node, entry, at < size});
    return;
  }
  // A CloudFormation intrinsic in the middle of a path ({"Fn::If": ...}
  // where a map was expected) hides what lies below it.
  if (w.options.unknowns && at < size && is_intrinsic(node) && w.steps[at].key != node.entries.front().key) {
    w.out.push_back(PathHit{&node, entry, true});
    return;
  }
  if (at == size) {
    w.out.push_back(PathHit{&node, entry, false});
    return;
  }
  const StepView &step = w.steps[at];
  if (node.is_list()) {
    if (step.index) {
      if (*step.index < node.items.size()) walk(node.items[*step.index], nullptr, at + 1, w);
      return;
    }
    switch (w.options.lists) {
      case ListStep::Stop: return;
      case ListStep::FirstBlock:
        if (!node.from_block) return;
        [[fallthrough]];
      case ListStep::First:
        if (!node.items.empty()) walk(node.items.front(), entry, at, w);
        return;
      case ListStep::Each:
        for (const auto &item : node.items) walk(item, entry, at, w);
        return;
    }
    return;
  }
  if (!node.is_map() || step.index) return;
  bool found = false;
  for (const auto &e : node.entries) {
    if (e.key != step.key) continue;
    found = true;
    walk(e.value, &e, at + 1, w);
    if (w.first_only) return;
  }
  // A `dynamic "KEY"` block stands for blocks that only exist once its
  // for_each is known: the value is unknown, not absent.
  if (found || !w.options.dynamic_blocks) return;
  for (const auto &e : node.entries) {
    if (e.key != "dynamic" || !e.value.is_list()) continue;
    for (const auto &block : e.value.items)
      if (block.is_map() && block.text == step.key) w.out.push_back(PathHit{&block, &e, true});
  }
}

std::optional<double> strict_number(std::string_view s) {
  double d = 0;
  const char *first = s.data();
  const char *last = first + s.size();
  auto r = std::from_chars(first, last, d);
  if (r.ec != std::errc() || r.ptr != last || s.empty() || !std::isfinite(d)) return std::nullopt;
  return d;
}

// The attribute the first value reached stands for.
Attribute from_hits(const std::vector<PathHit> &hits, ReadOptions options) {
  Attribute a;
  if (hits.empty()) return a;
  const PathHit &hit = hits.front();
  if (options.unknowns && (hit.through_unknown || is_unknown_value(*hit.node))) {
    a.state = Attribute::State::Unknown;
  } else if (hit.node->is_null()) {
    if (!options.locate_null) return a;
  } else {
    a.state = Attribute::State::Known;
  }
  a.node = hit.node;
  a.entry = hit.entry;
  return a;
}

}  // namespace

std::optional<AttributePath> parse_attribute_path(std::string_view text, std::string &error) {
  std::vector<StepView> steps;
  if (!split_path(text, steps, error)) return std::nullopt;
  AttributePath path;
  path.reserve(steps.size());
  for (const auto &s : steps) path.push_back(PathStep{std::string(s.key), s.index});
  return path;
}

std::string path_to_string(const AttributePath &path) {
  std::string out;
  for (const auto &step : path) {
    if (step.index) {
      out += "[" + std::to_string(*step.index) + "]";
      continue;
    }
    if (!out.empty()) out += '.';
    if (step.key.find('.') != std::string::npos) {
      out += '"' + step.key + '"';
    } else {
      out += step.key;
    }
  }
  return out;
}

void attribute_hits(const Node &root, const AttributePath &path, ReadOptions options,
                    std::vector<PathHit> &out) {
  std::vector<StepView> steps;
  steps.reserve(path.size());
  for (const auto &s : path) steps.push_back(StepView{s.key, s.index});
  Walk w{steps, options, false, out};
  walk(root, nullptr, 0, w);
}

Attribute read_attribute(const Node *root, std::string_view path, ReadOptions options) {
  Attribute a;
  if (!root) return a;
  // One of each per thread, reused: the rules and native checks read
  // attributes by the million, and nothing here calls back into this.
  thread_local std::vector<StepView> steps;
  thread_local std::vector<PathHit> hits;
  steps.clear();
  hits.clear();
  std::string error;
  if (!path.empty() && !split_path(path, steps, error)) return a;
  Walk w{steps, options, true, hits};
  walk(*root, nullptr, 0, w);
  return from_hits(hits, options);
}

Attribute read_entry(const Node *map, std::string_view key, ReadOptions options) {
  if (!map) return {};
  std::vector<StepView> steps{StepView{key, std::nullopt}};
  std::vector<PathHit> hits;
  Walk w{steps, options, true, hits};
  walk(*map, nullptr, 0, w);
  return from_hits(hits, options);
}

Attribute read_entry(const Attribute &map, std::string_view key, ReadOptions options) {
  return read_entry(map.node, key, options);
}

const std::vector<Node> &Attribute::items() const {
  static const std::vector<Node> kNone;
  return is_list() ? node->items : kNone;
}

std::string Attribute::text() const {
  return node && node->is_scalar() ? node->scalar_text() : std::string();
}

std::optional<bool> Attribute::as_bool() const {
  if (!known()) return std::nullopt;
  if (node->kind == NodeKind::Bool) return node->boolean;
  if (node->is_string()) {
    if (node->text == "true" || node->text == "True") return true;
    if (node->text == "false" || node->text == "False") return false;
  }
  return std::nullopt;
}

std::optional<double> Attribute::as_number() const {
  if (!known()) return std::nullopt;
  if (node->kind == NodeKind::Number) return node->number;
  if (node->is_string()) return strict_number(node->text);
  return std::nullopt;
}

std::optional<double> Attribute::as_c_number() const {
  if (!known()) return std::nullopt;
  if (node->kind == NodeKind::Number) return node->number;
  if (node->is_string() && !node->text.empty()) {
    char *end = nullptr;
    double d = std::strtod(node->text.c_str(), &end);
    if (end && *end == '\0') return d;
  }
  return std::nullopt;
}

std::optional<std::string> Attribute::as_string() const {
  if (!known() || !node->is_scalar()) return std::nullopt;
  return node->scalar_text();
}

std::vector<const Node *> Attribute::elements() const {
  std::vector<const Node *> out;
  if (!known()) return out;
  if (node->is_list()) {
    for (const auto &item : node->items)
      if (!item.is_null()) out.push_back(&item);
  } else if (node->is_map()) {
    out.push_back(node);
  }
  return out;
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

Span Attribute::span_or(const Span &fallback) const {
  if (entry && entry->key_span.valid()) return entry_span(*entry);
  if (node && node->span.valid()) return node->span;
  return fallback;
}

Span Attribute::key_to_node_span_or(const Span &fallback) const {
  if (!entry || !node) return fallback;
  Span at = entry->key_span;
  at.end_line = node->span.end_line;
  at.end_col = node->span.end_col;
  at.end_offset = node->span.end_offset;
  return at;
}

std::string Attribute::blocked_by() const { return node ? unknown_input(*node) : std::string(); }

}  // namespace clause
