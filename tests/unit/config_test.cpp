// .clause.yaml: every key read into the model, errors that name file:line:col,
// rule names checked against the loaded packs, discovery upward.
#include <gtest/gtest.h>

#include "checker/engine/rule_loader.h"
#include "checker/engine/rule_set.h"
#include "checker/workflow/config.h"
#include "checker/workflow/rule_config.h"
#include "tests/unit/cli_run.h"

namespace clause {
namespace {

using testing::TempTree;

std::string error_of(const std::string &text) {
  try {
    parse_config(text, "/p/.clause.yaml");
  } catch (const ConfigError &e) {
    return e.what();
  }
  return "(no error)";
}

TEST(Config, ReadsEveryKey) {
  const Config c = parse_config(R"(version: 1
rules:
  enable: [CL-0901, mon.log-retention-set]
  disable: CL-0301
  severity:
    CL-1001: high
  parameters:
    CL-0999:
      min_days: 14
      engines: [postgres, "mysql"]
scenarios:
  enable: ["5.9", 5.10]
  disable: [5.3]
exclude: ["legacy/**", "*.generated.tf"]
rule-packs: [policies, ../shared/packs]
suppressions:
  - path: sandbox/**
    rules: [CL-0901]
    reason: sandbox databases hold no customer data
    until: 2026-12-31
fail-on: high
report-unused-suppressions: true
locations:
  cloudformation:
    default: eu-central-1
    paths: {"stacks/us/**": us-east-1}
  kubernetes:
    clusters: {prod: eu-west-1, lab: westeurope}
    default: prod
    paths: {"k8s/lab/**": lab}
)",
                                "/repo/.clause.yaml");
  EXPECT_EQ(c.dir, "/repo");
  ASSERT_EQ(c.enable_rules.size(), 2u);
  EXPECT_EQ(c.enable_rules[1].key, "mon.log-retention-set");
  EXPECT_EQ(c.enable_rules[1].line, 3u);
  EXPECT_EQ(c.enable_rules[1].col, 21u);
  ASSERT_EQ(c.disable_rules.size(), 1u);
  EXPECT_EQ(c.disable_rules[0].key, "CL-0301");
  ASSERT_EQ(c.severity.size(), 1u);
  EXPECT_EQ(c.severity[0].first.key, "CL-1001");
  EXPECT_EQ(c.severity[0].second, Severity::High);
  ASSERT_EQ(c.parameters.size(), 2u);
  EXPECT_EQ(c.parameters[0].name, "min_days");
  EXPECT_EQ(c.parameters[0].value.kind, NodeKind::Number);
  EXPECT_EQ(c.parameters[0].value.number, 14);
  EXPECT_EQ(c.parameters[1].value.items.at(1).kind, NodeKind::String);
  EXPECT_EQ(c.enable_scenarios, (std::vector<std::string>{"5.9", "5.10"}));
  EXPECT_EQ(c.disable_scenarios, (std::vector<std::string>{"5.3"}));
  EXPECT_EQ(c.exclude, (std::vector<std::string>{"legacy/**", "*.generated.tf"}));
  EXPECT_EQ(c.rule_packs, (std::vector<std::string>{"/repo/policies", "/shared/packs"}));
  ASSERT_EQ(c.suppressions.size(), 1u);
  EXPECT_EQ(c.suppressions[0].path, "sandbox/**");
  EXPECT_EQ(c.suppressions[0].reason, "sandbox databases hold no customer data");
  EXPECT_EQ(c.suppressions[0].until, "2026-12-31");
  EXPECT_EQ(c.suppressions[0].line, 17u);
  EXPECT_EQ(c.fail_on, "high");
  EXPECT_EQ(c.report_unused_suppressions, true);
  EXPECT_TRUE(c.excludes("/repo/legacy/a/main.tf"));
  EXPECT_TRUE(c.excludes("/repo/infra/x.generated.tf"));
  EXPECT_FALSE(c.excludes("/repo/infra/main.tf"));
  EXPECT_FALSE(c.excludes("/elsewhere/legacy/main.tf"));
  EXPECT_EQ(c.region_for(DocKind::CloudFormation, "/repo/stacks/eu/app.yaml"), "eu-central-1");
  EXPECT_EQ(c.region_for(DocKind::CloudFormation, "/repo/stacks/us/app.yaml"), "us-east-1");
  EXPECT_EQ(c.region_for(DocKind::Kubernetes, "/repo/k8s/prod/app.yaml"), "eu-west-1");
  EXPECT_EQ(c.region_for(DocKind::Kubernetes, "/repo/k8s/lab/app.yaml"), "westeurope");
  EXPECT_EQ(c.region_for(DocKind::Terraform, "/repo/main.tf"), "");
}

TEST(Config, EmptyFileIsAnEmptyConfiguration) {
  const Config c = parse_config("# nothing yet\n", "/p/.clause.yaml");
  EXPECT_TRUE(c.enable_rules.empty());
  EXPECT_EQ(c.fail_on, "");
  EXPECT_FALSE(c.report_unused_suppressions.has_value());
}

TEST(Config, ErrorsNameFileLineAndColumn) {
  EXPECT_EQ(
      error_of("rules:\n  enabel: [CL-0901]\n"),
      "/p/.clause.yaml:2:3: unknown key 'enabel' in 'rules' (expected one of: enable, disable, severity, "
      "parameters)");
  EXPECT_EQ(error_of("rules:\n  severity:\n    CL-0901: urgent\n"),
            "/p/.clause.yaml:3:14: 'urgent' is not a severity (critical, high, medium, low, info)");
  EXPECT_EQ(error_of("scenarios:\n  enable: [5.9, 5.16]\n"),
            "/p/.clause.yaml:2:17: '5.16' is not one of the scenarios 5.1 ... 5.15");
  EXPECT_EQ(
      error_of("fail-on: sometimes\n"),
      "/p/.clause.yaml:1:10: fail-on: 'sometimes' is not a severity (critical, high, medium, low, info) or "
      "never");
  EXPECT_EQ(error_of("version: 2\n"), "/p/.clause.yaml:1:10: version must be 1");
  EXPECT_EQ(error_of("suppressions:\n  - path: legacy/**\n    rules: [CL-0901]\n"),
            "/p/.clause.yaml:2:5: a suppression needs a 'reason': say why the finding is accepted");
  EXPECT_EQ(error_of("suppressions:\n  - path: a\n    rule: CL-0901\n    reason: r\n    until: 2026-02-30\n"),
            "/p/.clause.yaml:5:12: suppression until: '2026-02-30' is not a date written YYYY-MM-DD");
  EXPECT_EQ(
      error_of("locations:\n  cloudformation:\n    default: eu-nowhere-1\n"),
      "/p/.clause.yaml:3:14: locations.cloudformation.default: 'eu-nowhere-1' is not a known AWS, Azure or "
      "Google region");
  EXPECT_EQ(error_of("locations:\n  kubernetes:\n    clusters: {prod: eu-west-1}\n    paths: {\"k8s/**\": "
                     "staging}\n"),
            "/p/.clause.yaml:4:23: 'staging' is not a cluster listed in locations.kubernetes.clusters");
  EXPECT_EQ(error_of("report-unused-suppressions: sometimes\n"),
            "/p/.clause.yaml:1:29: report-unused-suppressions must be true or false");
  EXPECT_EQ(error_of("exclude: {a: b}\n"), "/p/.clause.yaml:1:10: exclude must be a list");
  EXPECT_EQ(error_of("- just\n- a list\n"),
            "/p/.clause.yaml:1:1: the configuration must be a mapping of settings");
  EXPECT_EQ(
      error_of("colour: red\n").rfind("/p/.clause.yaml:1:1: unknown key 'colour' in the configuration", 0),
      0u);
  EXPECT_EQ(error_of("rules: [unclosed\n").rfind("/p/.clause.yaml:", 0), 0u);
}

TEST(Config, ParserProblemsAreErrors) {
  // Which of two `fail-on:` lines would count? Neither: the file is wrong.
  EXPECT_EQ(error_of("fail-on: high\nfail-on: low\n"),
            "/p/.clause.yaml:2:1: duplicate key 'fail-on' (first defined on line 1)");
  EXPECT_EQ(error_of("fail-on: high\n---\nfail-on: low\n"),
            "/p/.clause.yaml:3:1: the configuration must be a single YAML document");
  // yaml-cpp's document loader never returns on a stray ',' at document level.
  EXPECT_EQ(error_of("fail-on: high\n---\n,\n"), "/p/.clause.yaml:3:1: unexpected ','");
  EXPECT_EQ(error_of("rules:\n  disable: [{{ legacy }}\n"),
            "/p/.clause.yaml:3:1: end of sequence flow not found");
  // Booleans and versions are read as written, quoted or not.
  EXPECT_EQ(error_of("report-unused-suppressions: True\n"),
            "/p/.clause.yaml:1:29: report-unused-suppressions must be true or false");
  EXPECT_EQ(parse_config("version: \"1\"\nreport-unused-suppressions: \"false\"\n", "/p/c.yaml")
                .report_unused_suppressions,
            false);
  EXPECT_EQ(error_of("version: 1.0\n"), "/p/.clause.yaml:1:10: version must be 1");
  const Config c = parse_config("---\n# only a comment\n---\nfail-on: never\n", "/p/c.yaml");
  EXPECT_EQ(c.fail_on, "never");
}

TEST(Config, RuleNamesAreCheckedAgainstTheLoadedRules) {
  const RuleSet all = RuleSet::builtin();
  auto check = [&](const std::string &text) -> std::string {
    try {
      check_rule_names(parse_config(text, "/p/.clause.yaml"), all);
    } catch (const ConfigError &e) {
      return e.what();
    }
    return "(no error)";
  };
  EXPECT_EQ(check("rules:\n  disable: [CL-0901, CL-9999]\n"),
            "/p/.clause.yaml:2:22: no rule has the id or name 'CL-9999'");
  EXPECT_EQ(check("rules:\n  severity: {CL-0002: low, ops.backup-enabled: critical}\n"), "(no error)");
  EXPECT_EQ(check("suppressions:\n  - {path: a, rules: [ops.nope], reason: r}\n"),
            "/p/.clause.yaml:2:23: no rule has the id or name 'ops.nope'");
  EXPECT_EQ(check("rules:\n  parameters:\n    CL-0901:\n      min_days: 14\n"),
            "/p/.clause.yaml:4:7: CL-0901 has no parameter 'min_days' (it takes none)");
}

TEST(Config, ParametersAndSeveritiesReachTheRules) {
  RuleSet all = RuleSet::builtin();
  all.add(load_rules_from_text(R"(id: CL-0999
name: test.parameterised
scenario: "5.9"
title: A rule with a threshold
severity: medium
targets:
  terraform: [aws_db_instance]
check:
  attribute: backup_retention_period
  op: ">="
  value: 7
message: "{address} is below the threshold"
parameters:
  min_days: 7
)",
                               "test-pack.yaml"));
  const Config bad =
      parse_config("rules:\n  parameters:\n    CL-0999:\n      min_days: fourteen\n", "/p/c.yaml");
  try {
    check_rule_names(bad, all);
    ADD_FAILURE() << "a text value for a number parameter was accepted";
  } catch (const ConfigError &e) {
    EXPECT_STREQ(e.what(), "/p/c.yaml:4:17: CL-0999 parameter 'min_days' takes a number, not a string");
  }
  const Config good = parse_config(
      "rules:\n  parameters:\n    test.parameterised:\n      min_days: 14\n  severity:\n    CL-0999: "
      "critical\n",
      "/p/c.yaml");
  check_rule_names(good, all);
  const RuleSet configured = apply_rule_settings(all, good);
  const Rule *r = configured.find("CL-0999");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->info.severity, Severity::Critical);
  EXPECT_EQ(r->parameters.at("min_days").number, 14);
  EXPECT_EQ(configured.find("CL-0901")->info.severity, Severity::High);
}

TEST(Config, MetaRulesCanBeSwitchedOffOrRegraded) {
  const Config c = parse_config(
      "rules:\n  disable: [clause.suppression-unused]\n  severity: {CL-0000: high}\n", "/p/c.yaml");
  std::vector<std::string> ids;
  for (const RuleInfo &r : configured_meta_rules(c, {"CL-0003"})) {
    ids.push_back(r.id + " " + severity_name(r.severity));
  }
  EXPECT_EQ(ids, (std::vector<std::string>{"CL-0000 high", "CL-0001 low", "CL-0004 medium"}));
  // Ids in any letter case, as on the command line.
  ids.clear();
  for (const RuleInfo &r : configured_meta_rules(
           parse_config("rules:\n  disable: [cl-0000, cl-0001, CL-0002]\n  severity: {cl-0004: info}\n",
                        "/p/c.yaml"),
           {"CL-0003"}))
    ids.push_back(r.id + " " + severity_name(r.severity));
  EXPECT_EQ(ids, (std::vector<std::string>{"CL-0004 info"}));
}

TEST(Config, FoundUpwardUpToTheRepositoryRoot) {
  TempTree t;
  t.write("outer/.clause.yaml", "fail-on: high\n");
  t.write("outer/repo/.git/HEAD", "ref: refs/heads/main\n");
  t.write("outer/repo/infra/main.tf", "");
  t.write("outer/other/infra/main.tf", "");
  EXPECT_EQ(find_config(t / "outer/repo/infra"), "");  // stops at the repository root
  EXPECT_EQ(find_config(t / "outer/other/infra"), t / "outer/.clause.yaml");
  EXPECT_EQ(find_config(t / "outer/other/infra/main.tf"), t / "outer/.clause.yaml");
  t.write("outer/repo/.clause.yaml", "fail-on: low\n");
  EXPECT_EQ(find_config(t / "outer/repo/infra/"), t / "outer/repo/.clause.yaml");
}

TEST(Config, StarterLoadsAndSaysItsDefaults) {
  const Config c = parse_config(starter_config(), "/p/.clause.yaml");
  EXPECT_EQ(c.fail_on, "low");
  EXPECT_TRUE(c.enable_rules.empty());
  EXPECT_TRUE(c.exclude.empty());
  EXPECT_FALSE(c.report_unused_suppressions.has_value());
  check_rule_names(c, RuleSet::builtin());
}

}  // namespace
}  // namespace clause
