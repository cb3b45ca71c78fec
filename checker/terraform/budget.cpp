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

bool EvalBudget::charge_copy(const Node &value, const Document *doc, const Span &where, size_t charged_nodes,
                             size_t charged_bytes) {
  if (spent_) return charge(1, 0, doc, where);
  const size_t node_room = max_nodes_ - nodes_ + charged_nodes,
               byte_room = max_bytes_ - bytes_ + charged_bytes;
  size_t nodes = 0, bytes = 0;
  // An explicit stack: values can be deeper than the call stack allows.
  std::vector<const Node *> todo{&value};
  while (!todo.empty() && nodes <= node_room && bytes <= byte_room) {
    const Node *n = todo.back();
    todo.pop_back();
    ++nodes;
    bytes += n->text.size();
    for (const auto &item : n->items) todo.push_back(&item);
    for (const auto &e : n->entries) {
      bytes += e.key.size();
      todo.push_back(&e.value);
    }
  }
  return charge(nodes > charged_nodes ? nodes - charged_nodes : 0,
                bytes > charged_bytes ? bytes - charged_bytes : 0, doc, where);
}

}  // namespace clause::tf
