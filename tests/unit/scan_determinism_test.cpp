// DESIGN §2: output order is deterministic whatever the thread count. The
// whole fixtures tree (every format, parse errors, several findings per
// file) is scanned as one root at several -j values; the reports must be
// byte-identical.
#include <gtest/gtest.h>

#include <sstream>

#include "checker/engine/rule_set.h"
#include "checker/scan/scanner.h"
#include "reporters/json_reporter.h"
#include "reporters/text_reporter.h"
#include "sarif/sarif_writer.h"

namespace clause {
namespace {

std::string scan_all_formats(const RuleSet &rules, unsigned jobs) {
  ScanOptions opts;
  opts.roots = {std::string(CLAUSE_SOURCE_DIR) + "/fixtures"};
  opts.jobs = jobs;
  Report report = run_scan(rules, opts);
  std::ostringstream out;
  write_sarif(report, out);
  write_json(report, out);
  write_text(report, out, TextOptions{});
  return out.str();
}

// Twice in a row at -j1, then at -j2, -j3 and -j8 (more threads than cores
// and than some roots' files). Five scans keep the test inside its time
// budget under the sanitizers too.
TEST(ScanDeterminism, ReportsAreByteIdenticalForAnyJobCount) {
  const RuleSet rules = RuleSet::builtin();
  const std::string one = scan_all_formats(rules, 1);
  EXPECT_NE(one.find("\"ruleId\""), std::string::npos);
  EXPECT_EQ(scan_all_formats(rules, 1), one) << "-j1, second run";
  for (unsigned jobs : {2u, 3u, 8u}) EXPECT_EQ(scan_all_formats(rules, jobs), one) << "-j" << jobs;
}

}  // namespace
}  // namespace clause
