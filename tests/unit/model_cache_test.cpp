// The model cache: a warm scan decodes instead of parsing, re-parses only
// what changed, gives the same report as a cold one, and never trusts an
// entry that is truncated, corrupt or written for other bytes.
#include "checker/cache/model_cache.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "checker/cache/model_pack.h"
#include "checker/engine/rule_set.h"
#include "checker/model/limits.h"
#include "checker/project/loader.h"
#include "checker/scan/scanner.h"
#include "sarif/sarif_writer.h"
#include "tests/unit/model_equal.h"

namespace clause {
namespace {

namespace fs = std::filesystem;

class ModelCacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    base_ = fs::temp_directory_path() / ("clause-cache-test-" + std::to_string(::getpid()) + "-" +
                                         ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(base_);
    root_ = base_ / "repo";
    cache_dir_ = (base_ / "cache").string();
    fs::create_directories(root_);
    fs::copy(fs::path(CLAUSE_SOURCE_DIR) / "fixtures" / "demo", root_, fs::copy_options::recursive);
    fs::copy(fs::path(CLAUSE_SOURCE_DIR) / "fixtures" / "agreements", root_ / "agreements",
             fs::copy_options::recursive);
    write("k8s/app.yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n");
    write("broken.tf", "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \n}\n");
  }
  void TearDown() override { fs::remove_all(base_); }

  void write(const std::string &rel, const std::string &text) {
    fs::create_directories((root_ / rel).parent_path());
    std::ofstream(root_ / rel, std::ios::binary) << text;
  }

  std::string scan_sarif(bool use_cache) {
    ScanOptions opts;
    opts.roots = {root_.string()};
    opts.jobs = 2;
    if (use_cache) opts.cache_dir = cache_dir_;
    std::ostringstream out;
    write_sarif(run_scan(RuleSet::builtin(), opts), out);
    return out.str();
  }

  // The files' own entries (`models/`), not the root's pack.
  std::vector<fs::path> entries() const {
    std::vector<fs::path> out;
    for (const auto &e : fs::recursive_directory_iterator(cache_dir_ + "/models"))
      if (e.is_regular_file()) out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
  }

  // Loads `d` on two threads through a fresh view of the cache; what the
  // cache gave goes to `counts`.
  Project load_cached(const Discovery &d, CacheCounts *counts = nullptr) {
    ModelCache cache(cache_dir_);
    LoadOptions lo{2, {}};
    lo.cache = &cache;
    Project p = load_project(d, lo);
    if (counts) *counts = cache.counts();
    return p;
  }

