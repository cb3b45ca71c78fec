// A plan's prior_state and resource_drift: an object the plan keeps holds
// its deployed values where the configuration leaves an attribute to the
// provider, and a value changed outside Terraform that the plan keeps is
// named as such (fixtures/terraform/plan-state/plan.json).
#include "parsers/terraform/plan_state.h"

#include <gtest/gtest.h>

#include <set>
#include <tuple>

#include "checker/engine/rule_set.h"
#include "checker/scan/scanner.h"
#include "parsers/json/json_parser.h"
#include "parsers/terraform/plan_resources.h"
#include "tests/unit/cli_run.h"

namespace clause {
namespace {

using Seen = std::set<std::tuple<std::string, uint32_t, uint32_t, std::string>>;  // rule, line, col, message

Seen scan(const std::string &root, const std::set<std::string> &rules_read) {
  RuleSet rules = RuleSet::builtin();
  rules.filter([&](const Rule &r) { return rules_read.count(r.info.id) > 0; });
  ScanOptions opts;
  opts.roots = {root};
  opts.strict = true;
  Report report = run_scan(rules, opts);
  Seen out;
  for (const auto &f : report.roots.at(0).findings)
    out.emplace(f.rule_id, f.location.span.start_line, f.location.span.start_col, f.message);
  return out;
}

TEST(PlanState, KeptObjectsHoldTheirDeployedValuesAndDriftIsNamed) {
  const Seen seen = scan(std::string(CLAUSE_SOURCE_DIR) + "/fixtures/terraform/plan-state/plan.json",
                         {"CL-0501", "CL-0904"});
  const Seen expected = {
      // Created: the provider's default.
      {"CL-0501", 24, 22,
       "aws_ebs_volume.fresh stores data unencrypted at rest (encrypted is false (default))"},
      // Updated in place, `encrypted` not configured: what the volume holds,
      // at the prior_state line.
      {"CL-0501", 422, 15,
       "aws_ebs_volume.kept stores data unencrypted at rest (encrypted is false) (as deployed: the plan's "
       "prior_state)"},
      // Configured to a value known only at apply: undecided, whatever was
      // deployed.
      {"CL-0501", 312, 11,
       "CL-0501 could not be decided for aws_ebs_volume.configured: encrypted depends on `(known after "
       "apply)`, which is not known statically"},
      // Versioning suspended outside Terraform, not configured: the plan
      // keeps it and says so. `reverted` configures it back on: no finding.
      {"CL-0904", 81, 17,
       "aws_s3_bucket.logs cannot bring back an overwritten or deleted object (versioning.enabled is false) "
       "(changed outside Terraform: the plan's resource_drift)"},
  };
  EXPECT_EQ(seen, expected);
}

// The plan beside the .tf it was made from (fixtures/terraform/plan-state/
// main.tf): findings stand at the .tf; an object the plan keeps holds its
// deployed value where the .tf leaves an attribute to the provider.
TEST(PlanState, BesideItsSourceKeptObjectsHoldTheirDeployedValuesAtTheTfLines) {
  RuleSet rules = RuleSet::builtin();
  rules.filter([](const Rule &r) { return r.info.id == "CL-0501" || r.info.id == "CL-0904"; });
  ScanOptions opts;
  opts.roots = {std::string(CLAUSE_SOURCE_DIR) + "/fixtures/terraform/plan-state"};
  opts.strict = true;
  Report report = run_scan(rules, opts);
  std::set<std::tuple<std::string, std::string, uint32_t, uint32_t, std::string>> seen;
  for (const auto &f : report.roots.at(0).findings)
    seen.emplace(f.location.path.substr(f.location.path.rfind('/') + 1), f.rule_id,
                 f.location.span.start_line, f.location.span.start_col, f.message);
  const decltype(seen) expected = {
      // Kept, `encrypted` not written: what the volume holds, at its header.
      {"main.tf", "CL-0501", 10, 1,
       "aws_ebs_volume.kept stores data unencrypted at rest (encrypted is false) (as deployed: the plan's "
       "prior_state)"},
      // Created: the provider's default.
      {"main.tf", "CL-0501", 16, 1,
       "aws_ebs_volume.fresh stores data unencrypted at rest (encrypted is false (default))"},
      // aws_ebs_volume.kept_encrypted (line 23) is deployed encrypted: no
      // finding, where the .tf alone assumes the provider's default.
      // Written, known only at apply: undecided at the .tf expression.
      {"main.tf", "CL-0501", 36, 3,
       "CL-0501 could not be decided for aws_ebs_volume.configured: encrypted depends on `var.encrypted`, "
       "which is not known statically"},
      // Versioning suspended outside Terraform, not written: kept as deployed.
      {"main.tf", "CL-0904", 41, 1,
       "aws_s3_bucket.logs cannot bring back an overwritten or deleted object (versioning.enabled is false) "
       "(as deployed: the plan's prior_state)"},
  };
  EXPECT_EQ(seen, expected);
}

Document plan_document(const std::string &text) {
  Document doc;
  doc.kind = DocKind::TerraformPlan;
  doc.path = "plan.json";
  doc.source = text;
  parse_json(doc, ParseOptions{});
  EXPECT_TRUE(doc.diagnostics.empty());
  return doc;
}

TEST(PlanState, DriftWithoutConfigurationIsNamedAndDeployedValuesNeedIt) {
  // No configuration section: whether the configuration sets `encrypted`
  // is not known, so the unknown stays; the drifted planned value is named.
  Document doc = plan_document(R"({"format_version": "1.2",
  "planned_values": {"root_module": {"resources": [
    {"address": "aws_ebs_volume.v", "mode": "managed", "type": "aws_ebs_volume", "name": "v",
     "values": {"size": 20, "iops": 3000}}]}},
  "resource_changes": [{"address": "aws_ebs_volume.v", "mode": "managed", "type": "aws_ebs_volume", "name": "v",
     "change": {"actions": ["update"], "after_unknown": {"encrypted": true}}}],
  "resource_drift": [{"address": "aws_ebs_volume.v", "change": {"actions": ["update"],
     "before": {"size": 20, "iops": 100}, "after": {"size": 20, "iops": 3000}}}],
  "prior_state": {"values": {"root_module": {"resources": [
    {"address": "aws_ebs_volume.v", "mode": "managed", "values": {"encrypted": false, "size": 20}}]}}}})");
  std::vector<Resource> rs = plan_resources(doc);
  ASSERT_EQ(rs.size(), 1u);
  EXPECT_EQ(rs[0].body->get("encrypted")->text, kUnknownAfterApply);
  ASSERT_EQ(rs[0].assumed_defaults.size(), 1u);
  EXPECT_EQ(rs[0].assumed_defaults[0].note, kDriftNote);
  EXPECT_EQ(rs[0].assumed_defaults[0].span.start_line, 4u);  // the planned `iops`
}

TEST(PlanState, ShapesThatSayNothingAreIgnored) {
  // prior_state, drift and actions of the wrong shapes, a replaced object:
  // no deployed value, no note, no crash.
  Document doc = plan_document(R"({"format_version": "1.2",
  "planned_values": {"root_module": {"resources": [
    {"address": "aws_ebs_volume.v", "mode": "managed", "type": "aws_ebs_volume", "name": "v", "values": {}}]}},
  "resource_changes": [{"address": "aws_ebs_volume.v", "change": {"actions": ["delete", "create"],
     "after_unknown": {"encrypted": true}}}, {"address": 3}, {"change": null}],
  "resource_drift": [null, {"address": "aws_ebs_volume.v", "change": {"after": []}}],
  "prior_state": {"values": {"root_module": {"resources": [null,
    {"address": "aws_ebs_volume.v", "values": {"encrypted": true}}], "child_modules": [7]}}},
  "configuration": {"root_module": {"resources": [{"address": "aws_ebs_volume.v", "expressions": {}}]}}})");
  std::vector<Resource> rs = plan_resources(doc);
  ASSERT_EQ(rs.size(), 1u);
  EXPECT_EQ(rs[0].body->get("encrypted"), nullptr);  // created anew: the provider's default
  EXPECT_TRUE(rs[0].assumed_defaults.empty());
  const PlanState state = plan_state(doc.roots.at(0));
  EXPECT_FALSE(state.keeps("aws_ebs_volume.v"));
  EXPECT_FALSE(state.keeps("aws_ebs_volume.other"));
  EXPECT_EQ(state.prior.size(), 1u);
}

}  // namespace
}  // namespace clause
