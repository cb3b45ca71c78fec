#include "checker/model/compact.h"

namespace clause {

namespace {

// Recursion depth is bounded by the parsers' depth limits.
void shrink_node(Node &node) {
  node.items.shrink_to_fit();
  node.entries.shrink_to_fit();
  for (Node &item : node.items) shrink_node(item);
  for (MapEntry &entry : node.entries) shrink_node(entry.value);
}

}  // namespace

void shrink_to_fit(Expr &expr) {
  expr.args.shrink_to_fit();
  for (Expr &arg : expr.args) shrink_to_fit(arg);
}

void shrink_to_fit(Document &doc) {
  doc.blocks.shrink_to_fit();
  doc.roots.shrink_to_fit();
  doc.comments.shrink_to_fit();
  for (Block &block : doc.blocks) {
    block.labels.shrink_to_fit();
    shrink_node(block.body);
  }
  for (Node &root : doc.roots) shrink_node(root);
}

}  // namespace clause
