// Report files are written atomically (checker/cli/output_file.cpp): a
// failed write leaves no partial file and keeps the previous report; a path
// that cannot be written is a usage error (exit 2) that names it.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "tests/unit/cli_support.h"

namespace {

namespace fs = std::filesystem;
using clause::testing::CliRun;
using clause::testing::read_file;
using clause::testing::run_clause;
using clause::testing::run_command;
using clause::testing::ScratchDir;
using clause::testing::source_path;

std::vector<std::string> entries(const ScratchDir &dir) {
  std::vector<std::string> names;
  for (const auto &e : fs::directory_iterator(dir.path())) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

const std::string kDemo = source_path("fixtures/demo");

TEST(OutputFile, MissingDirectoryIsAUsageError) {
  ScratchDir dir("clause-out");
  const std::string target = dir / "no/such/dir/out.sarif";
  CliRun r = run_clause("scan -q -f sarif -o " + target + " " + kDemo);
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_EQ(r.out, "clause: error: " + target + ": cannot write: No such file or directory\n");
  EXPECT_TRUE(entries(dir).empty());
}

TEST(OutputFile, DirectoryAsTargetIsAUsageError) {
  ScratchDir dir("clause-out");
  fs::create_directory(dir / "report");
  // (SARIF is the exception: a directory gets one file per root.)
  CliRun r = run_clause("scan -q -f json -o " + (dir / "report") + " " + kDemo);
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_EQ(r.out, "clause: error: " + (dir / "report") + ": cannot write: Is a directory\n");
  EXPECT_EQ(entries(dir), std::vector<std::string>{"report"});
}

TEST(OutputFile, FailedWriteLeavesThePreviousReportWhole) {
  // RLIMIT_FSIZE makes write(2) fail with EFBIG part-way (root included);
  // SIGXFSZ is ignored so the process sees the error instead of dying.
  ScratchDir dir("clause-out");
  const std::string target = dir.write("out.sarif", "previous report\n");
  CliRun r =
      run_command("sh -c 'ulimit -f 4; trap \"\" XFSZ; exec " + std::string(CLAUSE_BINARY) +
                  " scan -q -f sarif -o " + target + " -o json=" + (dir / "out.json") + " " + kDemo + "'");
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_EQ(r.out, "clause: error: " + target + ": cannot write: File too large\nclause: error: " +
                       (dir / "out.json") + ": cannot write: File too large\n");
  EXPECT_EQ(read_file(target), "previous report\n");
  EXPECT_EQ(entries(dir), std::vector<std::string>{"out.sarif"}) << "a temporary or partial file was left";
}

TEST(OutputFile, OneFailingTargetDoesNotStopTheOthers) {
  ScratchDir dir("clause-out");
  CliRun r = run_clause("scan -q -o sarif=" + (dir / "missing/out.sarif") + " -o json=" + (dir / "out.json") +
                        " " + kDemo);
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_EQ(entries(dir), std::vector<std::string>{"out.json"});
  EXPECT_NE(read_file(dir / "out.json").find("\"CL-0901\""), std::string::npos);
}

TEST(OutputFile, ReplacesAnExistingReportKeepingItsMode) {
  ScratchDir dir("clause-out");
  const std::string target = dir.write("out.json", "old");
  fs::permissions(target, fs::perms(0640));
  CliRun r = run_clause("scan -q -f json -o " + target + " " + kDemo);
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_EQ(read_file(target).rfind("{", 0), 0u);
  EXPECT_EQ(fs::status(target).permissions() & fs::perms::all, fs::perms(0640));
  EXPECT_EQ(entries(dir), std::vector<std::string>{"out.json"});
}

TEST(OutputFile, WritesThroughSymlinksAndIntoSpecialFiles) {
  ScratchDir dir("clause-out");
  // A symlink stays a symlink; the file it names gets the report.
  const std::string real = dir.write("real.sarif", "");
  fs::create_symlink("real.sarif", dir / "link.sarif");
  CliRun r = run_clause("scan -q -f sarif -o " + (dir / "link.sarif") + " " + kDemo);
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_TRUE(fs::is_symlink(dir / "link.sarif"));
  EXPECT_NE(read_file(real).find("\"version\": \"2.1.0\""), std::string::npos);
  // A device is written to, never renamed over: /dev/null through a link.
  fs::create_symlink("/dev/null", dir / "null.sarif");
  r = run_clause("scan -q -f sarif -o " + (dir / "null.sarif") + " " + kDemo);
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_TRUE(fs::is_symlink(dir / "null.sarif"));
  EXPECT_TRUE(fs::is_character_file("/dev/null"));
  EXPECT_EQ(entries(dir), (std::vector<std::string>{"link.sarif", "null.sarif", "real.sarif"}));
}

TEST(OutputFile, StdoutWriteFailureIsReported) {
  CliRun r = run_command("sh -c '" + std::string(CLAUSE_BINARY) + " scan -f sarif " + kDemo + " >/dev/full'");
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_EQ(r.out, "clause: error: standard output: write failed\n");
}

}  // namespace
