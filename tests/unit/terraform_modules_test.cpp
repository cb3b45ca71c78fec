// Local module calls: arguments into variables, addresses, locations and
// call chains, outputs, count / for_each on calls, provider inheritance,
// which directories are roots, and the cycle and depth guards.
#include <gtest/gtest.h>

#include <filesystem>

#include "checker/engine/rule_set.h"
#include "checker/scan/scanner.h"
#include "span_expect.h"
#include "terraform_test_util.h"

namespace clause {
namespace {

using testing_support::expect_span;
using testing_support::render_value;
using testing_support::TerraformFiles;

TEST(TerraformModules, DefaultFlowsThroughLocalIntoModuleArgument) {
  TerraformFiles files;
  files.add("main.tf",
            "variable \"retention\" {\n"
            "  default = 3\n"
            "}\n"
            "locals {\n"
            "  days = var.retention\n"
            "}\n"
            "module \"db\" {\n"
            "  source    = \"./modules/db\"\n"
            "  retention = local.days\n"
            "}\n");
  files.add("modules/db/main.tf",
            "variable \"retention\" {}\n"
            "resource \"aws_db_instance\" \"this\" {\n"
            "  backup_retention_period = var.retention\n"
            "}\n");
  const auto &ev = files.evaluate();
  EXPECT_TRUE(ev.diagnostics.empty());
  // The called directory is not also evaluated as a root of its own.
  EXPECT_EQ(files.addresses(), std::vector<std::string>{"module.db.aws_db_instance.this"});
  const Resource *r = files.find("module.db.aws_db_instance.this");
  EXPECT_EQ(r->document->path, "modules/db/main.tf");
  expect_span(r->span, 2, 1, 2, 34);
  ASSERT_EQ(r->call_chain.size(), 1u);
  EXPECT_EQ(r->call_chain[0].path, "main.tf");
  expect_span(r->call_chain[0].span, 7, 1, 7, 12);
  const Node &v = files.attr("module.db.aws_db_instance.this", "backup_retention_period");
  EXPECT_EQ(v.number, 3);
  expect_span(v.span, 3, 29, 3, 42);
}

TEST(TerraformModules, FindingInModuleFileWithCallSiteAsRelatedLocation) {
  RuleSet rules = RuleSet::builtin();
  rules.filter([](const Rule &r) { return r.info.id == "CL-0901"; });
  ScanOptions opts;
  opts.roots = {std::string(CLAUSE_SOURCE_DIR) + "/fixtures/rules/CL-0901/fail-module"};
  Report report = run_scan(rules, opts);
  const auto &findings = report.roots.at(0).findings;
  ASSERT_EQ(findings.size(), 1u);
  const Finding &f = findings[0];
  EXPECT_EQ(f.rule_id, "CL-0901");
  EXPECT_EQ(f.resource, "module.db.aws_db_instance.this");
  EXPECT_EQ(f.location.path, "modules/db/main.tf");
  expect_span(f.location.span, 6, 3, 6, 42);
  EXPECT_EQ(
      f.message,
      "module.db.aws_db_instance.this is not backed up as required (backup_retention_period is 3); "
      "keep automated backups for at least the configured minimum (minRetentionDays, 7 days by default) "
      "or add it to an AWS Backup plan");
  ASSERT_EQ(f.related.size(), 1u);
  EXPECT_EQ(f.related[0].location.path, "main.tf");
  expect_span(f.related[0].location.span, 9, 1, 9, 12);
  EXPECT_EQ(f.related[0].message, "instantiated through this module call");
}

TEST(TerraformModules, NestedCallsOutputsAndCallChains) {
  TerraformFiles files;
  files.add("main.tf",
            "module \"app\" {\n"
            "  source = \"./app\"\n"
            "  env    = \"prod\"\n"
            "}\n"
            "resource \"test_thing\" \"uses\" {\n"
            "  name = module.app.bucket_name\n"
            "  all  = module.app\n"
            "}\n");
  files.add("app/main.tf",
            "variable \"env\" {}\n"
            "module \"store\" {\n"
            "  source = \"../store\"\n"
            "  name   = \"${var.env}-data\"\n"
            "}\n"
            "output \"bucket_name\" {\n"
            "  value = module.store.name\n"
            "}\n");
  files.add("store/main.tf",
            "variable \"name\" {}\n"
            "resource \"test_thing\" \"bucket\" {\n"
            "  bucket = var.name\n"
            "}\n"
            "output \"name\" {\n"
            "  value = upper(var.name)\n"
            "}\n");
  files.evaluate();
  EXPECT_EQ(files.addresses(),
            (std::vector<std::string>{"module.app.module.store.test_thing.bucket", "test_thing.uses"}));
  const Resource *inner = files.find("module.app.module.store.test_thing.bucket");
  EXPECT_EQ(inner->document->path, "store/main.tf");
  ASSERT_EQ(inner->call_chain.size(), 2u);
  EXPECT_EQ(inner->call_chain[0].path, "main.tf");
  EXPECT_EQ(inner->call_chain[0].span.start_line, 1u);
  EXPECT_EQ(inner->call_chain[1].path, "app/main.tf");
  EXPECT_EQ(inner->call_chain[1].span.start_line, 2u);
  EXPECT_EQ(files.attr("module.app.module.store.test_thing.bucket", "bucket").text, "prod-data");
  EXPECT_EQ(files.attr("test_thing.uses", "name").text, "PROD-DATA");
  EXPECT_EQ(render_value(files.attr("test_thing.uses", "all")), R"({bucket_name = "PROD-DATA"})");
}

TEST(TerraformModules, CountAndForEachOnModuleCalls) {
  TerraformFiles files;
  files.add("main.tf",
            "module \"counted\" {\n"
            "  source = \"./m\"\n"
            "  count  = 2\n"
            "  label  = \"c${count.index}\"\n"
            "}\n"
            "module \"each\" {\n"
            "  source   = \"./m\"\n"
            "  for_each = { x = \"ex\", y = \"why\" }\n"
            "  label    = each.value\n"
            "}\n"
            "module \"off\" {\n"
            "  source = \"./m\"\n"
            "  count  = 0\n"
            "  label  = \"never\"\n"
            "}\n"
            "resource \"test_thing\" \"outs\" {\n"
            "  first = module.counted[1].label\n"
            "  y     = module.each[\"y\"].label\n"
            "}\n");
  files.add("m/main.tf",
            "variable \"label\" {}\n"
            "resource \"test_thing\" \"r\" {\n"
            "  label = var.label\n"
            "}\n"
            "output \"label\" {\n"
            "  value = var.label\n"
            "}\n");
  files.evaluate();
  EXPECT_EQ(files.addresses(),
            (std::vector<std::string>{"module.counted[0].test_thing.r", "module.counted[1].test_thing.r",
                                      "module.each[\"x\"].test_thing.r", "module.each[\"y\"].test_thing.r",
                                      "test_thing.outs"}));
  EXPECT_EQ(files.attr("module.each[\"x\"].test_thing.r", "label").text, "ex");
  EXPECT_EQ(files.attr("module.counted[0].test_thing.r", "label").text, "c0");
  EXPECT_EQ(files.attr("test_thing.outs", "first").text, "c1");
  EXPECT_EQ(files.attr("test_thing.outs", "y").text, "why");
}

TEST(TerraformModules, RemoteAndMissingSourcesAreNotFollowed) {
  TerraformFiles files;
  files.add("main.tf",
            "module \"vpc\" {\n"
            "  source = \"terraform-aws-modules/vpc/aws\"\n"
            "}\n"
            "module \"gone\" {\n"
            "  source = \"./does-not-exist\"\n"
            "}\n"
            "module \"outside\" {\n"
            "  source = \"../../elsewhere\"\n"
            "}\n"
            "resource \"test_thing\" \"t\" {\n"
            "  vpc  = module.vpc.vpc_id\n"
            "  gone = module.gone.x\n"
            "  nope = module.undeclared.x\n"
            "}\n");
  const auto &ev = files.evaluate();
  EXPECT_TRUE(ev.diagnostics.empty());
  EXPECT_EQ(files.addresses(), std::vector<std::string>{"test_thing.t"});
  EXPECT_EQ(render_value(files.attr("test_thing.t", "vpc")), "?");
  EXPECT_EQ(render_value(files.attr("test_thing.t", "gone")), "?");
  EXPECT_EQ(render_value(files.attr("test_thing.t", "nope")), "!");
}

TEST(TerraformModules, SelfCallingModuleTerminatesWithDiagnostic) {
  TerraformFiles files;
  files.add("loop/main.tf",
            "resource \"test_thing\" \"t\" {}\n"
            "module \"again\" {\n"
            "  source = \"./\"\n"
            "}\n");
  const auto &ev = files.evaluate();
  EXPECT_EQ(files.addresses(), std::vector<std::string>{"test_thing.t"});
  ASSERT_EQ(ev.diagnostics.size(), 1u);
  const FileDiagnostic &d = ev.diagnostics[0];
  EXPECT_EQ(d.path, "loop/main.tf");
  EXPECT_EQ(d.diagnostic.code, "module-cycle");
  EXPECT_EQ(d.diagnostic.level, DiagLevel::Warning);
  expect_span(d.diagnostic.span, 2, 1, 2, 15);
  EXPECT_EQ(
      d.diagnostic.message,
      "module \"again\" at loop/main.tf:2 calls \"./\", a module already being instantiated on this path "
      "(loop); the call is not followed");
}

// a/ calls b/, which calls a/ again.
void add_calling_each_other(TerraformFiles &files) {
  files.add("a/main.tf",
            "resource \"test_thing\" \"in_a\" {}\n"
            "module \"b\" {\n"
            "  source = \"../b\"\n"
            "}\n");
  files.add("b/main.tf",
            "resource \"test_thing\" \"in_b\" {}\n"
            "module \"a\" {\n"
            "  source = \"../a\"\n"
            "}\n");
}

TEST(TerraformModules, TwoModuleCycleTerminatesWithDiagnostic) {
  TerraformFiles files;
  files.add("main.tf",
            "module \"a\" {\n"
            "  source = \"./a\"\n"
            "}\n");
  add_calling_each_other(files);
  const auto &ev = files.evaluate();
  EXPECT_EQ(files.addresses(),
            (std::vector<std::string>{"module.a.module.b.test_thing.in_b", "module.a.test_thing.in_a"}));
  ASSERT_EQ(ev.diagnostics.size(), 1u);
  EXPECT_EQ(ev.diagnostics[0].path, "b/main.tf");
  EXPECT_EQ(ev.diagnostics[0].diagnostic.code, "module-cycle");
  EXPECT_EQ(ev.diagnostics[0].diagnostic.span.start_line, 2u);
  EXPECT_EQ(
      ev.diagnostics[0].diagnostic.message,
      "module \"a\" at b/main.tf:2 calls \"../a\", a module already being instantiated on this path (a); "
      "the call is not followed");
}

TEST(TerraformModules, CycleWithoutAnOutsideCallerIsStillEvaluated) {
  TerraformFiles files;
  add_calling_each_other(files);
  const auto &ev = files.evaluate();
  EXPECT_EQ(files.addresses(), (std::vector<std::string>{"module.b.test_thing.in_b", "test_thing.in_a"}));
  ASSERT_EQ(ev.diagnostics.size(), 1u);
  EXPECT_EQ(ev.diagnostics[0].path, "b/main.tf");
  EXPECT_EQ(ev.diagnostics[0].diagnostic.code, "module-cycle");
}

TEST(TerraformModules, DepthIsLimited) {
  TerraformFiles files;
  const size_t levels = tf::kMaxModuleDepth + 2;
  for (size_t i = 0; i < levels; ++i) {
    std::string src = "resource \"test_thing\" \"level\" {}\n";
    if (i + 1 < levels) src += "module \"next\" {\n  source = \"../m" + std::to_string(i + 1) + "\"\n}\n";
    files.add("m" + std::to_string(i) + "/main.tf", src);
  }
  files.add("main.tf", "module \"first\" {\n  source = \"./m0\"\n}\n");
  const auto &ev = files.evaluate();
  ASSERT_EQ(ev.diagnostics.size(), 1u);
  EXPECT_EQ(ev.diagnostics[0].diagnostic.code, "limit-module-depth");
  EXPECT_EQ(ev.diagnostics[0].path, "m14/main.tf");
  std::string deepest = "";
  for (size_t i = 0; i < tf::kMaxModuleDepth - 1; ++i) deepest += i ? "module.next." : "module.first.";
  EXPECT_NE(files.find(deepest + "test_thing.level"), nullptr) << deepest;
  EXPECT_EQ(files.find(deepest + "module.next.test_thing.level"), nullptr);
}

TEST(TerraformModules, ProviderDefaultTagsReachModuleResources) {
  TerraformFiles files;
  files.add("main.tf",
            "locals {\n"
            "  common = { service = \"ledger\" }\n"
            "}\n"
            "provider \"aws\" {\n"
            "  default_tags {\n"
            "    tags = local.common\n"
            "  }\n"
            "}\n"
            "provider \"aws\" {\n"
            "  alias = \"west\"\n"
            "  default_tags {\n"
            "    tags = { service = \"west\" }\n"
            "  }\n"
            "}\n"
            "module \"implicit\" {\n"
            "  source = \"./m\"\n"
            "}\n"
            "module \"mapped\" {\n"
            "  source    = \"./m\"\n"
            "  providers = { aws = aws.west }\n"
            "}\n");
  files.add("m/main.tf",
            "resource \"aws_s3_bucket\" \"b\" {\n"
            "  tags = { owner = \"team\" }\n"
            "}\n");
  files.evaluate();
  EXPECT_EQ(render_value(files.attr("module.implicit.aws_s3_bucket.b", "tags_all")),
            R"({service = "ledger", owner = "team"})");
  EXPECT_EQ(render_value(files.attr("module.mapped.aws_s3_bucket.b", "tags_all")),
            R"({service = "west", owner = "team"})");
  const Node &tags_all = files.attr("module.implicit.aws_s3_bucket.b", "tags_all");
  expect_span(tags_all.get("service")->span, 2, 10, 2, 28);
}

}  // namespace
}  // namespace clause
