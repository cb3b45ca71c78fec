#include "checker/platform/heap_tuning.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "checker/cache/scan_size.h"
#include "tests/unit/cli_run.h"

namespace clause {
namespace {

TEST(HeapTuning, AddsTheTunableWhenTheKernelOffersHugePages) {
  EXPECT_EQ(tunables_for_huge_pages(nullptr, "always [madvise] never\n"), "glibc.malloc.hugetlb=1");
  EXPECT_EQ(tunables_for_huge_pages("", "[always] madvise never\n"), "glibc.malloc.hugetlb=1");
}

TEST(HeapTuning, KeepsTheOtherTunablesOfTheEnvironment) {
  EXPECT_EQ(tunables_for_huge_pages("glibc.malloc.arena_max=2", "always [madvise] never"),
            "glibc.malloc.arena_max=2:glibc.malloc.hugetlb=1");
}

TEST(HeapTuning, LeavesAnExistingHugePageSettingAlone) {
  // The user's own choice, and the guard that stops a second re-execution.
  EXPECT_EQ(tunables_for_huge_pages("glibc.malloc.hugetlb=0", "always [madvise] never"), std::nullopt);
  EXPECT_EQ(tunables_for_huge_pages("glibc.malloc.arena_max=2:glibc.malloc.hugetlb=1", "[always]"),
            std::nullopt);
}

TEST(HeapTuning, DoesNothingWithoutTransparentHugePages) {
  EXPECT_EQ(tunables_for_huge_pages(nullptr, "always madvise [never]\n"), std::nullopt);
  EXPECT_EQ(tunables_for_huge_pages(nullptr, ""), std::nullopt);  // no such file
  EXPECT_EQ(tunables_for_huge_pages(nullptr, "madvise] [never"), std::nullopt);
}

TEST(HeapTuning, HugePagesOnlyForFilteredScans) {
  using Args = std::vector<std::string_view>;
  EXPECT_TRUE(is_filtered_scan(Args{"scan", ".", "--only-files", "a.tf"}));
  EXPECT_TRUE(is_filtered_scan(Args{"scan", "--changed-since=main", "."}));
  EXPECT_TRUE(is_filtered_scan(Args{"scan", "--changed-since", "HEAD~1", "."}));
  EXPECT_FALSE(is_filtered_scan(Args{"scan", "."}));
  EXPECT_FALSE(is_filtered_scan(Args{"scan", "--only-filesystem", "."}));
  EXPECT_FALSE(is_filtered_scan(Args{"baseline", "--only-files", "a.tf"}));
  EXPECT_FALSE(is_filtered_scan(Args{}));
}

TEST(HeapTuning, TheCacheDirectoryAScanUses) {
  using Args = std::vector<std::string_view>;
  EXPECT_EQ(scan_cache_dir(Args{"scan", "."}, "/home/u/.cache/clause"), "/home/u/.cache/clause");
  EXPECT_EQ(scan_cache_dir(Args{"scan", "--cache-dir", "/c", "."}, "/d"), "/c");
  EXPECT_EQ(scan_cache_dir(Args{"scan", "--cache-dir=/c", "."}, "/d"), "/c");
  EXPECT_EQ(scan_cache_dir(Args{"scan", "--cache-dir", "/c", "--no-cache", "."}, "/d"), "");
  EXPECT_EQ(scan_cache_dir(Args{"scan", "."}, ""), "");
}

TEST(HeapTuning, OneSizeFileACommandAndDirectory) {
  using Args = std::vector<std::string_view>;
  const std::string a = scan_size_path(Args{"scan", "--cache-dir", "/c", "r"}, "/w", "/d");
  EXPECT_EQ(a.rfind("/c/heap/", 0), 0u) << a;
  EXPECT_GT(a.size(), std::string("/c/heap/").size());
  EXPECT_EQ(a, scan_size_path(Args{"scan", "--cache-dir", "/c", "r"}, "/w", "/d"));
  EXPECT_NE(a, scan_size_path(Args{"scan", "--cache-dir", "/c", "r2"}, "/w", "/d"));
  EXPECT_NE(a, scan_size_path(Args{"scan", "--cache-dir", "/c", "r"}, "/w2", "/d"));
  // The separator between words is part of the command: "a b" is not "ab".
  EXPECT_NE(scan_size_path(Args{"scan", "ab"}, "/w", "/d"),
            scan_size_path(Args{"scan", "a", "b"}, "/w", "/d"));
  EXPECT_EQ(scan_size_path(Args{"scan", "--no-cache", "r"}, "/w", "/d"), "");
  EXPECT_EQ(scan_size_path(Args{"scan", "r"}, "", "/d"), "");
}

TEST(HeapTuning, SmallScansAreThoseKnownToStayUnder64MiB) {
  EXPECT_TRUE(is_small_scan(uint64_t{40} << 10));
  EXPECT_TRUE(is_small_scan(kSmallScanPeakKib));
  EXPECT_FALSE(is_small_scan(kSmallScanPeakKib + 1));
  EXPECT_FALSE(is_small_scan(uint64_t{320} << 10));
  EXPECT_FALSE(is_small_scan(std::nullopt));  // a first run
}

// A scan with a cache keeps its peak memory for the next run of the same
// command, which then re-executes with huge pages: same output either way.
TEST(HeapTuning, AScanKeepsItsSizeAndTheNextRunGivesTheSameResult) {
  testing::TempTree dir;
  dir.write("root/main.tf", "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"b\"\n}\n");
  const std::string scan = "cd '" + dir.path() + "' && env -u CI -u GLIBC_TUNABLES " +
                           std::string(CLAUSE_BINARY) +
                           " scan --cache-dir cache --reproducible --format json root";
  const testing::CliRun first = testing::run_shell(scan, false);
  EXPECT_EQ(first.exit_code, 1);
  std::vector<std::filesystem::path> sizes;
  for (const auto &e : std::filesystem::directory_iterator(dir / "cache/heap")) sizes.push_back(e.path());
  ASSERT_EQ(sizes.size(), 1u);
  std::ifstream in(sizes[0]);
  uint64_t kib = 0;
  in >> kib;
  // The size itself depends on the build (a sanitizer's shadow memory
  // makes this scan's peak ~130 MiB, a release build's ~20 MiB).
  EXPECT_GT(kib, 0u);
  const testing::CliRun second = testing::run_shell(scan, false);
  EXPECT_EQ(second.exit_code, 1);
  EXPECT_EQ(second.out, first.out);
  const testing::CliRun uncached =
      testing::run_shell("cd '" + dir.path() + "' && env -u CI " + std::string(CLAUSE_BINARY) +
                             " scan --no-cache --reproducible --format json root",
                         false);
  EXPECT_EQ(uncached.out, first.out);
  std::size_t files = 0;
  for ([[maybe_unused]] const auto &e : std::filesystem::directory_iterator(dir / "cache/heap")) ++files;
  EXPECT_EQ(files, 1u);
}

// A filtered scan (a pre-commit hook's, naming other files each time) takes
// huge pages anyway: it leaves no size behind.
TEST(HeapTuning, AFilteredScanKeepsNoSize) {
  testing::TempTree dir;
  const std::string file =
      dir.write("root/main.tf", "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"b\"\n}\n");
  const testing::CliRun run =
      testing::run_shell("cd '" + dir.path() + "' && env -u CI " + std::string(CLAUSE_BINARY) +
                             " scan --cache-dir cache --format json root --only-files '" + file + "'",
                         false);
  EXPECT_EQ(run.exit_code, 1) << run.out;
  EXPECT_TRUE(std::filesystem::is_directory(dir / "cache")) << "the scan used the cache";
  EXPECT_FALSE(std::filesystem::exists(dir / "cache/heap"));
}

// A re-executed scan is the same scan: same arguments (a path with a
// space), same output, same exit code, whether the environment lets it
// re-execute or not.
TEST(HeapTuning, ReexecutedScanGivesTheSameResult) {
  testing::TempTree dir;
  dir.write("with space/main.tf", "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"b\"\n}\n");
  // --only-files makes it a filtered scan, the kind that is re-executed.
  const std::string scan = std::string(CLAUSE_BINARY) + " scan --no-cache --reproducible --format json '" +
                           dir / "with space" + "' --only-files '" + dir / "with space/main.tf" + "'";
  const testing::CliRun free = testing::run_shell("env -u CI -u GLIBC_TUNABLES " + scan, false);
  const testing::CliRun held =
      testing::run_shell("env -u CI GLIBC_TUNABLES=glibc.malloc.hugetlb=0 " + scan, false);
  EXPECT_EQ(free.exit_code, 1);
  EXPECT_EQ(held.exit_code, 1);
  EXPECT_EQ(free.out, held.out);
  const nlohmann::json report = nlohmann::json::parse(free.out);
  const auto &findings = report["roots"][0]["findings"];
  ASSERT_EQ(findings.size(), 1u) << free.out;
  EXPECT_EQ(findings[0]["ruleId"], "CL-0904");
  EXPECT_EQ(findings[0]["location"]["path"], "main.tf");
  EXPECT_EQ(findings[0]["location"]["startLine"], 1);
  EXPECT_EQ(findings[0]["location"]["startColumn"], 1);
}

}  // namespace
}  // namespace clause
