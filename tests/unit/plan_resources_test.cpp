#include "parsers/terraform/plan_resources.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "checker/crossdoc/tf_reference.h"
#include "parsers/json/json_parser.h"
#include "tests/unit/span_expect.h"

namespace clause {
namespace {

void load(Document &doc, const std::string &relative) {
  std::ifstream in(std::string(CLAUSE_SOURCE_DIR) + "/" + relative, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  doc.kind = DocKind::TerraformPlan;
  doc.path = relative;
  doc.source = text.str();
  parse_json(doc, ParseOptions{});
}

using testing_support::expect_span;

class PlanFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    load(doc_, "fixtures/plan/small_plan.json");
    ASSERT_TRUE(doc_.diagnostics.empty());
    ASSERT_EQ(doc_.roots.size(), 1u);
  }
  Document doc_;
};

TEST_F(PlanFixture, ResourcesFromRootAndChildModules) {
  std::vector<Resource> resources = plan_resources(doc_);
  // The data source is skipped; the deleted bucket is not in planned_values.
  ASSERT_EQ(resources.size(), 3u);
  EXPECT_EQ(resources[0].address, "aws_s3_bucket.b[\"logs\"]");
  EXPECT_EQ(resources[1].address, "aws_s3_bucket.b[\"data\"]");
  EXPECT_EQ(resources[2].address, "module.db.aws_db_instance.this");
  for (const Resource &r : resources) {
    EXPECT_NE(r.address, "aws_s3_bucket.old");
    EXPECT_EQ(r.format, DocKind::TerraformPlan);
    EXPECT_EQ(r.document, &doc_);
    EXPECT_EQ(r.provider, ProviderFamily::Aws);
    ASSERT_NE(r.body, nullptr);
    EXPECT_TRUE(r.body->is_map());
  }
  EXPECT_EQ(resources[0].type, "aws_s3_bucket");
  EXPECT_EQ(resources[0].name, "b");
  EXPECT_EQ(resources[2].type, "aws_db_instance");
  EXPECT_EQ(resources[2].name, "this");

  // span = the address value.
  expect_span(resources[0].span, 8, 22, 8, 49);
  expect_span(resources[1].span, 21, 22, 21, 49);
  expect_span(resources[2].span, 46, 26, 46, 58);
  EXPECT_EQ(resources[2].location().path, "fixtures/plan/small_plan.json");
}

TEST_F(PlanFixture, BodyIsTheValuesMap) {
  std::vector<Resource> resources = plan_resources(doc_);
  ASSERT_EQ(resources.size(), 3u);
  // Nothing unknown: the body points into the document.
  const Resource &logs = resources[0];
  EXPECT_EQ(logs.owned_body, nullptr);
  EXPECT_EQ(logs.body->get("bucket")->text, "acme-logs");
  EXPECT_EQ(logs.body->get("tags")->get("env")->text, "prod");
  expect_span(logs.body->get("bucket")->span, 15, 23, 15, 34);
}

TEST_F(PlanFixture, AfterUnknownBecomesKnownAfterApply) {
  std::vector<Resource> resources = plan_resources(doc_);
  ASSERT_EQ(resources.size(), 3u);
  const Resource &data = resources[1];
  ASSERT_NE(data.owned_body, nullptr);
  EXPECT_EQ(data.body, data.owned_body.get());
  EXPECT_EQ(data.body->get("bucket")->text, "acme-data");
  EXPECT_EQ(data.body->get("force_destroy")->kind, NodeKind::Bool);

  // Top-level attribute absent from values: spanned at its `true`.
  const Node *arn = data.body->get("arn");
  ASSERT_NE(arn, nullptr);
  EXPECT_EQ(arn->kind, NodeKind::Expression);
  EXPECT_EQ(arn->text, "(known after apply)");
  expect_span(arn->span, 86, 34, 86, 38);

  // Nested attribute: versioning[0].enabled unknown, mfa_delete known.
  const Node *versioning = data.body->get("versioning");
  ASSERT_NE(versioning, nullptr);
  ASSERT_TRUE(versioning->is_list());
  ASSERT_EQ(versioning->items.size(), 1u);
  const Node &v0 = versioning->items[0];
  EXPECT_EQ(v0.get("mfa_delete")->kind, NodeKind::Bool);
  const Node *enabled = v0.get("enabled");
  ASSERT_NE(enabled, nullptr);
  EXPECT_EQ(enabled->kind, NodeKind::Expression);
  EXPECT_EQ(enabled->text, kUnknownAfterApply);
  expect_span(enabled->span, 86, 67, 86, 71);

  // The document itself is untouched.
  EXPECT_EQ(doc_.roots[0]
                .get("planned_values")
                ->get("root_module")
                ->get("resources")
                ->items[1]
                .get("values")
                ->get("arn"),
            nullptr);

  // Module resource: an unknown attribute in a child module.
  const Resource &db = resources[2];
  ASSERT_NE(db.owned_body, nullptr);
  EXPECT_EQ(db.body->get("backup_retention_period")->text, "7");
  EXPECT_EQ(db.body->get("endpoint")->text, kUnknownAfterApply);
}

TEST_F(PlanFixture, Changes) {
  std::vector<PlanChange> changes = plan_changes(doc_);
  ASSERT_EQ(changes.size(), 4u);

  EXPECT_EQ(changes[0].address, "aws_s3_bucket.b[\"logs\"]");
  EXPECT_EQ(changes[0].actions, (std::vector<std::string>{"no-op"}));
  expect_span(changes[0].span, 64, 18, 64, 45);

  EXPECT_EQ(changes[1].actions, (std::vector<std::string>{"create"}));
  ASSERT_NE(changes[1].before, nullptr);
  EXPECT_TRUE(changes[1].before->is_null());

  const PlanChange &old = changes[2];
  EXPECT_EQ(old.address, "aws_s3_bucket.old");
  EXPECT_TRUE(old.is_delete_only());
  EXPECT_TRUE(old.is("delete"));
  EXPECT_FALSE(old.is("create"));
  ASSERT_NE(old.before, nullptr);
  EXPECT_TRUE(old.before->get("force_destroy")->boolean);
  ASSERT_NE(old.after, nullptr);
  EXPECT_TRUE(old.after->is_null());

  const PlanChange &db = changes[3];
  EXPECT_EQ(db.address, "module.db.aws_db_instance.this");
  EXPECT_EQ(db.module_address, "module.db");
  EXPECT_EQ(db.mode, "managed");
  EXPECT_EQ(db.type, "aws_db_instance");
  EXPECT_EQ(db.name, "this");
  EXPECT_EQ(db.actions, (std::vector<std::string>{"delete", "create"}));
  EXPECT_FALSE(db.is_delete_only());
  EXPECT_EQ(db.before->get("backup_retention_period")->text, "1");
  EXPECT_EQ(db.after->get("backup_retention_period")->text, "7");
  EXPECT_TRUE(db.after_unknown->get("endpoint")->boolean);
}

TEST(PlanResources, StateFileValuesAndNotAPlan) {
  Document state;
  state.source = R"({"format_version": "1.0", "values": {"root_module": {"resources": [
    {"address": "google_storage_bucket.b", "mode": "managed", "type": "google_storage_bucket", "name": "b",
     "values": {"location": "EU"}}]}}})";
  parse_json(state, ParseOptions{});
  std::vector<Resource> resources = plan_resources(state);
  ASSERT_EQ(resources.size(), 1u);
  EXPECT_EQ(resources[0].provider, ProviderFamily::Google);
  EXPECT_EQ(resources[0].body->get("location")->text, "EU");
  EXPECT_TRUE(plan_changes(state).empty());

  Document other;
  other.source = "[1, 2]";
  parse_json(other, ParseOptions{});
  EXPECT_TRUE(plan_resources(other).empty());
  EXPECT_TRUE(plan_changes(other).empty());
  Document empty;
  EXPECT_TRUE(plan_resources(empty).empty());
}

}  // namespace
}  // namespace clause

