// A warm scan (every unchanged file's model from the cache) after each kind
// of edit a repository sees gives the same bytes as a scan without the
// cache: a value in a root module, a variable file, a local module's source,
// the agreement, `.clause.yaml`, a file deleted and a file added. Each edit
// is checked to change the report, so a cache that served the state before
// the edit would fail here.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "tests/unit/cli_run.h"

namespace clause {
namespace {

namespace fs = std::filesystem;
using testing::CliRun;
using testing::TempTree;

class WarmScan : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::copy(testing::src("fixtures/demo"), t_.path() + "/repo", fs::copy_options::recursive);
    t_.write("repo/infra/store.tf",
             "variable \"store_days\" {\n  type    = number\n  default = 50\n}\n\n"
             "module \"store\" {\n  source = \"../modules/store\"\n  days   = var.store_days\n}\n");
    t_.write("repo/infra/terraform.tfvars", "store_days = 3\n");
    t_.write("repo/modules/store/main.tf", kStoreModule);
  }

  // `clause scan -q --cache-stats` with the cache directory (or none): the
  // line it prints on stderr.
  std::string cache_stats(bool cached) {
    const std::string cache = cached ? "--cache-dir '" + t_.path() + "/cache'" : "--no-cache";
    CliRun r = testing::run_shell("cd '" + t_.path() + "/repo' && env -u CI " + CLAUSE_BINARY +
                                  " scan -q --fail-on never --cache-stats " + cache + " .");
    EXPECT_EQ(r.exit_code, 0) << r.out;
    return r.out;
  }

  // The scan's SARIF, reproducible, every rule; with the cache directory or
  // without any cache.
  std::string scan(bool cached) {
    const std::string cache = cached ? "--cache-dir '" + t_.path() + "/cache'" : "--no-cache";
    CliRun r =
        testing::run_shell("cd '" + t_.path() + "/repo' && env -u CI " + CLAUSE_BINARY +
                               " scan -f sarif --reproducible --profile all --fail-on never " + cache + " .",
                           false);
    EXPECT_EQ(r.exit_code, 0) << r.out;
    return r.out;
  }

  // Replaces the one occurrence of `from` in `rel` with `to`.
  void edit(const std::string &rel, const std::string &from, const std::string &to) {
    std::string text = t_.read(rel);
    const size_t at = text.find(from);
    ASSERT_NE(at, std::string::npos) << rel << " holds no " << from;
    ASSERT_EQ(text.find(from, at + 1), std::string::npos) << rel << " holds " << from << " twice";
    t_.write(rel, text.replace(at, from.size(), to));
  }

  static constexpr const char *kStoreModule =
      "variable \"days\" {\n  type = number\n}\n\n"
      "resource \"aws_db_instance\" \"store\" {\n"
      "  identifier        = \"store\"\n"
      "  engine            = \"postgres\"\n"
      "  instance_class    = \"db.r6g.large\"\n"
      "  backup_retention_period = var.days\n"
      "  storage_encrypted = true\n"
      "  multi_az          = true\n"
      "  tags = {\n    service = \"ledger\"\n  }\n"
      "}\n";

  TempTree t_;
};

