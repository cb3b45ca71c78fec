#pragma once
// The format-neutral value tree every parser produces. Terraform nested
// blocks become a List of Maps under their block type, as in plan JSON, so a
// rule path reads the same in every format.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "checker/model/location.h"

namespace clause {

enum class NodeKind : uint8_t { Null, Bool, Number, String, List, Map, Expression };

const char *node_kind_name(NodeKind kind);

struct MapEntry;
struct Expr;

struct Node {
  NodeKind kind = NodeKind::Null;
  // Set on a List built from repeated nested blocks (HCL `ingress {}`), and
  // on a Map that is a block body rather than an object value.
  bool from_block = false;
  bool boolean = false;
  // Set only on trees rendered from several files (kustomize): 1-based index
  // into the resource's RenderedFrom::origins, 0 for "written in the
  // resource's own document at this span". Fits in padding: no size cost.
  uint32_t origin = 0;
  double number = 0;
  // String value, or the source text of an Expression that could not be
  // evaluated, or the original spelling of a Number.
  std::string text;
  std::vector<Node> items;        // List
  std::vector<MapEntry> entries;  // Map, in source order; keys may repeat
  // Expression only: its structure, when the parser could build one (HCL).
  std::shared_ptr<const Expr> expr;
  Span span;

  static Node null(Span s = {});
  static Node make_bool(bool v, Span s = {});
  static Node make_number(double v, std::string spelling, Span s = {});
  static Node make_string(std::string v, Span s = {});
  static Node make_expression(std::string source, Span s = {});
  static Node make_list(Span s = {});
  static Node make_map(Span s = {});

  bool is_null() const { return kind == NodeKind::Null; }
  bool is_map() const { return kind == NodeKind::Map; }
  bool is_list() const { return kind == NodeKind::List; }
  bool is_string() const { return kind == NodeKind::String; }
  bool is_expression() const { return kind == NodeKind::Expression; }
  bool is_scalar() const {
    return kind == NodeKind::Bool || kind == NodeKind::Number || kind == NodeKind::String;
  }

  // Map access: the first entry with this key, or nullptr.
  const Node *get(std::string_view key) const;
  Node *get(std::string_view key);
  const MapEntry *entry(std::string_view key) const;
  // Appends an entry and returns the stored value.
  Node &add(std::string key, Node value, Span key_span = {});

  // A scalar rendered as text (numbers without trailing zeros, bools as
  // true/false); containers and expressions give their kind or source text.
  std::string scalar_text() const;
  // Total node count of this subtree (for limits and benchmarks).
  size_t subtree_size() const;
};

struct MapEntry {
  std::string key;
  Span key_span;
  Node value;
};

// Deep equality of two values with their types (1 != "1"); an Expression
// (a value not known statically) equals nothing, not even itself.
bool values_equal(const Node &a, const Node &b);

}  // namespace clause
