// The filter stage (checker/workflow/filter.h): each step's findings in and
// out, and the order between them — inline suppressions before the cap, the
// CL-0004 findings after the directives, the cap before file suppressions,
// selection before the baseline, suppressions before the baseline.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "checker/discovery/discover.h"
#include "checker/project/loader.h"
#include "checker/workflow/baseline.h"
#include "checker/workflow/config.h"
#include "checker/workflow/filter.h"
#include "checker/workflow/meta_rules.h"
#include "checker/workflow/report_paths.h"
#include "tests/unit/cli_run.h"

namespace clause {
namespace {

using testing::TempTree;

RuleInfo rule(const std::string &id, Severity severity) {
  RuleInfo r;
  r.id = id;
  r.name = "test." + id;
  r.severity = severity;
  return r;
}

const RuleInfo kHigh = rule("CL-0901", Severity::High);
const RuleInfo kMedium = rule("CL-0903", Severity::Medium);
const RuleInfo kLow = rule("CL-0902", Severity::Low);

Finding at(const RuleInfo &r, const std::string &path, uint32_t line, const std::string &resource,
           const std::string &unit = "") {
  FindingParts parts;
  parts.location = Location{path, Span{line, 1, line, 10}};
  parts.message = r.id + " at " + path + ":" + std::to_string(line);
  parts.resource = resource;
  parts.snippet = "line " + std::to_string(line);
  parts.unit = unit;
  return make_finding(r, std::move(parts));
}

// "path:line RULE", with " suppressed(kind)" when it is.
std::vector<std::string> describe(const std::vector<Finding> &findings) {
  std::vector<std::string> out;
  for (const Finding &f : findings) {
    std::string s = f.location.path + ":" + std::to_string(f.location.span.start_line) + " " + f.rule_id;
    if (f.suppression) s += " suppressed(" + f.suppression->kind + ")";
    out.push_back(s);
  }
  return out;
}

SuppressionOptions inline_options() {
  SuppressionOptions o;
  o.today = "2025-06-01";
  return o;
}

const RuleInfo &input_rule() { return *find_meta_rule(kInputParseRule); }

TEST(FilterStage, RootStepsSuppressInlineThenAddInputFindingsThenCap) {
  TempTree t;
  t.write("main.tf",
          "# clause:ignore CL-0901,CL-0004 -- replicated elsewhere\n"
          "resource \"aws_db_instance\" \"a\" {\n"
          "  x = 1\n"
          "}\n"
          "resource \"aws_db_instance\" \"b\" {\n"
          "  y = 1\n"
          "  z = 1\n"
          "}\n");
  const Project project = load_project(discover(t.path(), {}), {});
  std::vector<Finding> findings = {at(kHigh, "main.tf", 3, "aws_db_instance.a"),
                                   at(kLow, "main.tf", 6, "aws_db_instance.b"),
                                   at(kMedium, "main.tf", 7, "aws_db_instance.b")};
  // Inside the block the directive covers, and the directive names its
  // rule, but it joins after the directives are applied.
  std::vector<Finding> input = {at(input_rule(), "main.tf", 3, "main.tf")};
  std::vector<FileDiagnostic> diagnostics;
  filter_root(project, {kHigh, kMedium, kLow, input_rule()}, inline_options(), 2, findings, std::move(input),
              diagnostics);
  // The cap keeps the unsuppressed first: the suppressed high finding goes
  // before the medium ones, the low one after them.
  EXPECT_EQ(describe(findings), (std::vector<std::string>{"main.tf:3 CL-0004", "main.tf:7 CL-0903"}));
  ASSERT_EQ(diagnostics.size(), 1u);
  EXPECT_EQ(diagnostics[0].path, "main.tf");
  EXPECT_EQ(
      diagnostics[0].diagnostic.message,
      "4 findings in this file, over the limit of 2 (--max-findings-per-file); only the most severe 2 are "
      "reported");
}

TEST(FilterStage, RootStepsWithoutACapKeepSuppressedFindingsInOrder) {
  TempTree t;
  t.write("main.tf",
          "resource \"aws_db_instance\" \"a\" { # clause:ignore CL-0901 -- replicated elsewhere\n}\n");
  const Project project = load_project(discover(t.path(), {}), {});
  std::vector<Finding> findings = {at(kHigh, "main.tf", 1, "aws_db_instance.a"),
                                   at(kLow, "main.tf", 1, "aws_db_instance.a")};
  std::vector<FileDiagnostic> diagnostics;
  filter_root(project, {kHigh, kLow}, inline_options(), 0, findings, {}, diagnostics);
  EXPECT_EQ(describe(findings),
            (std::vector<std::string>{"main.tf:1 CL-0901 suppressed(inSource)", "main.tf:1 CL-0902"}));
  EXPECT_TRUE(diagnostics.empty());
}

Report report_of(const TempTree &t, std::vector<Finding> findings) {
  Report report;
  report.rules = {kHigh, kLow, kMedium};
  RootReport root;
  root.name = "root";
  root.abs_path = t.path();
  root.findings = std::move(findings);
  report.roots.push_back(std::move(root));
  return report;
}

TEST(FilterStage, TheCapComesBeforeFileSuppressions) {
  TempTree t;
  t.write("main.tf", "");
  t.write(".clause.yaml",
          "version: 1\nsuppressions:\n  - path: \"*.tf\"\n    rules: [CL-0901]\n    reason: accepted\n"
          "  - path: \"*.tf\"\n    rules: [CL-0902]\n    reason: old\n    until: 2024-01-01\n");
  const Config config = load_config(t.path() + "/.clause.yaml");
  const Project project = load_project(discover(t.path(), {}), {});
  std::vector<Finding> findings = {at(kHigh, "main.tf", 1, "a"), at(kLow, "main.tf", 2, "b"),
                                   at(kLow, "main.tf", 3, "c")};
  std::vector<FileDiagnostic> diagnostics;
  filter_root(project, {kHigh, kLow}, inline_options(), 2, findings, {}, diagnostics);
  Report report = report_of(t, std::move(findings));
  ReportFilter filter;
  filter.configs = {&config};
  filter.today = "2025-06-01";
  const std::vector<std::string> warnings = filter_report(report, filter);
  // The cap counted the high finding as unsuppressed: it kept it and line 2,
  // and the file suppression marked it afterwards; line 3 stays cut. The
  // expired suppression marks nothing and says so.
  EXPECT_EQ(describe(report.roots[0].findings),
            (std::vector<std::string>{"main.tf:1 CL-0901 suppressed(external)", "main.tf:2 CL-0902"}));
  EXPECT_EQ(report.roots[0].findings[0].suppression->justification, "accepted");
  EXPECT_EQ(warnings,
            (std::vector<std::string>{t.path() + "/.clause.yaml:6: the suppression of '*.tf' expired on "
                                                 "2024-01-01 and is no longer applied"}));
}

TEST(FilterStage, ASuppressedFindingStaysAndLeavesItsBaselineEntryUnused) {
  TempTree t;
  t.write("main.tf", "");
  t.write(".clause.yaml",
          "version: 1\nsuppressions:\n  - path: main.tf\n    rules: [CL-0901]\n    reason: accepted\n");
  const Config config = load_config(t.path() + "/.clause.yaml");
  const std::vector<Finding> findings = {at(kHigh, "main.tf", 1, "a"), at(kLow, "main.tf", 2, "b")};
  // The baseline holds both findings as they were before the suppression.
  const Baseline baseline = make_baseline(report_of(t, findings));
  ASSERT_EQ(baseline.entries.size(), 2u);
  Report report = report_of(t, findings);
  ReportFilter filter;
  filter.configs = {&config};
  filter.today = "2025-06-01";
  filter.baseline = &baseline;
  EXPECT_TRUE(filter_report(report, filter).empty());
  EXPECT_EQ(describe(report.roots[0].findings),
            (std::vector<std::string>{"main.tf:1 CL-0901 suppressed(external)"}));
  EXPECT_EQ(report.roots[0].baselined, 1u);
}

TEST(FilterStage, SelectionComesBeforeTheBaseline) {
  TempTree t;
  t.write("a.tf", "");
  t.write("b.tf", "");
  const std::vector<Finding> findings = {at(kHigh, "a.tf", 1, "a"), at(kHigh, "b.tf", 1, "b"),
                                         at(kLow, "b.tf", 2, "provider.aws", "envs/prod")};
  const Baseline baseline = make_baseline(report_of(t, {findings[0], findings[1]}));
  Report report = report_of(t, findings);
  report.roots[0].selected_units = {"envs/prod"};
  report.roots[0].diagnostics = {FileDiagnostic{"a.tf", Diagnostic{DiagLevel::Warning, "x", "kept", {}}},
                                 FileDiagnostic{"b.tf", Diagnostic{DiagLevel::Warning, "x", "dropped", {}}}};
  const FileSelection selection({t.path() + "/a.tf", t.path() + "/gone.tf"});
  ReportFilter filter;
  filter.configs = {nullptr};
  filter.selection = &selection;
  filter.baseline = &baseline;
  EXPECT_TRUE(filter_report(report, filter).empty());
  // b.tf:1 left with the selection, so the baseline absorbed only a.tf:1;
  // the unit finding stays because its unit holds a selected file.
  EXPECT_EQ(describe(report.roots[0].findings), (std::vector<std::string>{"b.tf:2 CL-0902"}));
  EXPECT_EQ(report.roots[0].baselined, 1u);
  ASSERT_EQ(report.roots[0].diagnostics.size(), 1u);
  EXPECT_EQ(report.roots[0].diagnostics[0].diagnostic.message, "kept");
}

TEST(FilterStage, NothingToApplyLeavesTheReportAlone) {
  TempTree t;
  Report report = report_of(t, {at(kHigh, "a.tf", 1, "a")});
  EXPECT_TRUE(filter_report(report, ReportFilter{}).empty());
  EXPECT_EQ(describe(report.roots[0].findings), (std::vector<std::string>{"a.tf:1 CL-0901"}));
  EXPECT_EQ(report.roots[0].baselined, 0u);
}

}  // namespace
}  // namespace clause
