#include "checker/engine/path.h"

#include <charconv>

#include "checker/model/unknown.h"

namespace clause {

std::optional<AttributePath> parse_attribute_path(std::string_view text, std::string &error) {
  AttributePath path;
  size_t i = 0;
  if (text.empty()) {
    error = "empty attribute path";
    return std::nullopt;
  }
  while (i < text.size()) {
    if (text[i] == '[') {
      size_t close = text.find(']', i);
      if (close == std::string_view::npos) {
        error = "unclosed '[' in attribute path '" + std::string(text) + "'";
        return std::nullopt;
      }
      size_t idx = 0;
      auto digits = text.substr(i + 1, close - i - 1);
      auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), idx);
      if (ec != std::errc() || p != digits.data() + digits.size() || digits.empty()) {
        error = "index must be a number in attribute path '" + std::string(text) + "'";
        return std::nullopt;
      }
      path.push_back(PathStep{"", idx});
      i = close + 1;
    } else if (text[i] == '"') {
      size_t close = text.find('"', i + 1);
      if (close == std::string_view::npos) {
        error = "unclosed quote in attribute path '" + std::string(text) + "'";
        return std::nullopt;
      }
      path.push_back(PathStep{std::string(text.substr(i + 1, close - i - 1)), std::nullopt});
      i = close + 1;
    } else {
      size_t end = text.find_first_of(".[", i);
      if (end == std::string_view::npos) end = text.size();
      if (end == i) {
        error = "empty segment in attribute path '" + std::string(text) + "'";
        return std::nullopt;
      }
      path.push_back(PathStep{std::string(text.substr(i, end - i)), std::nullopt});
      i = end;
    }
    if (i < text.size() && text[i] == '.') {
      ++i;
      if (i == text.size()) {
        error = "trailing '.' in attribute path '" + std::string(text) + "'";
        return std::nullopt;
      }
    }
  }
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

namespace {

void resolve_from(const Node &node, const MapEntry *entry, const AttributePath &path, size_t at,
                  std::vector<PathHit> &out) {
  if (node.kind == NodeKind::Expression) {
    out.push_back(PathHit{&node, entry, at < path.size()});
    return;
  }
  // A CloudFormation intrinsic in the middle of a path ({"Fn::If": ...}
  // where a map was expected) hides what lies below it.
  if (at < path.size() && is_intrinsic(node) && path[at].key != node.entries.front().key) {
    out.push_back(PathHit{&node, entry, true});
    return;
  }
  if (at == path.size()) {
    out.push_back(PathHit{&node, entry, false});
    return;
  }
  const PathStep &step = path[at];
  if (node.kind == NodeKind::List) {
    if (step.index) {
      if (*step.index < node.items.size()) resolve_from(node.items[*step.index], nullptr, path, at + 1, out);
      return;
    }
    for (const auto &item : node.items) resolve_from(item, entry, path, at, out);
    return;
  }
  if (node.kind != NodeKind::Map || step.index) return;
  bool found = false;
  for (const auto &e : node.entries) {
    if (e.key != step.key) continue;
    found = true;
    resolve_from(e.value, &e, path, at + 1, out);
  }
  // A `dynamic "KEY"` block stands for blocks that only exist once its
  // for_each is known: the value is unknown, not absent.
  if (found) return;
  for (const auto &e : node.entries) {
    if (e.key != "dynamic" || !e.value.is_list()) continue;
    for (const auto &block : e.value.items)
      if (block.is_map() && block.text == step.key) out.push_back(PathHit{&block, &e, true});
  }
}

}  // namespace

void resolve_path(const Node &root, const AttributePath &path, std::vector<PathHit> &out) {
  resolve_from(root, nullptr, path, 0, out);
}

}  // namespace clause
