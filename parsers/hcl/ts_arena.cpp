#include "parsers/hcl/ts_arena.h"

#include <tree_sitter/api.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <vector>

#if defined(__SANITIZE_ADDRESS__)
#define CLAUSE_ARENA_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer)
#define CLAUSE_ARENA_SANITIZED 1
#endif
#endif

namespace clause::hcl {
namespace {

#ifdef CLAUSE_ARENA_SANITIZED
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif

// Every allocation is preceded by its size (for realloc) and aligned as
// malloc's are.
constexpr size_t kAlign = 16;
constexpr size_t kHeader = 16;
constexpr size_t kBlockSize = size_t{256} << 10;
// Blocks kept from one file to the next (8 MiB): a thread parsing many
// small files reuses them; a large file's extra blocks go back to malloc.
constexpr size_t kBlocksKept = 32;

[[noreturn]] void out_of_memory(size_t size) {
  std::fprintf(stderr, "clause: failed to allocate %zu bytes for the HCL parser\n", size);
  std::abort();
}

class Arena {
 public:
  ~Arena() { release(0); }

  void *allocate(size_t size) {
    const size_t rounded = round_up(size);
    if (rounded <= kLargestRecycled && rounded > 0) {
      if (void *&head = free_[rounded / kAlign - 1]) {
        void *p = head;
        std::memcpy(&head, p, sizeof head);
        std::memcpy(static_cast<char *>(p) - kHeader, &size, sizeof size);
        allocated_ += size;
        return p;
      }
    }
    const size_t need = kHeader + rounded;
    if (need > static_cast<size_t>(end_ - next_)) new_block(need);
    char *p = next_;
    next_ += need;
    last_ = p;
    allocated_ += size;
    std::memcpy(p, &size, sizeof size);
    return p + kHeader;
  }

  // A small allocation's room goes on the list of its size, for the next
  // allocation of that size: a parse frees and allocates small objects
  // (subtrees, stack nodes) all along, and an error-ridden file would
  // otherwise grow the arena with every one. Larger ones wait for the reset.
  void recycle(void *ptr) {
    size_t size = 0;
    std::memcpy(&size, static_cast<char *>(ptr) - kHeader, sizeof size);
    const size_t rounded = round_up(size);
    if (rounded > kLargestRecycled || rounded == 0) return;
    void *&head = free_[rounded / kAlign - 1];
    std::memcpy(ptr, &head, sizeof head);
    head = ptr;
  }

  void *grow(void *ptr, size_t size) {
    char *p = static_cast<char *>(ptr) - kHeader;
    size_t old = 0;
    std::memcpy(&old, p, sizeof old);
    if (size <= old) return ptr;
    // The last allocation grows in place when its block has room.
    if (p == last_ && static_cast<size_t>(end_ - p) >= kHeader + round_up(size)) {
      next_ = p + kHeader + round_up(size);
      allocated_ += size - old;
      std::memcpy(p, &size, sizeof size);
      return ptr;
    }
    void *moved = allocate(size);
    std::memcpy(moved, ptr, old);
    recycle(ptr);
    return moved;
  }

  // Back to empty; the first blocks are kept for the next file (none under
  // a sanitizer, so that a use after the scope is caught).
  void reset() { release(kSanitized ? 0 : kBlocksKept); }

  size_t allocated() const { return allocated_; }

 private:
  static size_t round_up(size_t n) { return (n + kAlign - 1) & ~(kAlign - 1); }

  void new_block(size_t need) {
    // A block already held (kept from an earlier file) is used when it is
    // large enough; an allocation larger than a block gets its own.
    while (used_ < blocks_.size() && blocks_[used_].size < need) ++used_;
    if (used_ == blocks_.size()) {
      const size_t size = need > kBlockSize ? need : kBlockSize;
      char *data = static_cast<char *>(std::aligned_alloc(kAlign, round_up(size)));
      if (!data) out_of_memory(size);
      blocks_.push_back(Block{data, size});
    }
    Block &b = blocks_[used_++];
    next_ = b.data;
    end_ = b.data + b.size;
    last_ = nullptr;
  }

  void release(size_t keep) {
    // Only standard-size blocks are worth keeping.
    std::vector<Block> kept;
    for (Block &b : blocks_) {
      if (kept.size() < keep && b.size == kBlockSize) {
        kept.push_back(b);
      } else {
        std::free(b.data);
      }
    }
    blocks_ = std::move(kept);
    used_ = 0;
    next_ = end_ = last_ = nullptr;
    allocated_ = 0;
    for (void *&head : free_) head = nullptr;
  }

  struct Block {
    char *data;
    size_t size;
  };
  static constexpr size_t kLargestRecycled = 512;
  std::vector<Block> blocks_;
  void *free_[kLargestRecycled / kAlign] = {};  // by rounded size: a list linked through the rooms
  size_t used_ = 0;                             // blocks_[0, used_) hold this scope's allocations
  char *next_ = nullptr;
  char *end_ = nullptr;
  char *last_ = nullptr;  // the latest allocation's header, for growing in place
  size_t allocated_ = 0;
};

thread_local Arena *active = nullptr;

Arena &thread_arena() {
  thread_local Arena arena;
  return arena;
}

void *arena_malloc(size_t size) {
  if (active) return active->allocate(size);
  void *p = std::malloc(size);
  if (!p && size) out_of_memory(size);
  return p;
}

void *arena_calloc(size_t count, size_t size) {
  if (active) {
    if (size && count > static_cast<size_t>(-1) / size) out_of_memory(static_cast<size_t>(-1));
    void *p = active->allocate(count * size);
    std::memset(p, 0, count * size);
    return p;
  }
  void *p = std::calloc(count, size);
  if (!p && count && size) out_of_memory(count * size);
  return p;
}

void *arena_realloc(void *ptr, size_t size) {
  if (active) return ptr ? active->grow(ptr, size) : active->allocate(size);
  void *p = std::realloc(ptr, size);
  if (!p && size) out_of_memory(size);
  return p;
}

void arena_free(void *ptr) {
  if (!active) {
    std::free(ptr);
  } else if (ptr) {
    active->recycle(ptr);
  }
}

void install() {
  static std::once_flag once;
  std::call_once(once, [] { ts_set_allocator(arena_malloc, arena_calloc, arena_realloc, arena_free); });
}

}  // namespace

// A scope opened inside another on the same thread (a parse within a
// parse) adds to the outer scope's arena and releases nothing: the outer
// scope's tree is still in use.
ArenaScope::ArenaScope() : outermost_(active == nullptr) {
  install();
  active = &thread_arena();
}

ArenaScope::~ArenaScope() {
  if (!outermost_) return;
  active->reset();
  active = nullptr;
}

size_t ArenaScope::allocated() const { return active ? active->allocated() : 0; }

}  // namespace clause::hcl