TEST_F(WarmScan, EveryKindOfEditGivesTheBytesOfAnUncachedScan) {
  std::string before = scan(false);
  // The first cached scan fills the cache; it must already agree.
  ASSERT_EQ(scan(true), before);
  // The module instance's value comes from the variable file, through the
  // call: the finding names it.
  ASSERT_NE(
      before.find(
          "module.store.aws_db_instance.store is not backed up as required (backup_retention_period is 3)"),
      std::string::npos)
      << before;

  struct Edit {
    std::string what, rel, from, to;  // to empty with from empty: delete; from empty: add
  };
  const std::vector<Edit> edits = {
      {"a value in a root module", "repo/infra/database.tf", "allocated_storage       = 200",
       "allocated_storage       = 300"},
      {"the variable file", "repo/infra/terraform.tfvars", "store_days = 3", "store_days = 4"},
      {"the variable's default, now overridden by the file", "repo/infra/store.tf", "default = 50",
       "default = 60"},
      {"the source of a module the root calls", "repo/modules/store/main.tf", "    service = \"ledger\"\n",
       "    service             = \"ledger\"\n    data-classification = \"internal\"\n"},
      {"the agreement", "repo/agreement.yaml", "afterRetrievalWithin: P30D", "afterRetrievalWithin: P20D"},
      {".clause.yaml added", "repo/.clause.yaml", "", "rules:\n  disable: [CL-1105]\n"},
      {".clause.yaml changed", "repo/.clause.yaml", "CL-1105", "CL-1003"},
      {"a file deleted", "repo/infra/logging.tf", "", ""},
      {"a file added", "repo/infra/extra.tf", "",
       "resource \"aws_s3_bucket\" \"extra\" {\n  bucket = \"x\"\n}\n"},
  };
  for (const Edit &e : edits) {
    SCOPED_TRACE(e.what);
    if (e.from.empty() && e.to.empty()) {
      ASSERT_TRUE(fs::remove(t_ / e.rel));
    } else if (e.from.empty()) {
      t_.write(e.rel, e.to);
    } else {
      edit(e.rel, e.from, e.to);
    }
    const std::string warm = scan(true);
    const std::string cold = scan(false);
    EXPECT_EQ(warm, cold);
    // Only the edit (the variable's default is a no-op, overridden) changes
    // the report.
    if (e.what.rfind("the variable's default", 0) == 0) {
      EXPECT_EQ(cold, before);
    } else {
      EXPECT_NE(cold, before);
    }
    before = cold;
  }
  // What the edits did, in the last report.
  EXPECT_NE(
      before.find(
          "module.store.aws_db_instance.store is not backed up as required (backup_retention_period is 4)"),
      std::string::npos)
      << before;
  EXPECT_NE(before.find("aws_db_instance.ledger cannot grow beyond 300 GiB"), std::string::npos) << before;
  EXPECT_NE(before.find("deleted within 20 days"), std::string::npos) << before;
  EXPECT_EQ(before.find("\"CL-1003\""), std::string::npos);
  EXPECT_NE(before.find("\"CL-1105\""), std::string::npos);
  EXPECT_EQ(before.find("infra/logging.tf"), std::string::npos);
  EXPECT_NE(before.find("aws_s3_bucket.extra"), std::string::npos);
}

// `--cache-stats` counts what came from the cache: after one file is
// edited, that file alone is parsed; every other file is decoded (the
// built-in rule packs never come from the cache: their models are built in).
TEST_F(WarmScan, CacheStatsCountTheFilesServedFromTheCache) {
  const std::string prefix = "clause: model cache " + t_.path() + "/cache: ";
  const std::string cold = cache_stats(true);
  // The 10 files clause reads (the demo's README is not one), all parsed.
  EXPECT_EQ(cold, prefix + "files: 0 from the cache, 10 parsed (0 entries rejected)\n");
  EXPECT_EQ(cache_stats(true), prefix + "files: 10 from the cache, 0 parsed (0 entries rejected)\n");
  edit("repo/infra/database.tf", "allocated_storage       = 200", "allocated_storage       = 250");
  EXPECT_EQ(cache_stats(true), prefix + "files: 9 from the cache, 1 parsed (0 entries rejected)\n");
  // A damaged entry is rejected and the file parsed again: the entry the
  // next edit adds is found as the one entry file that is new.
  const auto entries = [&] {
    std::set<fs::path> out;
    for (const auto &e : fs::recursive_directory_iterator(t_.path() + "/cache/models"))
      if (e.is_regular_file()) out.insert(e.path());
    return out;
  };
  const std::set<fs::path> before = entries();
  t_.write("repo/infra/compute.tf", t_.read("repo/infra/compute.tf") + "# moved\n");
  cache_stats(true);
  size_t damaged = 0;
  for (const fs::path &entry : entries())
    if (!before.count(entry)) {
      std::string bytes = testing::read_file(entry);
      bytes.back() = static_cast<char>(bytes.back() ^ 1);
      std::ofstream(entry, std::ios::binary) << bytes;
      ++damaged;
    }
  ASSERT_EQ(damaged, 1u);
  EXPECT_EQ(cache_stats(true), prefix + "files: 9 from the cache, 1 parsed (1 entries rejected)\n");
  EXPECT_EQ(cache_stats(false), "clause: model cache: not used\n");
}

}  // namespace
}  // namespace clause
