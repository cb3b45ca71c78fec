#include "checker/scan/batch.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "checker/scan/progress_line.h"

namespace clause {
namespace {

namespace fs = std::filesystem;

TEST(Batch, ParseShard) {
  auto s = parse_shard("2/5");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->index, 2u);
  EXPECT_EQ(s->count, 5u);
  EXPECT_TRUE(parse_shard("1/1"));
  for (const char *bad : {"0/3", "4/3", "3", "a/b", "1/", "/2", "1/2/3", "-1/2", " 1/2", ""}) {
    EXPECT_FALSE(parse_shard(bad)) << bad;
  }
}

TEST(Batch, RootsFile) {
  const fs::path dir = fs::path(::testing::TempDir()) / "clause-roots-file";
  fs::create_directories(dir);
  const fs::path file = dir / "roots.txt";
  std::ofstream(file) << "# services\n\n  svc-a  \n\t# indented comment\n/abs/svc-b/\r\nsub/svc-c\n";
  const std::vector<RootSpec> roots = read_roots_file(file.string());
  ASSERT_EQ(roots.size(), 3u);
  EXPECT_EQ(roots[0].path, (dir / "svc-a").string());
  EXPECT_EQ(roots[0].key, "svc-a");
  EXPECT_EQ(roots[1].path, "/abs/svc-b/");
  EXPECT_EQ(roots[1].key, "/abs/svc-b/");
  EXPECT_EQ(roots[2].path, (dir / "sub/svc-c").string());
  EXPECT_THROW(read_roots_file((dir / "missing.txt").string()), std::runtime_error);
}

TEST(Batch, SelectSortsDeduplicatesAndShards) {
  std::vector<RootSpec> roots;
  for (const char *p : {"zeta", "alpha/", "./beta", "alpha", "gamma", "delta", "epsilon", "eta"})
    roots.push_back(RootSpec{p, p});
  const BatchRoots all = select_batch_roots(roots, std::nullopt);
  EXPECT_EQ(all.total, 7u);
  EXPECT_EQ(all.roots,
            (std::vector<std::string>{"alpha/", "./beta", "delta", "epsilon", "eta", "gamma", "zeta"}));

  // Shards are disjoint, cover everything, keep the order, and do not depend
  // on where the list came from (the key is the path as written).
  std::multiset<std::string> seen;
  for (size_t k = 1; k <= 3; ++k) {
    const BatchRoots part = select_batch_roots(roots, Shard{k, 3});
    EXPECT_EQ(part.total, 7u);
    EXPECT_TRUE(
        std::is_sorted(part.roots.begin(), part.roots.end(), [&](const std::string &a, const std::string &b) {
          return std::find(all.roots.begin(), all.roots.end(), a) <
                 std::find(all.roots.begin(), all.roots.end(), b);
        }));
    seen.insert(part.roots.begin(), part.roots.end());
  }
  EXPECT_EQ(seen, std::multiset<std::string>(all.roots.begin(), all.roots.end()));
  EXPECT_EQ(in_shard(RootSpec{"/elsewhere/alpha", "alpha"}, Shard{1, 3}),
            in_shard(RootSpec{"alpha", "alpha"}, Shard{1, 3}));
  EXPECT_EQ(in_shard(RootSpec{"a", "./alpha/"}, Shard{2, 3}), in_shard(RootSpec{"a", "alpha"}, Shard{2, 3}));
}

TEST(ProgressLine, TextAndEstimate) {
  using namespace std::chrono_literals;
  EXPECT_EQ(progress_text(ScanProgress{250, 1000, 3, 40}, 10s),
            "clause: 250/1000 files · 3/40 roots · 10s elapsed · about 30s left");
  EXPECT_EQ(progress_text(ScanProgress{0, 10, 0, 1}, 0s), "clause: 0/10 files · 0s elapsed");
  EXPECT_EQ(progress_text(ScanProgress{10, 10, 1, 1}, 125s), "clause: 10/10 files · 2m05s elapsed");
  EXPECT_EQ(progress_text(ScanProgress{1, 2, 0, 1}, 3700s),
            "clause: 1/2 files · 1h01m elapsed · about 1h01m left");
}

TEST(ProgressLine, RedrawsAtMostTenTimesASecond) {
  using namespace std::chrono_literals;
  ProgressClock::time_point now{};
  std::ostringstream out;
  ProgressLine line(out, [&] { return now; });
  size_t draws = 0;
  for (int ms = 0; ms < 1000; ms += 5) {  // 200 updates in one second
    now = ProgressClock::time_point{} + std::chrono::milliseconds(ms);
    const size_t before = out.str().size();
    line.update(ScanProgress{static_cast<size_t>(ms), 1000, 0, 1});
    draws += out.str().size() != before;
  }
  EXPECT_EQ(draws, 10u);
  EXPECT_EQ(out.str().rfind("\r\x1b[K", 0), 0u);
  line.finish();
  EXPECT_TRUE(out.str().ends_with("\r\x1b[K"));
  EXPECT_FALSE(want_progress(0, false, -1));  // not a terminal
  EXPECT_TRUE(want_progress(1, true, -1));    // --progress wins
  EXPECT_FALSE(want_progress(-1, false, -1));
}

}  // namespace
}  // namespace clause
