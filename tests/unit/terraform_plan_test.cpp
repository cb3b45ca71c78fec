// Plan JSON next to its .tf source: one resource per address, at the .tf
// line, with the plan deciding only what the source left unknown.
#include <gtest/gtest.h>

#include <set>
#include <tuple>

#include "checker/engine/rule_set.h"
#include "checker/scan/scanner.h"
#include "checker/terraform/plan_join.h"
#include "parsers/json/json_parser.h"
#include "span_expect.h"
#include "terraform_test_util.h"

namespace clause {
namespace {

using testing_support::expect_span;
using testing_support::TerraformFiles;
using Seen = std::set<std::tuple<std::string, std::string, uint32_t>>;  // rule, file, line

Seen scan(const std::string &root) {
  ScanOptions opts;
  opts.roots = {root};
  Report report = run_scan(RuleSet::builtin(), opts);
  Seen out;
  for (const auto &f : report.roots.at(0).findings)
    out.emplace(f.rule_id, f.location.path, f.location.span.start_line);
  for (const auto &d : report.roots.at(0).diagnostics)
    ADD_FAILURE() << d.path << ":" << d.diagnostic.span.start_line << ": " << d.diagnostic.message;
  return out;
}

TEST(TerraformPlan, PlanNextToSourceGivesTheSameFindingsAsTheSourceAlone) {
  const std::string dir = std::string(CLAUSE_SOURCE_DIR) + "/fixtures/terraform/plan-parity";
  Seen with_plan = scan(dir);
  Seen source_only = scan(dir + "/main.tf");
  const Seen expected = {{"CL-0901", "main.tf", 17}, {"CL-0902", "main.tf", 29}, {"CL-1001", "main.tf", 25}};
  EXPECT_EQ(source_only, expected);
  EXPECT_EQ(with_plan, expected);
}

Document plan_document(const std::string &path, std::string json) {
  Document d;
  d.kind = DocKind::TerraformPlan;
  d.path = path;
  d.source = std::move(json);
  parse_json(d, ParseOptions{});
  return d;
}

TEST(TerraformPlan, PlanDecidesUnknownsAtTheSourceLineAndKeepsPlanOnlyResources) {
  TerraformFiles files;
  files.add("main.tf",
            "variable \"days\" {}\n"
            "resource \"aws_cloudwatch_log_group\" \"app\" {\n"
            "  retention_in_days = var.days\n"
            "  name              = \"app\"\n"
            "}\n");
  const auto &ev = files.evaluate();
  Document plan = plan_document("plan.json", R"({"format_version": "1.2",
 "planned_values": {"root_module": {
  "resources": [
   {"address": "aws_cloudwatch_log_group.app", "mode": "managed", "type": "aws_cloudwatch_log_group",
    "name": "app", "values": {"retention_in_days": 30, "name": "from-plan"}}],
  "child_modules": [{"address": "module.remote", "resources": [
   {"address": "module.remote.aws_cloudwatch_log_group.x", "mode": "managed",
    "type": "aws_cloudwatch_log_group", "name": "x", "values": {"retention_in_days": 0}}]}]}}})");
  std::vector<Resource> resources = ev.resources;
  std::vector<Resource> plan_only = tf::join_plans(resources, ev.root, {&plan});
  ASSERT_EQ(resources.size(), 1u);
  const Resource &r = resources[0];
  EXPECT_EQ(r.document->path, "main.tf");
  const Node *days = r.body->get("retention_in_days");
  ASSERT_EQ(days->kind, NodeKind::Number);
  EXPECT_EQ(days->number, 30);
  expect_span(days->span, 3, 23, 3, 31);
  EXPECT_EQ(r.body->get("name")->text, "app");  // known in the source: the source wins
  ASSERT_EQ(plan_only.size(), 1u);
  EXPECT_EQ(plan_only[0].address, "module.remote.aws_cloudwatch_log_group.x");
  EXPECT_EQ(plan_only[0].document, &plan);
  EXPECT_EQ(plan_only[0].span.start_line, 7u);
}

}  // namespace
}  // namespace clause
