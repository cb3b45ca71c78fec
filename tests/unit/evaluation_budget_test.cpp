// The evaluation budget of a root module (checker/terraform/budget.h,
// docs/limits.md "Evaluation budget"): each growth shape of issue 23 stops
// at the budget with a `limit-eval-budget` warning at the expression where
// it ran out, and the rest of the scan keeps its findings. The shapes are
// a few hundred bytes; without the budget each grows to gigabytes.
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "checker/terraform/budget.h"
#include "terraform_test_util.h"
#include "tests/unit/cli_support.h"

namespace clause {
namespace {

using testing::CliRun;
using testing::run_clause;
using testing::ScratchDir;
using testing_support::render_value;
using testing_support::TerraformFiles;

const std::string kBudgetMessage =
    "needs more than its evaluation budget (1,000,000 nodes, 32 MiB) from this expression on; this value and "
    "every later one that needs more are treated as unknown [limit-eval-budget]";

// Scans `main_tf` (and `files`) beside good.tf, whose CL-0901 finding must
// survive, and expects exactly one warning: the budget's, at `at`
// ("main.tf:3:7") of root module `root`.
void expect_budget_stops(const std::string &main_tf, const std::string &at,
                         const std::vector<std::pair<std::string, std::string>> &files = {},
                         const std::string &root = ".") {
  ScratchDir dir("clause-budget");
  dir.write("good.tf", "resource \"aws_db_instance\" \"b\" {\n  backup_retention_period = 1\n}\n");
  dir.write("main.tf", main_tf);
  for (const auto &[path, text] : files) dir.write(path, text);
  CliRun r = run_clause("scan --no-color --no-cache --enable CL-0901 " + dir.str());
  EXPECT_EQ(r.exit_code, 1) << r.out;
  // The good file's finding first, then exactly one warning: the budget's.
  EXPECT_EQ(r.out.rfind(dir / "good.tf:2:3: medium: [CL-0901] ", 0), 0u) << r.out;
  std::vector<std::string> warnings;
  std::istringstream lines(r.out);
  for (std::string line; std::getline(lines, line);)
    if (line.find(": warning: ") != std::string::npos) warnings.push_back(line);
  EXPECT_EQ(warnings, std::vector<std::string>{dir / at + ": warning: evaluating root module \"" + root +
                                               "\" " + kBudgetMessage})
      << r.out;
}

// 10^9 blocks without the budget: 1,000 in each of three nested levels.
TEST(EvaluationBudget, NestedDynamicBlocks) {
  expect_budget_stops(
      "locals {\n"
      "  r = range(1000)\n"
      "}\n"
      "resource \"aws_security_group\" \"g\" {\n"
      "  dynamic \"a\" {\n"
      "    for_each = local.r\n"
      "    content {\n"
      "      dynamic \"b\" {\n"
      "        for_each = local.r\n"
      "        content {\n"
      "          dynamic \"c\" {\n"
      "            for_each = local.r\n"
      "            content {\n"
      "              x = c.value\n"
      "            }\n"
      "          }\n"
      "        }\n"
      "      }\n"
      "    }\n"
      "  }\n"
      "}\n",
      // Runs out copying local.r for an innermost for_each.
      "main.tf:12:24");
}

// Locals a1 … a40, each twice the one before; a bucket reads the last.
std::string doubling(const std::string &first, const std::string &step) {
  std::string text = "locals {\n  a0 = " + first + "\n";
  for (int i = 1; i <= 40; ++i) {
    std::string e = step, prev = "local.a" + std::to_string(i - 1);
    for (size_t at; (at = e.find('P')) != std::string::npos;) e.replace(at, 1, prev);
    text += "  a" + std::to_string(i) + " = " + e + "\n";
  }
  return text + "}\nresource \"aws_s3_bucket\" \"b\" {\n  tags = { n = length(local.a40) }\n}\n";
}

TEST(EvaluationBudget, LocalsDoublingAString) {
  // a21 (line 22) would be 10 * 2^21 bytes: more than 32 MiB.
  expect_budget_stops(doubling("\"0123456789\"", "\"${P}${P}\""), "main.tf:22:9");
}

TEST(EvaluationBudget, LocalsDoublingATuple) {
  // The second copy of a17 in a18 (line 19).
  expect_budget_stops(doubling("[1, 2]", "[P, P]"), "main.tf:19:21");
}

TEST(EvaluationBudget, LocalsDoublingAnObject) {
  expect_budget_stops(doubling("{ k = \"v\" }", "{ l = P, r = P }"), "main.tf:20:15");
}

TEST(EvaluationBudget, LocalsDoublingThroughConcat) {
  expect_budget_stops(doubling("[\"x\"]", "concat(P, P)"), "main.tf:20:9");
}

// m1 … m40 each pass the output of the one before, twice, to the same
// module, which hands it back as its output.
TEST(EvaluationBudget, ModuleOutputDoubledThroughFortyCalls) {
  std::string root = "module \"m0\" {\n  source = \"./m\"\n  in     = \"0123456789\"\n}\n";
  for (int i = 1; i <= 40; ++i) {
    std::string prev = "module.m" + std::to_string(i - 1) + ".out";
    root += "module \"m" + std::to_string(i) + "\" {\n  source = \"./m\"\n  in     = \"${" + prev + "}${" +
            prev + "}\"\n}\n";
  }
  root += "resource \"aws_s3_bucket\" \"b\" {\n  bucket = module.m40.out\n}\n";
  expect_budget_stops(
      root, "m/main.tf:3:11",
      {{"m/main.tf", "variable \"in\" {}\noutput \"out\" {\n  value = var.in\n  # padding\n}\n"}});
}

TEST(EvaluationBudget, NestedReplaceOfAThousandCharacters) {
  expect_budget_stops(
      "locals {\n  s = \"" + std::string(1000, '0') +
          "\"\n  r = replace(replace(replace(local.s, \"0\", local.s), \"0\", local.s), \"0\", "
          "local.s)\n}\n"
          "resource \"aws_s3_bucket\" \"b\" {\n  bucket = local.r\n}\n",
      "main.tf:3:15");
}

// 200 locals, each a few calls or lists around the next: 1,600 levels of
// evaluation on the call stack, or a value 20,000 levels deep, from a few
// KB of source whose every expression is shallow. Past kMaxEvalNesting the
// value is unknown, with one `limit-eval-depth` warning, and the bucket
// that reads the first local is evaluated with it.
TEST(EvaluationBudget, NestingThroughLocalsStopsAtTheLimit) {
  const std::pair<std::string, std::string> shapes[] = {{"upper(", ")"}, {"[", "]"}};
  for (const auto &shape : shapes) {
    const std::string &open = shape.first, &close = shape.second;
    std::string locals = "locals {\n";
    for (int i = 0; i < 200; ++i) {
      std::string wrapped = "local.a" + std::to_string(i + 1);
      for (int k = 0; k < (open == "[" ? 100 : 8); ++k) wrapped = open + wrapped + close;
      locals += "  a" + std::to_string(i) + " = " + wrapped + "\n";
    }
    locals += "  a200 = \"x\"\n}\n";
    TerraformFiles files;
    files.add("main.tf", locals + "resource \"aws_s3_bucket\" \"b\" {\n  bucket = local.a0\n}\n");
    const auto &ev = files.evaluate();
    ASSERT_EQ(ev.resources.size(), 1u) << open;
    ASSERT_EQ(ev.diagnostics.size(), 1u) << open;
    EXPECT_EQ(ev.diagnostics[0].diagnostic.code, "limit-eval-depth");
    EXPECT_EQ(ev.diagnostics[0].diagnostic.message,
              "evaluating root module \".\" nests values more than 512 levels deep (expressions inside one "
              "another, through locals, outputs and modules) from this expression on; the values that do are "
              "treated as unknown");
    const Node *bucket = ev.resources[0].body->get("bucket");
    ASSERT_TRUE(bucket);
    // upper() of an unknown is unknown; the lists keep what was built
    // below the limit around it.
    EXPECT_EQ(bucket->is_expression(), open == "upper(") << render_value(*bucket).substr(0, 80);
  }
}

// The budget is per root module: one root that spends it leaves another
// root of the same scan evaluated in full.
TEST(EvaluationBudget, EachRootModuleHasItsOwn) {
  TerraformFiles files;
  files.add("a/main.tf", doubling("[1, 2]", "[P, P]"));
  files.add("b/main.tf",
            "locals {\n  n = \"app\"\n}\n"
            "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"${local.n}-logs\"\n}\n");
  const auto &ev = files.evaluate();
  ASSERT_EQ(ev.resources.size(), 2u);
  ASSERT_EQ(ev.diagnostics.size(), 1u);
  EXPECT_EQ(ev.diagnostics[0].path, "a/main.tf");
  EXPECT_EQ(ev.diagnostics[0].diagnostic.code, "limit-eval-budget");
  EXPECT_EQ(ev.diagnostics[0].diagnostic.span.start_line, 19u);
  EXPECT_EQ(ev.diagnostics[0].diagnostic.span.start_col, 21u);
  for (const auto &r : ev.resources) {
    const Node *tags = r.body->get("tags");
    const Node *bucket = r.body->get("bucket");
    if (r.document->path == "a/main.tf") {
      ASSERT_TRUE(tags);
      EXPECT_EQ(render_value(*tags), "{n = ?}");
    } else {
      ASSERT_TRUE(bucket);
      EXPECT_EQ(render_value(*bucket), "\"app-logs\"");
    }
  }
}

TEST(EvaluationBudget, SpentBudgetRefusesEveryLaterCharge) {
  tf::EvalBudget budget(10, 100);
  Node list = Node::make_list();
  for (int i = 0; i < 4; ++i) list.items.push_back(Node::make_string("abcd"));
  EXPECT_TRUE(budget.charge_copy(list, nullptr, Span{}));  // 5 nodes, 16 bytes
  EXPECT_EQ(budget.nodes_used(), 5u);
  EXPECT_EQ(budget.bytes_used(), 16u);
  EXPECT_TRUE(budget.charge(5, 84, nullptr, Span{}));  // exactly what is left
  Span at{3, 7, 3, 9, 0, 0};
  EXPECT_FALSE(budget.charge(1, 0, nullptr, at));
  EXPECT_TRUE(budget.spent());
  EXPECT_FALSE(budget.charge(0, 0, nullptr, Span{4, 1, 4, 2, 0, 0}));
  ASSERT_TRUE(budget.overrun().has_value());
  EXPECT_EQ(budget.overrun()->span, at);  // the first place that did not fit
}

}  // namespace
}  // namespace clause
