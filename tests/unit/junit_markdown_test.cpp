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

size_t count(const std::string &text, const std::string &what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST(JunitReporter, ExactStructure) {
  const std::string expected =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<testsuites name=\"clause\" tests=\"4\" failures=\"2\" errors=\"1\" skipped=\"1\">\n"
      "  <testsuite name=\"5.9 deliver and operate\" tests=\"2\" failures=\"1\" errors=\"0\" skipped=\"1\">\n"
      "    <testcase classname=\"CL-0902\" name=\"aws_db_instance.main\">\n"
      "      <failure message=\"aws_db_instance.main keeps backups for 1 days; keep at least 7\" "
      "type=\"high\">"
      "fixtures/demo/main.tf:12:3: high: [CL-0902] aws_db_instance.main keeps backups for 1 days; keep at "
      "least 7\n"
      "  backup_retention_period = 1</failure>\n"
      "    </testcase>\n"
      "    <testcase classname=\"CL-0902\" name=\"module.db.aws_db_instance.this\">\n"
      "      <skipped message=\"suppressed: dev database, rebuilt nightly\"/>\n"
      "    </testcase>\n"
      "  </testsuite>\n"
      "  <testsuite name=\"5.10 monitor and report\" tests=\"1\" failures=\"1\" errors=\"0\" skipped=\"0\">\n"
      "    <testcase classname=\"CL-1003\" name=\"aws_cloudwatch_log_group.app\">\n"
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
      "    <testcase classname=\"clause.input\" name=\"fixtures/demo/broken.tf\">\n"
      "      <error message=\"unexpected &apos;}&apos;\" type=\"parse-error\">fixtures/demo/broken.tf:3:7: "
      "unexpected '}' [parse-error]</error>\n"
      "    </testcase>\n"
      "  </testsuite>\n"
      "</testsuites>\n";
  EXPECT_EQ(junit_of(testing::sample_report()), expected);
}

TEST(JunitReporter, OneCasePerRuleAndResourceWithAFailurePerFinding) {
  Report report = testing::sample_report();
  Finding again = report.roots[0].findings[0];
  again.location.span = testing::span(13, 3, 13, 30);
  again.message = "second finding on the same resource";
  report.roots[0].findings.insert(report.roots[0].findings.begin() + 1, again);
  // A passing rule of another scenario gets a suite with one passing case.
  RuleInfo quiet = testing::backup_rule();
  quiet.id = "CL-1501";
  quiet.name = "rm.deletion-evidence";
  quiet.scenario = "5.15";
  report.rules.push_back(quiet);

  const std::string xml = junit_of(report);
  EXPECT_EQ(count(xml, "<testcase classname=\"CL-0902\" name=\"aws_db_instance.main\">"), 1u);
  EXPECT_EQ(count(xml, "<failure "), 3u);
  EXPECT_NE(xml.find("<testsuite name=\"5.15 service removal\" tests=\"1\" failures=\"0\" errors=\"0\" "
                     "skipped=\"0\">\n    <testcase classname=\"CL-1501\" name=\"rm.deletion-evidence\"/>\n"),
            std::string::npos)
      << xml;
  EXPECT_EQ(xml.find("5.1 context"), std::string::npos);  // no rules, no suite
  EXPECT_NE(xml.find("<testsuites name=\"clause\" tests=\"5\" failures=\"2\" errors=\"1\" skipped=\"1\">"),
            std::string::npos);
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
      "| Scenario | Rules | Findings | Critical | High | Medium | Low | Info |\n"
      "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n"
      "| 5.9 deliver and operate | 1 | 1 | 0 | 1 | 0 | 0 | 0 |\n"
      "| 5.10 monitor and report | 1 | 1 | 0 | 0 | 1 | 0 | 0 |\n"
      "\n### Top findings\n\n"
      "| Severity | Rule | Location | Message |\n"
      "| --- | --- | --- | --- |\n"
      "| high | CL-0902 | fixtures/demo/main.tf:12 | aws\\_db\\_instance.main keeps backups for 1 days; keep "
      "at least 7 |\n"
      "| medium | CL-1003 | fixtures/demo/main.tf:20 | aws\\_cloudwatch\\_log\\_group.app keeps logs 30 "
      "days; the agreement promises 365 |\n";
  EXPECT_EQ(markdown_of(testing::sample_report()), expected);
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
