#pragma once
// The children of a tree-sitter node, read once, in order.
//
// ts_node_child(n, i) and ts_node_named_child(n, i) walk from the first
// child on every call, so a loop over them is quadratic in the number of
// children: a 440 KB file of 50,000 comment lines took 50 s to parse. A tree
// cursor visits each child once; the walk's one cursor (WalkCursor) is reset
// onto each node (a new cursor allocates its stack). Only a node with one or two
// children is read by index, which is then as cheap. Up to kInline children
// are held in place, more in a vector.
//
//   for (TSNode child : Children(node)) ...
#include <tree_sitter/api.h>

#include <cstdint>
#include <optional>
#include <vector>

namespace clause::hcl {

// This thread's walk cursor (WalkCursor below), or null.
inline TSTreeCursor *&current_walk_cursor() {
  thread_local TSTreeCursor *cursor = nullptr;
  return cursor;
}

// A cursor of its own, for a Children outside any walk.
struct LocalCursor {
  TSTreeCursor cursor;
  explicit LocalCursor(TSNode n) : cursor(ts_tree_cursor_new(n)) {}
  ~LocalCursor() { ts_tree_cursor_delete(&cursor); }
  LocalCursor(const LocalCursor &) = delete;
  LocalCursor &operator=(const LocalCursor &) = delete;
};

class Children {
 public:
  explicit Children(TSNode parent, bool named_only = false) {
    const uint32_t count = named_only ? ts_node_named_child_count(parent) : ts_node_child_count(parent);
    if (count <= kByIndex) {
      for (uint32_t i = 0; i < count; ++i)
        inline_[i] = named_only ? ts_node_named_child(parent, i) : ts_node_child(parent, i);
      data_ = inline_;
      size_ = count;
      return;
    }
    if (count > kInline) many_.reserve(count);
    TSNode *out = count > kInline ? nullptr : inline_;
    std::optional<LocalCursor> local;
    TSTreeCursor &cursor = current_walk_cursor() ? walk_cursor(parent) : local.emplace(parent).cursor;
    if (ts_tree_cursor_goto_first_child(&cursor)) {
      do {
        const TSNode child = ts_tree_cursor_current_node(&cursor);
        if (named_only && !ts_node_is_named(child)) continue;
        if (out && size_ == kInline) {  // more than the count said: never past the array
          many_.assign(inline_, inline_ + size_);
          out = nullptr;
        }
        if (out) {
          out[size_++] = child;
        } else {
          many_.push_back(child);
        }
      } while (ts_tree_cursor_goto_next_sibling(&cursor));
    }
    data_ = out ? inline_ : many_.data();
    if (!out) size_ = static_cast<uint32_t>(many_.size());
  }
  Children(const Children &) = delete;
  Children &operator=(const Children &) = delete;

  const TSNode *begin() const { return data_; }
  const TSNode *end() const { return data_ + size_; }

 private:
  static constexpr uint32_t kByIndex = 2;
  static constexpr uint32_t kInline = 8;

  // The walk's cursor (WalkCursor), reset onto `node`; used only while a
  // Children is being built, so nested Children can share it.
  static TSTreeCursor &walk_cursor(TSNode node);

  TSNode inline_[kInline];
  std::vector<TSNode> many_;
  const TSNode *data_ = nullptr;
  uint32_t size_ = 0;
};

// The cursor every Children of one walk shares, on this thread, while it
// lives: one cursor is reset onto each node (a new cursor allocates its
// stack). Made after the tree and dropped before it (in the tree's arena
// scope: ts_arena.h). Without one, each Children makes its own.
class WalkCursor {
 public:
  explicit WalkCursor(TSNode root) : cursor_(ts_tree_cursor_new(root)) { current_walk_cursor() = &cursor_; }
  ~WalkCursor() {
    current_walk_cursor() = nullptr;
    ts_tree_cursor_delete(&cursor_);
  }
  WalkCursor(const WalkCursor &) = delete;
  WalkCursor &operator=(const WalkCursor &) = delete;

 private:
  TSTreeCursor cursor_;
};

inline TSTreeCursor &Children::walk_cursor(TSNode node) {
  TSTreeCursor &cursor = *current_walk_cursor();
  ts_tree_cursor_reset(&cursor, node);
  return cursor;
}

// Visits `root` and every node below it in document order, with a tree
// cursor: no recursion, however deep the input nests. `visit(node)` says
// whether to go into the node's children, pass them over, or stop.
enum class Walk { Descend, Skip, Stop };

template <typename Visit>
void preorder(TSNode root, Visit visit) {
  TSTreeCursor cursor = ts_tree_cursor_new(root);
  for (;;) {
    const Walk next = visit(ts_tree_cursor_current_node(&cursor));
    if (next == Walk::Stop) break;
    if (next == Walk::Descend && ts_tree_cursor_goto_first_child(&cursor)) continue;
    bool moved = false;
    do {
      moved = ts_tree_cursor_goto_next_sibling(&cursor);
    } while (!moved && ts_tree_cursor_goto_parent(&cursor));
    if (!moved) break;
  }
  ts_tree_cursor_delete(&cursor);
}

}  // namespace clause::hcl
