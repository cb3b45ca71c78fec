// parsers/hcl/ts_arena: tree-sitter's allocations inside a scope come from
// the thread's arena; outside, from malloc.
#include "parsers/hcl/ts_arena.h"

#include <gtest/gtest.h>
#include <tree_sitter/api.h>

#include <cstring>
#include <string>

extern "C" {
const TSLanguage *tree_sitter_hcl(void);
// tree-sitter's allocation hooks (lib/src/alloc.c), which ts_set_allocator sets.
extern void *(*ts_current_malloc)(size_t);
extern void *(*ts_current_realloc)(void *, size_t);
extern void (*ts_current_free)(void *);
}

namespace clause::hcl {
namespace {

TEST(TsArena, TreeSittersAllocationsForAParseComeFromTheScope) {
  const std::string src = "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"x\"\n  tags = { a = 1 }\n}\n";
  ArenaScope scope;
  EXPECT_EQ(scope.allocated(), 0u);
  TSParser *parser = ts_parser_new();
  ts_parser_set_language(parser, tree_sitter_hcl());
  TSTree *tree = ts_parser_parse_string(parser, nullptr, src.data(), static_cast<uint32_t>(src.size()));
  ASSERT_NE(tree, nullptr);
  EXPECT_GT(scope.allocated(), 0u);
  const TSNode root = ts_tree_root_node(tree);
  EXPECT_STREQ(ts_node_type(root), "config_file");
  EXPECT_FALSE(ts_node_has_error(root));
  ts_parser_delete(parser);  // the scanner's own state is malloc's
}

TEST(TsArena, AFreedSmallRoomIsReusedAndAMovedAllocationKeepsItsBytes) {
  ArenaScope scope;
  void *a = ts_current_malloc(40);
  ts_current_free(a);
  EXPECT_EQ(ts_current_malloc(33), a);  // 33 and 40 both take 48 bytes

  char *grown = static_cast<char *>(ts_current_malloc(16));
  std::memcpy(grown, "0123456789abcdef", 16);
  ts_current_malloc(16);  // no longer the latest: growing moves it
  char *moved = static_cast<char *>(ts_current_realloc(grown, 4096));
  EXPECT_NE(moved, grown);
  EXPECT_EQ(std::string(moved, 16), "0123456789abcdef");
  // The latest allocation grows where it is.
  EXPECT_EQ(ts_current_realloc(moved, 8192), moved);
  EXPECT_EQ(std::string(moved, 16), "0123456789abcdef");
}

TEST(TsArena, AScopeInsideAnotherReleasesNothing) {
  ArenaScope outer;
  char *kept = static_cast<char *>(ts_current_malloc(32));
  std::memcpy(kept, "still the outer scope's bytes..", 32);
  {
    ArenaScope inner;
    void *p = ts_current_malloc(32);
    EXPECT_NE(p, kept);
  }
  EXPECT_EQ(std::string(kept), "still the outer scope's bytes..");
  EXPECT_GE(outer.allocated(), 64u);  // the inner scope's allocation is the outer arena's
}

TEST(TsArena, OutsideAScopeTreeSitterUsesMalloc) {
  {
    ArenaScope scope;  // installs the hooks
  }
  void *p = ts_current_malloc(64);
  ASSERT_NE(p, nullptr);
  std::memset(p, 1, 64);
  p = ts_current_realloc(p, 1 << 20);
  ts_current_free(p);  // malloc's free: a sanitizer build checks the pairing
  ArenaScope scope;
  EXPECT_EQ(scope.allocated(), 0u);
}

}  // namespace
}  // namespace clause::hcl
