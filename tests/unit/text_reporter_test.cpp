#include "reporters/text_reporter.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <sstream>

#include "sample_report.h"

namespace clause {
namespace {

std::string text_of(const Report &report, const TextOptions &opts = {}) {
  std::ostringstream out;
  write_text(report, out, opts);
  return out.str();
}

TEST(TextReporter, CompilerStyleLinesWithCarets) {
  const std::string expected =
      "fixtures/demo/main.tf:12:3: high: [CL-0902] aws_db_instance.main keeps backups for 1 days; keep at "
      "least 7\n"
      "  backup_retention_period = 1\n"
      "  ^~~~~~~~~~~~~~~~~~~~~~~~~~~\n"
      "fixtures/demo/main.tf:20:2: medium: [CL-1003] aws_cloudwatch_log_group.app keeps logs 30 days; the "
      "agreement promises 365\n"
      "\tretention_in_days = 30\n"
      "\t^~~~~~~~~~~~~~~~~~~~~~\n"
      "fixtures/demo/agreements/csa.yaml:41:5: note: log retention promised here\n"
      "fixtures/demo/broken.tf:3:7: warning: unexpected '}' [parse-error]\n"
      "2 findings (1 high, 1 medium), 1 suppressed; 4 files scanned (1 agreement, 3 terraform), 2 skipped; "
      "1 input problem\n";
  EXPECT_EQ(text_of(testing::sample_report()), expected);
}

TEST(TextReporter, ShowsSuppressedWhenAsked) {
  TextOptions opts;
  opts.show_suppressed = true;
  opts.show_source = false;
  opts.summary = false;
  const std::string text = text_of(testing::sample_report(), opts);
  EXPECT_NE(
      text.find("fixtures/demo/modules/db/main.tf:5:3: high: [CL-0902] module.db.aws_db_instance.this keeps "
                "backups for 0 days; keep at least 7 [suppressed: dev database, rebuilt nightly]\n"),
      std::string::npos)
      << text;
  EXPECT_EQ(text.find("backup_retention_period"), std::string::npos);
}

TEST(TextReporter, RootDotIsNotPrefixed) {
  Report report = testing::sample_report();
  report.roots[0].name = ".";
  const std::string text = text_of(report);
  EXPECT_EQ(text.rfind("main.tf:12:3: high: [CL-0902]", 0), 0u) << text;
}

TEST(TextReporter, ColourOnlyWhenAsked) {
  EXPECT_EQ(text_of(testing::sample_report()).find('\033'), std::string::npos);
  TextOptions opts;
  opts.color = true;
  const std::string text = text_of(testing::sample_report(), opts);
  EXPECT_NE(text.find("\033[1;31mhigh:\033[0m"), std::string::npos) << text;
  EXPECT_NE(text.find("\033[1;33mmedium:\033[0m"), std::string::npos);
  EXPECT_NE(text.find("\033[1;36mnote:\033[0m"), std::string::npos);
}

TEST(TextReporter, CaretLineHandlesTabsUtf8AndMultiLineSpans) {
  EXPECT_EQ(caret_line("abc", 1, 2), "^");
  EXPECT_EQ(caret_line("abc", 2, 0), " ^");
  EXPECT_EQ(caret_line("\t\tx = 1", 3, 8), "\t\t^~~~~");
  // "ü" is two bytes but one column on screen.
  EXPECT_EQ(caret_line("n = \"\xC3\xBC\" x", 9, 10), "       ^");
  EXPECT_EQ(caret_line("n = \"\xC3\xBC\"", 6, 8), "     ^");
  // A column past the end of the line still gets a caret.
  EXPECT_EQ(caret_line("ab", 4, 0), "   ^");
  // A span running onto later lines is marked to the end of the snippet.
  TextOptions opts;
  opts.summary = false;
  Report report = testing::sample_report();
  report.roots[0].findings[0].location.span = testing::span(12, 3, 14, 1);
  const std::string text = text_of(report, opts);
  EXPECT_NE(text.find("  backup_retention_period = 1\n  ^~~~~~~~~~~~~~~~~~~~~~~~~~~\n"), std::string::npos)
      << text;
}

TEST(TextReporter, NoFindingsSummary) {
  Report report;
  RootReport root;
  root.name = ".";
  report.roots.push_back(root);
  EXPECT_EQ(text_of(report), "0 findings; 0 files scanned\n");
}

TEST(TextReporter, WantColorHonoursNoColorAndTty) {
  const char *saved = std::getenv("NO_COLOR");
  const std::string saved_value = saved ? saved : "";
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  unsetenv("NO_COLOR");
  EXPECT_FALSE(want_color(fds[0]));  // a pipe is not a terminal
  setenv("NO_COLOR", "", 1);
  EXPECT_FALSE(want_color(fds[0]));
  EXPECT_FALSE(want_color(STDOUT_FILENO));
  close(fds[0]);
  close(fds[1]);
  if (saved) {
    setenv("NO_COLOR", saved_value.c_str(), 1);
  } else {
    unsetenv("NO_COLOR");
  }
}

}  // namespace
}  // namespace clause