namespace clause {
namespace {

Document plan_document(std::string source) {
  Document doc;
  doc.kind = DocKind::TerraformPlan;
  doc.path = "plan.json";
  doc.source = std::move(source);
  parse_json(doc, ParseOptions{});
  EXPECT_TRUE(doc.diagnostics.empty());
  return doc;
}

Document inline_plan(const std::string &provider_expressions) {
  return plan_document(R"({"format_version": "1.2",
  "planned_values": {"root_module": {"child_modules": [{"resources": [
    {"address": "module.m.aws_s3_bucket.b[0]", "mode": "managed", "type": "aws_s3_bucket", "name": "b",
     "values": {"bucket": "x", "tags": null, "policy": null}}]}]}},
  "resource_changes": [
    {"address": "module.m.aws_s3_bucket.b[0]", "mode": "managed", "type": "aws_s3_bucket", "name": "b",
     "change": {"actions": ["create"], "after_unknown": {"versioning": true, "tags_all": true, "policy": true,
       "logging": [{"target_bucket": true}]}}}],
  "configuration": {"provider_config": {"aws": {"name": "aws", "expressions": )" +
                       provider_expressions + R"(}},
    "root_module": {"module_calls": {"m": {"module": {"resources": [
      {"address": "aws_s3_bucket.b", "expressions": {"bucket": {"constant_value": "x"},
        "policy": {"references": ["data.aws_iam_policy_document.p.json"]},
        "logging": [{"target_bucket": {"references": ["var.logs"]}}]}}]}}}}}})");
}

TEST(PlanConfiguration, UnknownsTheConfigurationNeverSetAreLeftToTheProvider) {
  Document doc = inline_plan("{}");
  std::vector<Resource> rs = plan_resources(doc);
  ASSERT_EQ(rs.size(), 1u);
  const Node &b = *rs[0].body;
  ASSERT_NE(rs[0].configuration, nullptr);
  EXPECT_TRUE(rs[0].configuration->get("bucket"));
  EXPECT_EQ(b.get("versioning"), nullptr);  // not written: the provider's default
  EXPECT_EQ(b.get("tags_all"), nullptr);
  EXPECT_EQ(b.get("tags"), nullptr);                     // null and not written: not set
  EXPECT_EQ(b.get("policy")->text, kUnknownAfterApply);  // written, known only at apply
  EXPECT_EQ(b.get("logging")->items.at(0).get("target_bucket")->text, kUnknownAfterApply);
  EXPECT_EQ(b.get("bucket")->text, "x");
  EXPECT_EQ(configuration_address("module.m[\"a]\"].aws_s3_bucket.b[0]"), "module.m.aws_s3_bucket.b");
}

TEST(PlanConfiguration, DefaultTagsKeepTagsAllUnknown) {
  Document doc = inline_plan(R"({"region": {"constant_value": "eu-west-1"},
    "default_tags": [{"tags": {"constant_value": {"service": "ledger"}}}]})");
  std::vector<Resource> rs = plan_resources(doc);
  ASSERT_EQ(rs.size(), 1u);
  EXPECT_EQ(rs[0].body->get("tags_all")->text, kUnknownAfterApply);
  EXPECT_EQ(rs[0].body->get("versioning"), nullptr);
}

// A value known only at apply that the configuration computes from other
// resources carries their absolute addresses, as a .tf reference does after
// evaluation: the cross-document checks join plan resources through them.
TEST(PlanConfiguration, UnknownsComputedFromResourcesCarryTheirReferences) {
  Document doc = plan_document(R"({"format_version": "1.2",
  "planned_values": {"root_module": {"child_modules": [{"resources": [
    {"address": "module.m[0].aws_lb.api", "mode": "managed", "type": "aws_lb", "name": "api",
     "values": {"name": "api"}}]}]}},
  "resource_changes": [
    {"address": "module.m[0].aws_lb.api", "mode": "managed", "type": "aws_lb", "name": "api",
     "change": {"actions": ["create"], "after_unknown": {"subnets": [true, true], "security_groups": true,
       "access_logs": [{"bucket": true}]}}}],
  "configuration": {"root_module": {"module_calls": {"m": {"module": {"resources": [
    {"address": "aws_lb.api", "expressions": {"name": {"constant_value": "api"},
      "subnets": {"references": ["aws_subnet.a[0].id", "aws_subnet.a[0]", "aws_subnet.a", "aws_subnet.b.id",
                                 "aws_subnet.b", "var.extra"]},
      "security_groups": {"references": ["var.groups", "data.aws_security_group.x.id", "module.n.id"]},
      "access_logs": [{"bucket": {"references": ["aws_s3_bucket.logs.id", "aws_s3_bucket.logs"]}}]}}]}}}}}})");
  std::vector<Resource> rs = plan_resources(doc);
  ASSERT_EQ(rs.size(), 1u);
  auto addresses = [](const Node *n) {
    std::vector<std::string> out;
    if (n)
      for (const auto &ref : crossdoc::tf_references(*n)) out.push_back(ref.address);
    return out;
  };
  const Node *subnets = rs[0].body->get("subnets");
  ASSERT_NE(subnets, nullptr);
  ASSERT_EQ(subnets->items.size(), 2u);
  EXPECT_EQ(subnets->items[1].text, kUnknownAfterApply);
  // One instance named: the reference to every instance is dropped.
  EXPECT_EQ(addresses(subnets),
            (std::vector<std::string>{"module.m[0].aws_subnet.a[0]", "module.m[0].aws_subnet.b",
                                      "module.m[0].aws_subnet.a[0]", "module.m[0].aws_subnet.b"}));
  EXPECT_TRUE(addresses(rs[0].body->get("security_groups")).empty());  // no managed resource named
  const Node *logs = rs[0].body->get("access_logs");
  ASSERT_NE(logs, nullptr);
  EXPECT_EQ(addresses(logs->items.at(0).get("bucket")),
            (std::vector<std::string>{"module.m[0].aws_s3_bucket.logs"}));
}

}  // namespace
}  // namespace clause
