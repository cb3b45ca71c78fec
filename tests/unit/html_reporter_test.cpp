#include "reporters/html_reporter.h"

#include <gtest/gtest.h>

#include <sstream>

#include "sample_report.h"

namespace clause {
namespace {

std::string html_of(const Report &report, const HtmlOptions &opts = {}) {
  std::ostringstream out;
  write_html(report, out, opts);
  return out.str();
}

using testing::count;

TEST(HtmlReporter, SelfContainedAndDeterministic) {
  const Report report = testing::sample_report();
  const std::string html = html_of(report);
  EXPECT_EQ(html, html_of(report));
  EXPECT_EQ(html.rfind("<!DOCTYPE html>\n", 0), 0u);
  EXPECT_EQ(count(html, "<script"), 1u);
  EXPECT_EQ(count(html, "<style"), 1u);
  // Nothing is fetched: no external references of any kind.
  EXPECT_EQ(html.find("src=\""), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_EQ(html.find("@import"), std::string::npos);
  EXPECT_EQ(html.find("url("), std::string::npos);
  EXPECT_EQ(html.find("scanned 20"), std::string::npos);
  Report timed = report;
  timed.started_at = "2024-05-01T10:00:00Z";
  timed.roots[0].vcs = {"https://example.com/org/repo.git", "94fecb21eea5a4d4a0bd77368f7cdec64dc7ca30",
                        "main"};
  const std::string with_provenance = html_of(timed);
  EXPECT_NE(with_provenance.find(" · scanned 2024-05-01T10:00:00Z</p>"), std::string::npos);
  EXPECT_NE(with_provenance.find("<span class=\"path\" title=\"https://example.com/org/repo.git\">git "
                                 "94fecb21eea5 (main)</span>"),
            std::string::npos);
}

TEST(HtmlReporter, MatrixHasFifteenScenarioColumnsAndARowPerRoot) {
  Report report = testing::sample_report();
  RootReport second = report.roots[0];
  second.name = "services/api";
  second.findings.clear();
  report.roots.push_back(second);
  const std::string html = html_of(report);
  EXPECT_EQ(count(html, "<th scope=\"col\" data-sc=\""), 15u);
  EXPECT_NE(html.find("<th scope=\"col\" data-sc=\"5.15\" title=\"5.15 service removal\">"),
            std::string::npos);
  EXPECT_EQ(count(html, "<tr data-root=\""), 2u);
  // The sample root fails 5.9 and 5.10 (one finding each); the second root,
  // with no findings and no tallies, has nothing applicable.
  EXPECT_NE(html.find("<td class=\"fail\" data-sc=\"5.9\""), std::string::npos);
  EXPECT_NE(html.find("<td class=\"fail\" data-sc=\"5.10\""), std::string::npos);
  EXPECT_EQ(count(html, "<td class=\"na\""), 13u + 15u);
  EXPECT_NE(html.find("<tfoot>"), std::string::npos);
}

TEST(HtmlReporter, MatrixLeavesOutTheFolderAllRootsShare) {
  Report report = testing::sample_report();
  report.roots[0].name = "/srv/audit/billing";
  RootReport second = report.roots[0];
  second.name = "/srv/audit/bill";
  report.roots.push_back(second);
  std::string html = html_of(report);
  EXPECT_NE(html.find("<span>Roots under <code>/srv/audit/</code>.</span>"), std::string::npos);
  EXPECT_NE(html.find("<a href=\"#root-0\" title=\"/srv/audit/billing\">billing</a>"), std::string::npos);
  EXPECT_NE(html.find("<a href=\"#root-1\" title=\"/srv/audit/bill\">bill</a>"), std::string::npos);
  report.roots[1].name = "/srv/audit/";  // would be left empty: keep the names whole
  html = html_of(report);
  EXPECT_EQ(html.find("Roots under"), std::string::npos);
  EXPECT_NE(html.find("title=\"/srv/audit/billing\">/<wbr>srv/<wbr>audit/<wbr>billing</a>"),
            std::string::npos);
}

TEST(HtmlReporter, FindingDrillDown) {
  const std::string html = html_of(testing::sample_report());
  // The finding: severity, rule, file:line:col, message, the source line
  // with the span marked, the related agreement location and the rule doc.
  EXPECT_NE(html.find("<details class=\"f\" data-sev=\"medium\" data-sc=\"5.10\" data-root=\"0\"><summary>"
                      "<span class=\"sev medium\">medium</span><code>CL-1003</code><span class=\"l mono\">"
                      "main.tf:20:2</span>"),
            std::string::npos);
  EXPECT_NE(html.find("<pre class=\"src\"><i>20</i>\t<mark>retention_in_days = 30</mark></pre>"),
            std::string::npos)
      << html;
  EXPECT_NE(
      html.find("Related: <span class=\"mono\">agreements/csa.yaml:41:5</span> — log retention promised "
                "here"),
      std::string::npos);
  EXPECT_NE(html.find("<a href=\"#rule-CL-0902\">CL-0902: Databases keep"), std::string::npos);
  EXPECT_NE(html.find("<details class=\"rule\" id=\"rule-CL-0902\">"), std::string::npos);
  EXPECT_NE(html.find("<h3>CL-0902 ops.backup-enabled</h3>"), std::string::npos);
  // The suppressed finding is there, marked, with its justification.
  EXPECT_NE(html.find("data-root=\"0\" data-suppressed=\"\"><summary><span class=\"sev suppressed\">"),
            std::string::npos);
  EXPECT_NE(html.find("dev database, rebuilt nightly"), std::string::npos);
  EXPECT_NE(html.find("1 input problem</summary>"), std::string::npos);
}

TEST(HtmlReporter, EscapesEverythingFromTheScan) {
  Report report = testing::sample_report();
  RootReport &root = report.roots[0];
  root.name = "<img src=x onerror=alert(1)>";
  root.abs_path = "/tmp/\"><script>alert(2)</script>";
  Finding &f = root.findings[0];
  f.location.path = "<svg onload=alert(3)>.tf";
  f.message = "bad </summary><script>alert(4)</script>";
  f.snippet = "x = 1 # </pre><script>alert(5)</script>";
  f.location.span = testing::span(12, 1, 12, 2);
  f.resource = "aws_db_instance.\"quoted'";
  f.related.push_back({{"a'b\".yaml", testing::span(1, 1, 1, 2)}, "<b>not bold</b>"});
  report.rules[0].title = "Title with <i>tags</i> & \"quotes\"";
  report.rules[0].help_markdown = "# Doc\n\n<script>alert(6)</script>\n\n[x](javascript:alert(7))\n";
  report.roots[0].diagnostics[0].diagnostic.message = "<iframe src=evil>";
  const std::string html = html_of(report);
  EXPECT_EQ(count(html, "<script"), 1u);
  for (const char *raw :
       {"<img", "<svg onload", "<iframe", "<b>not", "<i>tags", "javascript:", "onerror=alert(1)>"}) {
    EXPECT_EQ(html.find(raw), std::string::npos) << raw;
  }
  EXPECT_NE(html.find("&lt;img src=x onerror=alert(1)&gt;"), std::string::npos);
  EXPECT_NE(html.find("bad &lt;/summary&gt;&lt;script&gt;alert(4)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(html.find("<mark>x</mark> = 1 # &lt;/pre&gt;&lt;script&gt;alert(5)&lt;/script&gt;</pre>"),
            std::string::npos);
  EXPECT_NE(html.find("<code>aws_db_instance.&quot;quoted&apos;</code>"), std::string::npos);
  EXPECT_NE(html.find("a&apos;b&quot;.yaml:1:1"), std::string::npos);
}

TEST(HtmlReporter, CapsFindingsPerRootWithANote) {
  Report report = testing::sample_report();
  for (uint32_t i = 0; i < 10; ++i) {
    Finding f = report.roots[0].findings[1];
    f.location.span.start_line = 100 + i;
    report.roots[0].findings.push_back(f);
  }
  HtmlOptions opts;
  opts.max_findings_per_root = 4;
  const std::string html = html_of(report, opts);
  EXPECT_EQ(count(html, "<details class=\"f\""), 4u);
  EXPECT_NE(html.find("Showing 4 of 13 findings of this root, the most severe first"), std::string::npos);
  // The most severe is kept; the suppressed one goes last, so it is cut.
  EXPECT_NE(html.find("data-sev=\"high\" data-sc=\"5.9\""), std::string::npos);
  EXPECT_EQ(html.find("data-suppressed=\"\""), std::string::npos);
}

TEST(HtmlReporter, SnippetMarkKeepsUtf8Whole) {
  Report report = testing::sample_report();
  Finding &f = report.roots[0].findings[0];
  f.snippet = "name = \"caf\xC3\xA9\"";
  f.location.span = testing::span(12, 13, 12, 14);  // starts inside "é"
  const std::string html = html_of(report);
  EXPECT_NE(html.find("<i>12</i>name = &quot;caf<mark>\xC3\xA9</mark>&quot;</pre>"), std::string::npos);
}

}  // namespace
}  // namespace clause
