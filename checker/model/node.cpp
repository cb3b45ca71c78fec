#include "checker/model/node.h"

#include <cmath>
#include <cstdio>

namespace clause {

const char *node_kind_name(NodeKind kind) {
  switch (kind) {
    case NodeKind::Null: return "null";
    case NodeKind::Bool: return "bool";
    case NodeKind::Number: return "number";
    case NodeKind::String: return "string";
    case NodeKind::List: return "list";
    case NodeKind::Map: return "map";
    case NodeKind::Expression: return "expression";
  }
  return "?";
}

Node Node::null(Span s) {
  Node n;
  n.span = s;
  return n;
}

Node Node::make_bool(bool v, Span s) {
  Node n;
  n.kind = NodeKind::Bool;
  n.boolean = v;
  n.span = s;
  return n;
}

Node Node::make_number(double v, std::string spelling, Span s) {
  Node n;
  n.kind = NodeKind::Number;
  n.number = v;
  n.text = std::move(spelling);
  n.span = s;
  return n;
}

Node Node::make_string(std::string v, Span s) {
  Node n;
  n.kind = NodeKind::String;
  n.text = std::move(v);
  n.span = s;
  return n;
}

Node Node::make_expression(std::string source, Span s) {
  Node n;
  n.kind = NodeKind::Expression;
  n.text = std::move(source);
  n.span = s;
  return n;
}

Node Node::make_list(Span s) {
  Node n;
  n.kind = NodeKind::List;
  n.span = s;
  return n;
}

Node Node::make_map(Span s) {
  Node n;
  n.kind = NodeKind::Map;
  n.span = s;
  return n;
}

const MapEntry *Node::entry(std::string_view key) const {
  for (const auto &e : entries)
    if (e.key == key) return &e;
  return nullptr;
}

const Node *Node::get(std::string_view key) const {
  const MapEntry *e = entry(key);
  return e ? &e->value : nullptr;
}

Node *Node::get(std::string_view key) {
  for (auto &e : entries)
    if (e.key == key) return &e.value;
  return nullptr;
}

Node &Node::add(std::string key, Node value, Span key_span) {
  entries.push_back(MapEntry{std::move(key), key_span, std::move(value)});
  return entries.back().value;
}

static std::string format_number(double v) {
  if (std::isfinite(v) && v == std::floor(v) && std::fabs(v) < 1e15) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(v));
    return buf;
  }
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

std::string Node::scalar_text() const {
  switch (kind) {
    case NodeKind::Null: return "null";
    case NodeKind::Bool: return boolean ? "true" : "false";
    case NodeKind::Number: return format_number(number);
    case NodeKind::String:
    case NodeKind::Expression: return text;
    case NodeKind::List: return "[list]";
    case NodeKind::Map: return "{map}";
  }
  return "";
}

size_t Node::subtree_size() const {
  size_t n = 1;
  for (const auto &i : items) n += i.subtree_size();
  for (const auto &e : entries) n += e.value.subtree_size();
  return n;
}

bool values_equal(const Node &a, const Node &b) {
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case NodeKind::Null: return true;
    case NodeKind::Bool: return a.boolean == b.boolean;
    case NodeKind::Number: return a.number == b.number;
    case NodeKind::String: return a.text == b.text;
    case NodeKind::List:
      if (a.items.size() != b.items.size()) return false;
      for (size_t i = 0; i < a.items.size(); ++i)
        if (!values_equal(a.items[i], b.items[i])) return false;
      return true;
    case NodeKind::Map:
      if (a.entries.size() != b.entries.size()) return false;
      for (const auto &e : a.entries) {
        const Node *other = b.get(e.key);
        if (!other || !values_equal(e.value, *other)) return false;
      }
      return true;
    case NodeKind::Expression: return false;
  }
  return false;
}

}  // namespace clause
