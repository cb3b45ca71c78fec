#include "checker/platform/heap_tuning.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

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
