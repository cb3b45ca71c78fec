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
  std::string scan(bool cached, const std::string &options = "--profile all") {
    const std::string cache = cached ? "--cache-dir '" + t_.path() + "/cache'" : "--no-cache";
    CliRun r = testing::run_shell("cd '" + t_.path() + "/repo' && env -u CI " + CLAUSE_BINARY +
                                      " scan -f sarif --reproducible --fail-on never " + options + " " +
                                      cache + " .",
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
  // One unit, the Terraform root `infra` (the agreement belongs to none).
  const std::string none = "; units: 0 from the cache, 1 judged (0 entries rejected)\n";
  const std::string all = "; units: 1 from the cache, 0 judged (0 entries rejected)\n";
  EXPECT_EQ(cold, prefix + "files: 0 from the cache, 10 parsed (0 entries rejected)" + none);
  EXPECT_EQ(cache_stats(true), prefix + "files: 10 from the cache, 0 parsed (0 entries rejected)" + all);
  edit("repo/infra/database.tf", "allocated_storage       = 200", "allocated_storage       = 250");
  EXPECT_EQ(cache_stats(true), prefix + "files: 9 from the cache, 1 parsed (0 entries rejected)" + none);
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
  // Without the root's pack (which holds a good copy of that entry, written
  // when the second edit made a fifth of it stale), the entry files serve.
  fs::remove_all(t_.path() + "/cache/packs");
  // The unit's bytes are those of the scan before: its entry serves.
  EXPECT_EQ(cache_stats(true), prefix + "files: 9 from the cache, 1 parsed (1 entries rejected)" + all);
  EXPECT_EQ(cache_stats(false), "clause: model cache: not used\n");
}

// The cache's unit level: findings of units that nothing they read has
// changed come from the cache. Two Terraform roots, `a` and `b`, joined by
// a name (`bucket = "logs"` in a's versioning names b's bucket: CL-0904
// judges b's bucket by it), an agreement `.clause.yaml` binds to both, and a
// rule parameter in `.clause.yaml`; a third root, `c`, is linked to neither. After each edit, the warm scan
// gives the bytes of an uncached one, and the edit changes the report.
class WarmUnits : public WarmScan {
 protected:
  void SetUp() override {
    t_.write("repo/a/main.tf",
             "resource \"aws_s3_bucket_versioning\" \"v\" {\n  bucket = \"logs\"\n"
             "  versioning_configuration {\n    status = \"Enabled\"\n  }\n}\n");
    t_.write("repo/b/main.tf",
             "resource \"aws_s3_bucket\" \"logs\" {\n  bucket = \"logs\"\n}\n\n"
             "resource \"aws_db_instance\" \"db\" {\n  identifier              = \"b-db\"\n"
             "  engine                  = \"postgres\"\n  backup_retention_period = 5\n}\n");
    t_.write("repo/c/main.tf",
             "resource \"aws_db_instance\" \"c\" {\n  identifier              = \"c-db\"\n"
             "  engine                  = \"postgres\"\n  backup_retention_period = 9\n}\n");
    fs::copy_file(testing::src("fixtures/demo/agreement.yaml"), t_.path() + "/repo/agreement.yaml");
    t_.write("repo/.clause.yaml",
             "rules:\n  parameters:\n    CL-0901:\n      minRetentionDays: 7\n"
             "agreements:\n  agreement.yaml: [a, b]\n");
  }

  // The unit level's counts from `--cache-stats` of a warm scan.
  std::string unit_stats() {
    const std::string line = cache_stats(true);
    const size_t at = line.find("units: ");
    return at == std::string::npos ? line : line.substr(at);
  }
};

TEST_F(WarmUnits, EditsAUnitReadsGiveTheBytesOfAnUncachedScan) {
  std::string before = scan(false);
  ASSERT_EQ(scan(true), before);
  // b's bucket passes by a's versioning, b's database fails the parameter.
  EXPECT_EQ(before.find("aws_s3_bucket.logs cannot bring back"), std::string::npos) << before;
  ASSERT_NE(before.find("aws_db_instance.db"), std::string::npos) << before;

  struct Edit {
    std::string what, rel, from, to;  // from and to empty: delete
  };
  const std::vector<Edit> edits = {
      {"a's name for b's bucket", "repo/a/main.tf", "bucket = \"logs\"", "bucket = \"other\""},
      {"b's bucket takes a's new name", "repo/b/main.tf", "bucket = \"logs\"", "bucket = \"other\""},
      {"the rule parameter in .clause.yaml", "repo/.clause.yaml", "minRetentionDays: 7",
       "minRetentionDays: 3"},
      {"the agreement bound to both units", "repo/agreement.yaml", "afterRetrievalWithin: P30D",
       "afterRetrievalWithin: P20D"},
      {"the unit that names b's bucket deleted", "repo/a/main.tf", "", ""},
  };
  for (const Edit &e : edits) {
    SCOPED_TRACE(e.what);
    if (e.from.empty()) {
      ASSERT_TRUE(fs::remove(t_ / e.rel));
    } else {
      edit(e.rel, e.from, e.to);
    }
    const std::string warm = scan(true);
    const std::string cold = scan(false);
    EXPECT_EQ(warm, cold);
    EXPECT_NE(cold, before);
    before = cold;
  }
  // After the deletion b's bucket has no versioning: only a stale unit
  // would still pass it.
  EXPECT_NE(before.find("aws_s3_bucket.logs cannot bring back"), std::string::npos) << before;
}

// The run's options are in every unit's key: --strict, --profile, a rule
// disabled on the command line.
TEST_F(WarmUnits, OptionsThatChangeFindingsMissTheUnitLevel) {
  const std::vector<std::string> options = {"--profile all", "--profile all --strict",
                                            "--profile recommended", "--profile all --disable CL-0904",
                                            "--profile all"};
  for (const std::string &o : options) {
    SCOPED_TRACE(o);
    const std::string cold = scan(false, o);
    EXPECT_EQ(scan(true, o), cold);
    EXPECT_EQ(scan(true, o), cold);
  }
  EXPECT_NE(scan(false, "--profile all --strict"), scan(false, "--profile all"));
  EXPECT_NE(scan(false, "--profile recommended"), scan(false, "--profile all"));
}

// After an edit, the units that read nothing edited come from the cache:
// an edit of c judges c alone, an edit of b judges b and a, which a link
// joins to b. Damaged entries are rejected, judged again and rewritten.
TEST_F(WarmUnits, CacheStatsCountTheUnitsAndDamagedEntriesAreRebuilt) {
  EXPECT_EQ(unit_stats(), "units: 0 from the cache, 3 judged (0 entries rejected)\n");
  EXPECT_EQ(unit_stats(), "units: 3 from the cache, 0 judged (0 entries rejected)\n");
  edit("repo/c/main.tf", "backup_retention_period = 9", "backup_retention_period = 8");
  EXPECT_EQ(unit_stats(), "units: 2 from the cache, 1 judged (0 entries rejected)\n");
  edit("repo/b/main.tf", "backup_retention_period = 5", "backup_retention_period = 6");
  EXPECT_EQ(unit_stats(), "units: 1 from the cache, 2 judged (0 entries rejected)\n");
  // One file holds the root's units: damaged, every unit is rejected.
  size_t files = 0;
  for (const auto &e : fs::recursive_directory_iterator(t_.path() + "/cache/units"))
    if (e.is_regular_file()) {
      ++files;
      std::string bytes = testing::read_file(e.path());
      bytes.back() = static_cast<char>(bytes.back() ^ 1);
      std::ofstream(e.path(), std::ios::binary | std::ios::trunc) << bytes;
    }
  EXPECT_EQ(files, 1u);
  EXPECT_EQ(unit_stats(), "units: 0 from the cache, 3 judged (3 entries rejected)\n");
  EXPECT_EQ(unit_stats(), "units: 3 from the cache, 0 judged (0 entries rejected)\n");
  EXPECT_EQ(scan(true, ""), scan(false, ""));
}

// A filtered scan (a pre-commit hook) judges only the selected files'
// resources: it neither reads nor writes the unit level.
TEST_F(WarmUnits, AFilteredScanLeavesTheUnitLevelAlone) {
  EXPECT_EQ(unit_stats(), "units: 0 from the cache, 3 judged (0 entries rejected)\n");
  CliRun r = testing::run_shell("cd '" + t_.path() + "/repo' && env -u CI " + CLAUSE_BINARY +
                                " scan -q --fail-on never --cache-stats --cache-dir '" + t_.path() +
                                "/cache' . --only-files b/main.tf");
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("; units: 0 from the cache, 0 judged (0 entries rejected)\n"), std::string::npos)
      << r.out;
  EXPECT_EQ(unit_stats(), "units: 3 from the cache, 0 judged (0 entries rejected)\n");
}

}  // namespace
}  // namespace clause
