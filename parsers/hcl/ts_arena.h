#pragma once
// tree-sitter's allocations for one file, from one region released at once.
//
// A parse allocates a great many small objects (subtrees, stack nodes, the
// lexer's and cursors' arrays) and deleting its tree frees them one by one:
// malloc, free and the tree's deletion were about a quarter of the CPU time
// of `clause scan --parse-only` (docs/performance.md). While an ArenaScope
// lives on a thread, every allocation tree-sitter makes on that thread comes
// from the thread's arena and its frees do nothing; the scope's end releases
// the region at once, so the tree and the parser need not be deleted piece
// by piece.
//
// The rule that keeps this sound: nothing tree-sitter allocates inside a
// scope is used after it (the parser, the tree and the cursors of one file
// are created inside and dropped with it), and nothing it allocated outside
// a scope is freed or grown inside one. Outside every scope tree-sitter
// allocates with malloc as usual. The grammar's scanner allocates with
// malloc directly, never through the arena.
#include <cstddef>

namespace clause::hcl {

class ArenaScope {
 public:
  ArenaScope();
  ~ArenaScope();
  ArenaScope(const ArenaScope &) = delete;
  ArenaScope &operator=(const ArenaScope &) = delete;

  // Bytes handed out in this scope so far (tests).
  size_t allocated() const;

 private:
  bool outermost_;  // only the outermost scope on a thread releases the arena
};

}  // namespace clause::hcl