  fs::path base_, root_;
  std::string cache_dir_;
};

TEST_F(ModelCacheTest, WarmLoadDecodesEveryFileAndReparsesOnlyTheChangedOne) {
  Discovery d = discover(root_.string(), DiscoveryOptions{});
  size_t n = d.files.size();
  ASSERT_GE(n, 6u);
  {
    ModelCache cache(cache_dir_);
    LoadOptions lo{2, {}};
    lo.cache = &cache;
    Project cold = load_project(d, lo);
    // Each file goes through the cache once: parsed exactly once.
    EXPECT_EQ(cache.hits(), 0u);
    EXPECT_EQ(cache.misses(), n);
    EXPECT_EQ(entries().size(), n);
  }
  Project plain = load_project(d, LoadOptions{1, {}});
  ModelCache cache(cache_dir_);
  LoadOptions lo{2, {}};
  lo.cache = &cache;
  Project warm = load_project(d, lo);
  EXPECT_EQ(cache.hits(), n);
  EXPECT_EQ(cache.misses(), 0u);
  ASSERT_EQ(warm.documents.size(), plain.documents.size());
  for (size_t i = 0; i < warm.documents.size(); ++i) {
    EXPECT_EQ(warm.documents[i]->path, plain.documents[i]->path);
    EXPECT_EQ(warm.documents[i]->source, plain.documents[i]->source);
    EXPECT_EQ(testing::document_difference(*warm.documents[i], *plain.documents[i]), "")
        << warm.documents[i]->path;
  }
  EXPECT_EQ(warm.resources.size(), plain.resources.size());
  EXPECT_EQ(warm.diagnostics.size(), plain.diagnostics.size());

  write("k8s/app.yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  name: api\n");
  ModelCache again(cache_dir_);
  lo.cache = &again;
  Project edited = load_project(discover(root_.string(), DiscoveryOptions{}), lo);
  EXPECT_EQ(again.hits(), n - 1);
  EXPECT_EQ(again.misses(), 1u);
  EXPECT_EQ(again.rejected(), 0u);
  const Document *app = edited.find_document("k8s/app.yaml");
  ASSERT_TRUE(app);
  EXPECT_EQ(app->roots.at(0).get("metadata")->get("name")->text, "api");
}

TEST_F(ModelCacheTest, ColdWarmAndUncachedScansGiveTheSameSarif) {
  std::string uncached = scan_sarif(false);
  EXPECT_FALSE(fs::exists(cache_dir_));
  std::string cold = scan_sarif(true);
  ASSERT_TRUE(fs::exists(cache_dir_));
  std::string warm = scan_sarif(true);
  EXPECT_EQ(cold, uncached);
  EXPECT_EQ(warm, cold);
  EXPECT_NE(warm.find("CL-0901"), std::string::npos);
  EXPECT_NE(warm.find("toolExecutionNotifications"), std::string::npos);
}

TEST_F(ModelCacheTest, DamagedEntriesAreRejectedAndRebuilt) {
  const std::string cold = scan_sarif(false);
  Discovery d = discover(root_.string(), DiscoveryOptions{});
  LoadOptions lo{1, {}};
  {
    ModelCache fill(cache_dir_);  // the files' entries only, not the rule packs'
    lo.cache = &fill;
    (void)load_project(d, lo);
  }
  std::vector<fs::path> files = entries();
  ASSERT_GE(files.size(), 6u);
  auto rewrite = [](const fs::path &p, auto change) {
    std::ifstream in(p, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    in.close();
    change(bytes);
    std::ofstream(p, std::ios::binary | std::ios::trunc) << bytes;
  };
  rewrite(files[0], [](std::string &b) { b[b.size() - 3] ^= 0x40; });       // payload bit flip
  rewrite(files[1], [](std::string &b) { b.resize(b.size() / 2); });        // truncated
  rewrite(files[2], [](std::string &b) { b[0] = 'X'; });                    // foreign magic
  rewrite(files[3], [](std::string &b) { b.clear(); });                     // empty
  rewrite(files[4], [](std::string &b) { b[8] ^= 1; });                     // codec version
  fs::copy_file(files[5], files[0], fs::copy_options::overwrite_existing);  // another file's entry
  fs::remove_all(cache_dir_ + "/packs");  // else the root's pack would serve every file

  ModelCache cache(cache_dir_);
  lo.cache = &cache;
  (void)load_project(d, lo);
  EXPECT_EQ(cache.rejected(), 5u);
  EXPECT_EQ(cache.hits(), d.files.size() - 5);
  // The rejected entries were rewritten: a further load hits every file.
  ModelCache again(cache_dir_);
  lo.cache = &again;
  (void)load_project(d, lo);
  EXPECT_EQ(again.hits(), d.files.size());
  EXPECT_EQ(scan_sarif(true), cold);
}

// An entry is read like a scanned file: a FIFO in its place is a miss, not
// a scan that waits forever for a writer; a 2 GiB (sparse) entry is a miss
// without being read. Both are replaced by good entries.
TEST_F(ModelCacheTest, FifoOrHugeEntryIsAMiss) {
  Discovery d = discover(root_.string(), DiscoveryOptions{});
  LoadOptions lo{1, {}};
  {
    ModelCache fill(cache_dir_);
    lo.cache = &fill;
    (void)load_project(d, lo);
  }
  std::vector<fs::path> files = entries();
  ASSERT_GE(files.size(), 2u);
  fs::remove(files[0]);
  ASSERT_EQ(::mkfifo(files[0].c_str(), 0644), 0);
  fs::resize_file(files[1], 2ull << 30);
  fs::remove_all(cache_dir_ + "/packs");
  ModelCache cache(cache_dir_);
  lo.cache = &cache;
  (void)load_project(d, lo);
  EXPECT_EQ(cache.rejected(), 2u);
  EXPECT_EQ(cache.misses(), 2u);
  EXPECT_EQ(cache.hits(), d.files.size() - 2);
  EXPECT_TRUE(fs::is_regular_file(files[0]));
  EXPECT_LT(fs::file_size(files[1]), limits::kMaxCacheEntrySize);
  ModelCache again(cache_dir_);
  lo.cache = &again;
  (void)load_project(d, lo);
  EXPECT_EQ(again.hits(), d.files.size());
}

std::string file_bytes(const fs::path &p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// A root's models in one file: a warm load reads the pack, not the files'
// own entries (here deleted), and gives the same documents.
TEST_F(ModelCacheTest, AWarmLoadReadsTheRootsPackInsteadOfEachEntry) {
  Discovery d = discover(root_.string(), DiscoveryOptions{});
  const size_t n = d.files.size();
  (void)load_cached(d);
  const std::string pack_path = model_pack_path(cache_dir_, d.root_abs);
  ASSERT_TRUE(fs::is_regular_file(pack_path));
  const std::string pack_before = file_bytes(pack_path);
  fs::remove_all(cache_dir_ + "/models");
  Project plain = load_project(d, LoadOptions{1, {}});
  CacheCounts counts;
  Project warm = load_cached(d, &counts);
  EXPECT_EQ(counts.hits, n);
  EXPECT_EQ(counts.misses, 0u);
  ASSERT_EQ(warm.documents.size(), plain.documents.size());
  for (size_t i = 0; i < warm.documents.size(); ++i)
    EXPECT_EQ(testing::document_difference(*warm.documents[i], *plain.documents[i]), "")
        << warm.documents[i]->path;
  EXPECT_EQ(file_bytes(pack_path), pack_before);  // it served every file: not written again
  EXPECT_FALSE(fs::exists(cache_dir_ + "/models"));
}

// One edited file comes from its own entry and leaves the pack as it is;
// when a tenth of the files no longer come from it, it is written again.
// An entry of the pack that is damaged is passed over for the file's own.
TEST_F(ModelCacheTest, ThePackIsWrittenAgainOnlyWhenATenthOfItIsStale) {
  Discovery d = discover(root_.string(), DiscoveryOptions{});
  const size_t n = d.files.size();
  ASSERT_GE(n, 12u);  // one edit is under a tenth, three are over
  CacheCounts counts;
  const size_t &hits = counts.hits, &misses = counts.misses;
  auto load = [&] { return load_cached(discover(root_.string(), DiscoveryOptions{}), &counts); };
  (void)load();
  const std::string pack_path = model_pack_path(cache_dir_, d.root_abs);
  const std::string first = file_bytes(pack_path);

  write("k8s/app.yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  name: api\n");
  (void)load();
  EXPECT_EQ(hits, n - 1);
  EXPECT_EQ(misses, 1u);
  EXPECT_EQ(file_bytes(pack_path), first);

  write("broken.tf", "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"x\"\n}\n");
  write("extra.tf", "variable \"x\" {}\n");
  Project edited = load();
  EXPECT_EQ(hits, n - 1);  // the first edit's file from its own entry
  EXPECT_EQ(misses, 2u);
  const std::string second = file_bytes(pack_path);
  EXPECT_NE(second, first);
  ASSERT_TRUE(edited.find_document("k8s/app.yaml"));
  EXPECT_EQ(edited.find_document("k8s/app.yaml")->roots.at(0).get("metadata")->get("name")->text, "api");

  // Every file from the new pack; then a bit flipped in the pack's last
  // entry: that file is read from its own entry, nothing is parsed.
  (void)load();
  EXPECT_EQ(hits, n + 1);
  EXPECT_EQ(misses, 0u);
  std::string damaged = second;
  damaged[damaged.size() - 3] ^= 0x40;
  std::ofstream(pack_path, std::ios::binary | std::ios::trunc) << damaged;
  Project again = load();
  EXPECT_EQ(hits, n + 1);
  EXPECT_EQ(misses, 0u);
  EXPECT_EQ(again.documents.size(), edited.documents.size());
}

// A file root (a hook may pass files) is discovered with its directory as
// its root: it neither reads nor writes that directory's pack.
TEST_F(ModelCacheTest, AFileRootLeavesItsDirectorysPackAlone) {
  Discovery d = discover(root_.string(), DiscoveryOptions{});
  (void)load_cached(d);
  const std::string pack_path = model_pack_path(cache_dir_, d.root_abs);
  const std::string before = file_bytes(pack_path);
  const Discovery file = discover((root_ / "broken.tf").string(), DiscoveryOptions{});
  ASSERT_TRUE(file.file_root);
  EXPECT_EQ(file.root_abs, d.root_abs);
  EXPECT_FALSE(d.file_root);
  (void)load_cached(file);
  EXPECT_EQ(file_bytes(pack_path), before);
  size_t packs = 0;
  for ([[maybe_unused]] const auto &e : fs::directory_iterator(cache_dir_ + "/packs")) ++packs;
  EXPECT_EQ(packs, 1u);
}

TEST(ModelPack, RefusesAPackOfAnotherRootOrCodecOrWithBrokenBounds) {
  const std::vector<std::pair<UnitKey, std::string_view>> entries = {{{1, 11}, "first"}, {{2, 22}, "second"}};
  ModelPack pack;
  pack.bytes = encode_model_pack("/repo", entries);
  ASSERT_TRUE(decode_model_pack("/repo", pack));
  EXPECT_TRUE(pack.present);
  ASSERT_EQ(pack.entries.size(), 2u);
  EXPECT_EQ(pack.entries.at(1).first, 11u);
  EXPECT_EQ(pack.entries.at(1).second, "first");
  EXPECT_EQ(pack.entries.at(2).second, "second");

  const std::string good = pack.bytes;
  EXPECT_FALSE(decode_model_pack("/other", pack));  // another root's
  EXPECT_TRUE(pack.entries.empty());
  pack.bytes = good;
  pack.bytes[8] ^= 1;  // the codec version
  EXPECT_FALSE(decode_model_pack("/repo", pack));
  pack.bytes = good;
  pack.bytes[0] = 'X';  // foreign magic
  EXPECT_FALSE(decode_model_pack("/repo", pack));
  pack.bytes = good.substr(0, good.size() - 1);  // truncated
  EXPECT_FALSE(decode_model_pack("/repo", pack));
  pack.bytes = good.substr(0, 20);
  EXPECT_FALSE(decode_model_pack("/repo", pack));
  EXPECT_FALSE(pack.present);

  EXPECT_FALSE(model_pack_is_stale(true, 9, 10, 10));
  EXPECT_TRUE(model_pack_is_stale(true, 8, 10, 10));
  EXPECT_TRUE(model_pack_is_stale(true, 10, 10, 12));
  EXPECT_FALSE(model_pack_is_stale(true, 10, 10, 11));
  EXPECT_TRUE(model_pack_is_stale(false, 0, 1, 0));
  EXPECT_FALSE(model_pack_is_stale(false, 0, 0, 0));
}

TEST_F(ModelCacheTest, KeyDependsOnBytesNameAndOptions) {
  ModelCache cache(cache_dir_);
  SourceFile a{"/x/main.tf", "main.tf", Syntax::Hcl, DocKind::Terraform, 0};
  SourceFile b = a;
  b.rel_path = "other/main.tf";
  SourceFile vars{"/x/main.tfvars", "main.tfvars", Syntax::Hcl, DocKind::TerraformVars, 0};
  ParseOptions deep;
  deep.max_depth = 10;
  EXPECT_EQ(cache.key_for(a, "x = 1", {}).id, cache.key_for(b, "x = 1", {}).id);
  EXPECT_NE(cache.key_for(a, "x = 1", {}).id, cache.key_for(a, "x = 2", {}).id);
  EXPECT_NE(cache.key_for(a, "x = 1", {}).id, cache.key_for(vars, "x = 1", {}).id);
  EXPECT_NE(cache.key_for(a, "x = 1", {}).id, cache.key_for(a, "x = 1", deep).id);
}

TEST_F(ModelCacheTest, UnwritableCacheOnlyCostsSpeed) {
  write("cache-is-a-file", "");
  cache_dir_ = (root_ / "cache-is-a-file").string();
  std::string uncached = scan_sarif(false);
  EXPECT_EQ(scan_sarif(true), uncached);
}

TEST(ModelCacheDefaultDir, FollowsXdgThenHome) {
  std::string old_xdg = getenv("XDG_CACHE_HOME") ? getenv("XDG_CACHE_HOME") : "";
  std::string old_home = getenv("HOME") ? getenv("HOME") : "";
  setenv("XDG_CACHE_HOME", "/xdg", 1);
  EXPECT_EQ(ModelCache::default_dir(), "/xdg/clause");
  setenv("XDG_CACHE_HOME", "relative", 1);
  setenv("HOME", "/home/u", 1);
  EXPECT_EQ(ModelCache::default_dir(), "/home/u/.cache/clause");
  unsetenv("XDG_CACHE_HOME");
  EXPECT_EQ(ModelCache::default_dir(), "/home/u/.cache/clause");
  if (!old_xdg.empty()) setenv("XDG_CACHE_HOME", old_xdg.c_str(), 1);
  setenv("HOME", old_home.c_str(), 1);
}

}  // namespace
}  // namespace clause
