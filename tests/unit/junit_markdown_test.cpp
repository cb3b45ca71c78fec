#include <gtest/gtest.h>

#include <sstream>

#include "reporters/junit_reporter.h"
#include "reporters/markdown_reporter.h"
#include "sample_report.h"

namespace clause {
namespace {

std::string junit_of(const Report &report) {
  std::ostringstream out;
  write_junit(report, out);
  return out.str();
}

std::string markdown_of(const Report &report, const MarkdownOptions &opts = {}) {
  std::ostringstream out;
  write_markdown(report, out, opts);
  return out.str();
}

using testing::count;

TEST(JunitReporter, ExactStructure) {
  const std::string expected =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<testsuites name=\"clause\" tests=\"4\" failures=\"2\" errors=\"1\" skipped=\"1\">\n"
      "  <testsuite name=\"5.9 deliver and operate\" tests=\"2\" failures=\"1\" errors=\"0\" skipped=\"1\">\n"
      "    <testcase classname=\"CL-0902\" name=\"fixtures/demo/main.tf:12 CL-0902\" "
      "file=\"fixtures/demo/main.tf\" line=\"12\">\n"
      "      <failure message=\"aws_db_instance.main keeps backups for 1 days; keep at least 7\" "
      "type=\"high\">"
      "fixtures/demo/main.tf:12:3: high: [CL-0902] aws_db_instance.main keeps backups for 1 days; keep at "
      "least 7\n"
      "  backup_retention_period = 1</failure>\n"
      "    </testcase>\n"
      "    <testcase classname=\"CL-0902\" name=\"fixtures/demo/modules/db/main.tf:5 CL-0902\" "
      "file=\"fixtures/demo/modules/db/main.tf\" line=\"5\">\n"
      "      <skipped message=\"suppressed: dev database, rebuilt nightly\"/>\n"
      "    </testcase>\n"
      "  </testsuite>\n"
      "  <testsuite name=\"5.10 monitor and report\" tests=\"1\" failures=\"1\" errors=\"0\" skipped=\"0\">\n"
      "    <testcase classname=\"CL-1003\" name=\"fixtures/demo/main.tf:20 CL-1003\" "
      "file=\"fixtures/demo/main.tf\" line=\"20\">\n"
      "      <failure message=\"aws_cloudwatch_log_group.app keeps logs 30 days; the agreement promises "
      "365\" "
      "type=\"medium\">fixtures/demo/main.tf:20:2: medium: [CL-1003] aws_cloudwatch_log_group.app keeps logs "
      "30 "
      "days; the agreement promises 365\n"
      "\tretention_in_days = 30\n"
      "fixtures/demo/agreements/csa.yaml:41:5: note: log retention promised here</failure>\n"
      "    </testcase>\n"
      "  </testsuite>\n"
      "  <testsuite name=\"input\" tests=\"1\" failures=\"0\" errors=\"1\" skipped=\"0\">\n"
      "    <testcase classname=\"clause.input\" name=\"fixtures/demo/broken.tf:3 parse-error\" "
      "file=\"fixtures/demo/broken.tf\" line=\"3\">\n"
      "      <error message=\"unexpected &apos;}&apos;\" type=\"parse-error\">fixtures/demo/broken.tf:3:7: "
      "unexpected '}' [parse-error]</error>\n"
      "    </testcase>\n"
      "  </testsuite>\n"
      "</testsuites>\n";
  EXPECT_EQ(junit_of(testing::sample_report()), expected);
}

// One case per finding, named `path:line RULE-ID`, so that a dashboard's row
// is one finding: two findings on one resource are two cases, and a second
// finding of a rule on the same line gets a numbered, still unique, name.
TEST(JunitReporter, OneCasePerFindingWithUniqueNames) {
  Report report = testing::sample_report();
  Finding again = report.roots[0].findings[0];
  again.location.span = testing::span(13, 3, 13, 30);
  again.message = "second finding on the same resource";
  Finding same_line = report.roots[0].findings[0];
  same_line.location.span = testing::span(12, 9, 12, 30);
  same_line.message = "another finding on line 12";
  report.roots[0].findings.insert(report.roots[0].findings.begin() + 1, {same_line, again});
  // A rule of another scenario with nothing to judge: one skipped case.
  RuleInfo quiet = testing::backup_rule();
  quiet.id = "CL-1501";
  quiet.name = "rm.deletion-evidence";
  quiet.scenario = "5.15";
  report.rules.push_back(quiet);

  const std::string xml = junit_of(report);
  for (const char *name :
       {"fixtures/demo/main.tf:12 CL-0902\" file=\"fixtures/demo/main.tf\" line=\"12\">",
        "fixtures/demo/main.tf:12 CL-0902 (2)\" file=\"fixtures/demo/main.tf\" line=\"12\">",
        "fixtures/demo/main.tf:13 CL-0902\" file=\"fixtures/demo/main.tf\" line=\"13\">"})
    EXPECT_EQ(count(xml, std::string("<testcase classname=\"CL-0902\" name=\"") + name), 1u) << name << "\n"
                                                                                             << xml;
  EXPECT_NE(xml.find("line=\"12\">\n      <failure message=\"another finding on line 12\" type=\"high\">"),
            std::string::npos)
      << xml;
  EXPECT_EQ(count(xml, "<failure "), 4u);
  EXPECT_EQ(count(xml, "<testcase "), 7u);
  EXPECT_NE(
      xml.find("<testsuite name=\"5.15 service removal\" tests=\"1\" failures=\"0\" errors=\"0\" "
               "skipped=\"1\">\n    <testcase classname=\"CL-1501\" name=\"rm.deletion-evidence (not "
               "applicable)\">\n      <skipped message=\"not applicable: no target of this rule in the scan "
               "root\"/>\n    </testcase>\n"),
      std::string::npos)
      << xml;
  EXPECT_EQ(xml.find("5.1 context"), std::string::npos);  // no rules, no suite
  EXPECT_NE(xml.find("<testsuites name=\"clause\" tests=\"7\" failures=\"4\" errors=\"1\" skipped=\"2\">"),
            std::string::npos)
      << xml;
}

TEST(JunitReporter, TalliesAddPassingUndecidedAndNotApplicableCases) {
  Report report = testing::sample_report();
  RootReport other = report.roots[0];
  other.name = "services/api";
  other.findings.clear();
  other.diagnostics.clear();
  report.roots[0].rule_tallies["CL-0902"] = RuleTally{5, 3, 2, 0};
  other.rule_tallies["CL-0902"] = RuleTally{2, 1, 0, 1};
  report.roots.push_back(other);

  const std::string xml = junit_of(report);
  EXPECT_NE(
      xml.find("<testcase classname=\"CL-0902\" name=\"ops.backup-enabled (3 targets pass) "
               "[fixtures/demo]\">\n      <system-out>3 targets of 5 judged by CL-0902 pass.</system-out>\n"),
      std::string::npos)
      << xml;
  EXPECT_NE(
      xml.find("<testcase classname=\"CL-0902\" name=\"ops.backup-enabled (1 target pass) [services/api]\">"),
      std::string::npos);
  EXPECT_NE(
      xml.find("<testcase classname=\"CL-0902\" name=\"ops.backup-enabled (1 target undecided) "
               "[services/api]\">\n      <skipped message=\"1 target could not be decided: values not known "
               "statically\"/>"),
      std::string::npos);
  // CL-1003 has no finding and no tally on services/api: not applicable there.
  EXPECT_NE(xml.find("name=\"mon.log-retention-matches-agreement (not applicable) [services/api]\""),
            std::string::npos);
  // 5.9: two failing resources (one suppressed: skipped), 3 pass, 1 pass, 1 undecided.
  EXPECT_NE(xml.find("<testsuite name=\"5.9 deliver and operate\" tests=\"5\" failures=\"1\" errors=\"0\" "
                     "skipped=\"2\">"),
            std::string::npos)
      << xml;
}

TEST(JunitReporter, XmlEscaping) {
  EXPECT_EQ(xml_escape("a<b>&\"c'", false), "a&lt;b&gt;&amp;\"c'");
  EXPECT_EQ(xml_escape("a<b>&\"c'", true), "a&lt;b&gt;&amp;&quot;c&apos;");
  EXPECT_EQ(xml_escape("l1\nl2\tx\r", true), "l1&#10;l2&#9;x&#13;");
  EXPECT_EQ(xml_escape("l1\nl2\tx", false), "l1\nl2\tx");
  // Characters XML 1.0 cannot carry, and broken UTF-8, become U+FFFD.
  EXPECT_EQ(xml_escape(std::string("nul\0esc\x1b", 8), false),
            "nul\xEF\xBF\xBD"
            "esc\xEF\xBF\xBD");
  EXPECT_EQ(xml_escape("bad \xff \xC3", false), "bad \xEF\xBF\xBD \xEF\xBF\xBD");
  EXPECT_EQ(xml_escape("\xEF\xBF\xBF", false), "\xEF\xBF\xBD");  // U+FFFF
  // A surrogate: each byte of the ill-formed sequence is replaced (as Unicode recommends).
  EXPECT_EQ(xml_escape("\xED\xA0\x80", false), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(xml_escape("caf\xC3\xA9 \xF0\x9F\x98\x80", false), "caf\xC3\xA9 \xF0\x9F\x98\x80");
}

TEST(MarkdownReporter, ScenarioTableAndTopFindings) {
  const std::string expected =
      "## clause: ISO/IEC 20000-9 conformance\n\n"
      "**2 findings** (1 high, 1 medium) · 1 suppressed · 4 files scanned · 1 input problem\n\n"
      "| Scenario | Status | Rules | Passed | Failed | Suppressed | Unknown | N/A | Findings |\n"
      "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n"
      "| 5.9 deliver and operate | ❌ fail | 1 | 0 | 1 | 0 | 0 | 0 | 1 (1 high) |\n"
      "| 5.10 monitor and report | ❌ fail | 1 | 0 | 1 | 0 | 0 | 0 | 1 (1 medium) |\n"
      "\n### Top findings\n\n"
      "| Severity | Rule | Location | Message |\n"
      "| --- | --- | --- | --- |\n"
      "| high | CL-0902 | fixtures/demo/main.tf:12 | aws\\_db\\_instance.main keeps backups for 1 days; keep "
      "at least 7 |\n"
      "| medium | CL-1003 | fixtures/demo/main.tf:20 | aws\\_cloudwatch\\_log\\_group.app keeps logs 30 "
      "days; the agreement promises 365 |\n";
  EXPECT_EQ(markdown_of(testing::sample_report()), expected);
}

TEST(MarkdownReporter, SeveralRootsGetARootMatrix) {
  Report report = testing::sample_report();
  for (int i = 0; i < 5; ++i) {
    RootReport r = report.roots[0];
    r.name = "svc-" + std::to_string(i);
    r.findings.clear();
    r.rule_tallies["CL-0902"] = RuleTally{1, 1, 0, 0};
    report.roots.push_back(r);
  }
  MarkdownOptions opts;
  opts.max_matrix_roots = 3;
  const std::string md = markdown_of(report, opts);
  EXPECT_NE(md.find("| Scenario | Status | Roots failing | Unknown | Passing | N/A | Findings |\n"
                    "| --- | --- | ---: | ---: | ---: | ---: | --- |\n"
                    "| 5.9 deliver and operate | ❌ fail | 1 | 0 | 5 | 0 | 1 (1 high) |\n"
                    "| 5.10 monitor and report | ❌ fail | 1 | 0 | 0 | 5 | 1 (1 medium) |\n"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("| fixtures/demo | ❌ fail | ➖ | ➖ | ➖ | ➖ | ➖ | ➖ | ➖ | ➖ | ❌ | ❌ | ➖ | ➖ | ➖ | ➖ | ➖ |\n"
                    "| svc-0 | ✅ pass | ➖ | ➖ | ➖ | ➖ | ➖ | ➖ | ➖ | ➖ | ✅ | ➖ |"),
            std::string::npos)
      << md;
  EXPECT_EQ(count(md, "| svc-"), 2u);
  EXPECT_NE(md.find("\n> Showing 3 of 6 scan roots; the HTML, JSON and SARIF outputs have them all.\n"),
            std::string::npos);
}

TEST(MarkdownReporter, TruncatesWithANote) {
  Report report = testing::sample_report();
  for (int i = 0; i < 500; ++i) {
    Finding f = report.roots[0].findings[1];
    f.location.span.start_line = 100 + i;
    report.roots[0].findings.push_back(f);
  }
  MarkdownOptions opts;
  opts.max_findings = 10;
  std::string md = markdown_of(report, opts);
  EXPECT_EQ(count(md, "| medium | CL-1003"), 9u);
  EXPECT_NE(md.find("| high | CL-0902"), std::string::npos);  // most severe first
  EXPECT_NE(md.find("\n> Showing 10 of 502 findings, the most severe first."), std::string::npos) << md;

  opts.max_findings = 1000;
  opts.max_bytes = 4096;
  md = markdown_of(report, opts);
  EXPECT_LE(md.size(), 4096u);
  EXPECT_NE(md.find("> Showing "), std::string::npos);
}

TEST(MarkdownReporter, NoFindingsAndCellEscaping) {
  Report report = testing::sample_report();
  report.roots[0].findings.clear();
  EXPECT_NE(markdown_of(report).find("**0 findings** · 0 suppressed"), std::string::npos);
  EXPECT_NE(markdown_of(report).find("\nNo findings.\n"), std::string::npos);
  EXPECT_EQ(markdown_cell("a|b\n<script>`x`"), "a\\|b \\<script\\>\\`x\\`");
}

}  // namespace
}  // namespace clause
