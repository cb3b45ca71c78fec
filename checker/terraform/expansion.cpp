#include "checker/terraform/expansion.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "checker/terraform/budget.h"
#include "checker/terraform/values.h"

namespace clause::tf {
namespace {

bool is_meta_argument(std::string_view key) {
  return key == "provider" || key == "depends_on" || key == "lifecycle" || key == "provisioner" ||
         key == "connection";
}

bool is_block_list(const Node &n) { return n.is_list() && n.from_block; }

// The list of `key` blocks in `body`, created after the existing entries
// when there is none yet.
Node &block_list(Node &body, const std::string &key, const Span &key_span, const Span &span) {
  for (auto &e : body.entries)
    if (e.key == key && is_block_list(e.value)) return e.value;
  Node fresh = Node::make_list(span);
  fresh.from_block = true;
  return body.add(key, std::move(fresh), key_span);
}

InstanceKey unknown_instance(const Node &meta, bool counted) {
  InstanceKey k;
  Node unknown =
      unknown_from({&meta}, meta.is_expression() ? meta.text : "(not known statically)", meta.span);
  if (counted) {
    k.counted = true;
    k.index = unknown;
  } else {
    k.each = true;
    k.key = unknown;
    k.value = unknown;
  }
  return k;
}

// The (key, value) pairs a for_each or dynamic block iterates over, or
// nullopt when they are not known. Maps go by key, in lexical order; sets
// of strings by value (`for_each`), lists by index (`dynamic`).
std::optional<std::vector<std::pair<Node, Node>>> iteration_pairs(const Node &v, bool strings_as_set) {
  std::vector<std::pair<Node, Node>> out;
  if (v.is_map()) {
    for (const auto &e : v.entries) out.emplace_back(Node::make_string(e.key, v.span), e.value);
    std::stable_sort(out.begin(), out.end(),
                     [](const auto &a, const auto &b) { return a.first.text < b.first.text; });
    return out;
  }
  if (!v.is_list()) return std::nullopt;
  if (strings_as_set) {
    for (const auto &item : v.items) {
      if (!item.is_string()) return std::nullopt;  // unknown, or not a set of strings
      out.emplace_back(item, item);
    }
    std::sort(out.begin(), out.end(),
              [](const auto &a, const auto &b) { return a.first.text < b.first.text; });
    out.erase(std::unique(out.begin(), out.end(),
                          [](const auto &a, const auto &b) { return a.first.text == b.first.text; }),
              out.end());
    return out;
  }
  for (size_t i = 0; i < v.items.size(); ++i)
    out.emplace_back(number_node(static_cast<double>(i), v.span), v.items[i]);
  return out;
}

bool has_dynamic(const Node &n) {
  if (n.is_map()) {
    for (const auto &e : n.entries) {
      if (e.key == "dynamic" && is_block_list(e.value)) return true;
      if (has_dynamic(e.value)) return true;
    }
  } else if (n.is_list()) {
    for (const auto &i : n.items)
      if (has_dynamic(i)) return true;
  }
  return false;
}

void expand_dynamic(const Node &dyn, const MapEntry &entry, const Scope &scope, Node &out, bool &truncated) {
  const std::string &label = dyn.text;
  const Node *content_list = dyn.get("content");
  if (label.empty() || !content_list || !content_list->is_list() || content_list->items.empty() ||
      !content_list->items[0].is_map())
    return;
  const Node &content = content_list->items[0];
  std::string iterator = label;
  if (const Node *it = dyn.get("iterator");
      it && it->is_expression() && it->expr && it->expr->op == Expr::Op::Variable)
    iterator = it->expr->name;
  const Node *for_each = dyn.get("for_each");
  Node collection = for_each ? evaluate_value(*for_each, scope) : unknown_value("(no for_each)", dyn.span);
  Node &list = block_list(out, label, entry.key_span, dyn.span);
  auto pairs = collection.is_expression() ? std::nullopt : iteration_pairs(collection, false);
  // How many blocks, if any, is not known: one entry every path into which
  // reads as unknown.
  auto unknown_blocks = [&] {
    list.items.push_back(unknown_from(
        {&collection},
        "dynamic \"" + label + "\" (for_each = " + (for_each ? for_each->text : std::string("?")) + ")",
        dyn.span));
  };
  if (!pairs || pairs->size() > kMaxInstancesPerBlock) {
    if (pairs) truncated = true;
    return unknown_blocks();
  }
  EvalBudget *budget = scope.budget;
  std::vector<Node> blocks;
  blocks.reserve(pairs->size());
  for (const auto &[key, value] : *pairs) {
    if (budget && budget->spent()) return unknown_blocks();
    const size_t nodes_before = budget ? budget->nodes_used() : 0;
    const size_t bytes_before = budget ? budget->bytes_used() : 0;
    Scope inner = scope;
    inner.iterators.push_back(Iterator{iterator, &key, &value});
    Node block = evaluate_body(content, inner, truncated);
    block.from_block = true;
    block.span = content.span;
    block.text.clear();
    if (const Node *labels = dyn.get("labels")) {
      Node l = evaluate_value(*labels, inner);
      if (l.is_list() && !l.items.empty() && l.items[0].is_string()) block.text = l.items[0].text;
    }
    // Each generated block is charged once, nested generated blocks and
    // values charged while it was built included.
    if (budget && !budget->charge_copy(block, scope.doc, dyn.span, budget->nodes_used() - nodes_before,
                                       budget->bytes_used() - bytes_before))
      return unknown_blocks();
    blocks.push_back(std::move(block));
  }
  for (auto &block : blocks) list.items.push_back(std::move(block));
}

}  // namespace

Expansion expand_instances(const Node &body, const Scope &scope) {
  Expansion out;
  const Node *count = body.get("count");
  const Node *for_each = body.get("for_each");
  if (count && !count->is_null()) {
    Node c = evaluate_value(*count, scope);
    std::optional<double> n;
    if (c.kind == NodeKind::Bool) {
      n = c.boolean ? 1 : 0;
    } else if (!c.is_expression()) {
      n = to_number_value(c);
    }
    if (!n || *n < 0 || *n != std::floor(*n)) {
      out.keys.push_back(unknown_instance(c.is_expression() ? c : *count, true));
      return out;
    }
    size_t total = static_cast<size_t>(std::min(*n, 1e9));
    out.truncated = total > kMaxInstancesPerBlock;
    for (size_t i = 0; i < std::min(total, kMaxInstancesPerBlock); ++i) {
      InstanceKey k;
      k.suffix = "[" + std::to_string(i) + "]";
      k.counted = true;
      k.index = number_node(static_cast<double>(i), count->span);
      out.keys.push_back(std::move(k));
    }
    return out;
  }
  if (for_each && !for_each->is_null()) {
    Node v = evaluate_value(*for_each, scope);
    auto pairs = v.is_expression() ? std::nullopt : iteration_pairs(v, true);
    if (!pairs) {
      out.keys.push_back(unknown_instance(v.is_expression() ? v : *for_each, false));
      return out;
    }
    out.truncated = pairs->size() > kMaxInstancesPerBlock;
    if (out.truncated) pairs->resize(kMaxInstancesPerBlock);
    for (auto &[key, value] : *pairs) {
      InstanceKey k;
      k.suffix = "[\"" + key.text + "\"]";
      k.each = true;
      k.key = std::move(key);
      k.value = std::move(value);
      out.keys.push_back(std::move(k));
    }
    return out;
  }
  out.keys.emplace_back();
  return out;
}

void bind_instance(Scope &scope, const InstanceKey &key) {
  if (key.counted) scope.count_index = &key.index;
  if (key.each) {
    scope.each_key = &key.key;
    scope.each_value = &key.value;
  }
}

bool body_needs_evaluation(const Node &body) { return needs_evaluation(body) || has_dynamic(body); }

Node evaluate_body(const Node &body, const Scope &scope, bool &truncated, size_t room) {
  Node out = Node::make_map(body.span);
  out.from_block = body.from_block;
  out.text = body.text;
  out.entries.reserve(body.entries.size() + room);
  for (const auto &e : body.entries) {
    if (e.key == "dynamic" && is_block_list(e.value)) {
      for (const auto &dyn : e.value.items)
        if (dyn.is_map()) expand_dynamic(dyn, e, scope, out, truncated);
      continue;
    }
    if (is_meta_argument(e.key)) {
      if (is_block_list(e.value)) {
        Node &list = block_list(out, e.key, e.key_span, e.value.span);
        for (const auto &item : e.value.items) list.items.push_back(item);
      } else {
        out.add(e.key, e.value, e.key_span);
      }
      continue;
    }
    if (is_block_list(e.value)) {
      Node &list = block_list(out, e.key, e.key_span, e.value.span);
      for (const auto &item : e.value.items)
        list.items.push_back(item.is_map() ? evaluate_body(item, scope, truncated)
                                           : evaluate_value(item, scope));
      continue;
    }
    out.add(e.key, evaluate_value(e.value, scope), e.key_span);
  }
  return out;
}

}  // namespace clause::tf
