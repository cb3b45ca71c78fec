// Output is deterministic (DESIGN §2): the same tree gives byte-identical
// SARIF and JSON whatever the thread count, run after run.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "tests/unit/cli_support.h"

namespace {

using clause::testing::CliRun;
using clause::testing::read_file;
using clause::testing::run_clause;
using clause::testing::ScratchDir;
using clause::testing::source_path;

struct Outputs {
  std::string sarif, json;
};

Outputs scan(const ScratchDir &dir, const std::string &tag, const std::string &jobs) {
  const std::string sarif = dir / (tag + ".sarif"), json = dir / (tag + ".json");
  CliRun r = run_clause("scan -q --reproducible " + jobs + " -o sarif=" + sarif + " -o json=" + json + " " +
                        source_path("fixtures/demo") + " " + source_path("fixtures/rules") + " " +
                        source_path("fixtures/agreements") + " " + source_path("fixtures/plan"));
  EXPECT_EQ(r.exit_code, 1) << r.out;
  return Outputs{read_file(sarif), read_file(json)};
}

TEST(Determinism, SameBytesWhateverTheThreadsAndTheRun) {
  ScratchDir dir("clause-determinism");
  const Outputs one = scan(dir, "j1", "-j1");
  ASSERT_GT(one.sarif.size(), 1000u);
  ASSERT_NE(one.json.find("\"CL-0901\""), std::string::npos);
  for (const auto &[tag, jobs] : {std::pair<std::string, std::string>{"j2", "-j2"},
                                  {"j2-again", "-j2"},
                                  {"j8", "-j8"},
                                  {"j1-again", "-j1"}}) {
    const Outputs other = scan(dir, tag, jobs);
    EXPECT_TRUE(other.sarif == one.sarif) << tag << ": SARIF differs from -j1";
    EXPECT_TRUE(other.json == one.json) << tag << ": JSON differs from -j1";
  }
}

}  // namespace
