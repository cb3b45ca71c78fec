#include "checker/terraform/budget.h"

#include <vector>

namespace clause::tf {

bool EvalBudget::charge(size_t nodes, size_t bytes, const Document *doc, const Span &where) {
  if (!spent_ && nodes <= max_nodes_ - nodes_ && bytes <= max_bytes_ - bytes_) {
    nodes_ += nodes;
    bytes_ += bytes;
    return true;
  }
  if (!overrun_) overrun_ = Location{doc ? doc->path : std::string(), where};
  spent_ = true;
  return false;
}

void EvalBudget::too_deep(const Document *doc, const Span &where) {
  if (!too_deep_) too_deep_ = Location{doc ? doc->path : std::string(), where};
}

bool EvalBudget::charge_copy(const Node &value, const Document *doc, const Span &where, size_t charged_nodes,
                             size_t charged_bytes) {
  if (spent_) return charge(1, 0, doc, where);
  const size_t node_room = max_nodes_ - nodes_ + charged_nodes,
               byte_room = max_bytes_ - bytes_ + charged_bytes;
  size_t nodes = 0, bytes = 0;
  // An explicit stack: values can be deeper than the call stack allows.
  // One per thread, reused: this runs for every value a reference copies.
  thread_local std::vector<std::pair<const Node *, size_t>> todo;
  todo.clear();
  todo.emplace_back(&value, 1);
  while (!todo.empty() && nodes <= node_room && bytes <= byte_room) {
    const auto [n, depth] = todo.back();
    todo.pop_back();
    if (depth > kMaxEvalNesting) {
      too_deep(doc, where);
      return false;
    }
    ++nodes;
    bytes += n->text.size();
    for (const auto &item : n->items) todo.emplace_back(&item, depth + 1);
    for (const auto &e : n->entries) {
      bytes += e.key.size();
      todo.emplace_back(&e.value, depth + 1);
    }
  }
  return charge(nodes > charged_nodes ? nodes - charged_nodes : 0,
                bytes > charged_bytes ? bytes - charged_bytes : 0, doc, where);
}

}  // namespace clause::tf
