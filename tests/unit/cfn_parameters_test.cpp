// The parameter values CloudFormation stacks are deployed with: parameters
// files and CodePipeline template configurations, `.clause.yaml`
// (`cloudformation.parameters`, `locations.cloudformation.account`),
// `--cfn-parameters`, and findings that say when a default decided them.
#include "checker/workflow/cfn_parameters.h"

#include <gtest/gtest.h>

#include "checker/engine/rule_set.h"
#include "checker/scan/scanner.h"
#include "tests/unit/cli_run.h"

namespace clause {
namespace {

using testing::TempTree;

std::string error_of(const std::string &text) {
  try {
    parse_cfn_parameters(text, "params.json");
  } catch (const ConfigError &e) {
    return e.what();
  }
  return "(no error)";
}

TEST(CfnParameters, ReadsBothShapes) {
  auto list = parse_cfn_parameters(
      "[{\"ParameterKey\": \"Env\", \"ParameterValue\": \"prod\"},\n"
      " {\"ParameterKey\": \"Days\", \"ParameterValue\": 14},\n"
      " {\"ParameterKey\": \"Zones\", \"ParameterValue\": [\"a\", \"b\"]},\n"
      " {\"ParameterKey\": \"Old\", \"UsePreviousValue\": true}]",
      "params.json");
  EXPECT_EQ(list, (std::map<std::string, std::string>{{"Env", "prod"}, {"Days", "14"}, {"Zones", "a,b"}}));
  auto pipeline = parse_cfn_parameters("{\"Parameters\": {\"Env\": \"test\"}, \"Tags\": {\"team\": \"x\"}}",
                                       "config.json");
  EXPECT_EQ(pipeline, (std::map<std::string, std::string>{{"Env", "test"}}));
}

TEST(CfnParameters, ErrorsNameFileLineAndColumn) {
  EXPECT_EQ(error_of("[\n  {\"ParameterValue\": \"x\"}\n]"),
            "params.json:2:3: each entry of a parameters file needs a \"ParameterKey\" string");
  EXPECT_EQ(error_of("[{\"ParameterKey\": \"Env\"}]"),
            "params.json:1:2: parameter Env has no \"ParameterValue\"");
  EXPECT_EQ(error_of("{\"Parameters\": {\"Env\": {\"a\": 1}}}"),
            "params.json:1:24: the value of parameter Env must be a string");
  EXPECT_EQ(error_of("{\"Tags\": {}}"),
            "params.json:1:1: expected a CloudFormation parameters file ([{\"ParameterKey\": ..., "
            "\"ParameterValue\": ...}]) or a template configuration ({\"Parameters\": {...}})");
  EXPECT_NE(error_of("[{\"ParameterKey\": }]").find("params.json:1:"), std::string::npos);
  try {
    read_cfn_parameters("/nonexistent/params.json");
    ADD_FAILURE() << "no error";
  } catch (const ConfigError &e) {
    EXPECT_STREQ(e.what(), "/nonexistent/params.json: cannot read the parameters file");
  }
}

TEST(CfnParameters, ConfigurationGivesFilesRegionAndAccount) {
  TempTree t;
  t.write("params/prod.json", "[{\"ParameterKey\": \"Env\", \"ParameterValue\": \"prod\"}]");
  t.write("params/cli.json", "{\"Parameters\": {\"Env\": \"cli\"}}");
  const std::string cfg = t.write(".clause.yaml",
                                  "locations:\n"
                                  "  cloudformation:\n"
                                  "    default: eu-west-1\n"
                                  "    account: \"012345678901\"\n"
                                  "cloudformation:\n"
                                  "  parameters:\n"
                                  "    \"stacks/*.yaml\": params/prod.json\n");
  auto config = std::make_shared<Config>(load_config(cfg));
  auto inputs = cfn_inputs_for(config, {t / "stacks/cli.yaml=" + t / "params/cli.json"});
  CfnInputs app = inputs(t / "stacks/app.yaml");
  EXPECT_EQ(app.region, "eu-west-1");
  EXPECT_EQ(app.account_id, "012345678901");
  EXPECT_EQ(app.parameters, (std::map<std::string, std::string>{{"Env", "prod"}}));
  EXPECT_EQ(inputs(t / "stacks/cli.yaml").parameters, (std::map<std::string, std::string>{{"Env", "cli"}}));
  EXPECT_TRUE(inputs(t / "other.yaml").parameters.empty());
  EXPECT_THROW(cfn_inputs_for(config, {"no-equals-sign"}), ConfigError);
  EXPECT_THROW(parse_config("locations:\n  cloudformation:\n    account: 12345\n", "/p/.clause.yaml"),
               ConfigError);
}

TEST(CfnParameters, CommandLineFileDecidesTheFinding) {
  TempTree t;
  t.write("stack.yaml",
          "Parameters:\n"
          "  Retention: {Type: Number, Default: 1}\n"
          "Resources:\n"
          "  Db:\n"
          "    Type: AWS::RDS::DBInstance\n"
          "    Properties:\n"
          "      BackupRetentionPeriod: !Ref Retention\n");
  t.write("params.json", "[{\"ParameterKey\": \"Retention\", \"ParameterValue\": \"14\"}]");
  t.write("bad.json", "[{\"ParameterValue\": \"14\"}]");
  auto with_default = testing::run_in(t.path(), "scan --no-cache --no-config --enable CL-0901 stack.yaml");
  EXPECT_EQ(with_default.exit_code, 1);
  EXPECT_NE(with_default.out.find(
                "stack.yaml:7:7: medium: [CL-0901] Db is not backed up as required "
                "(Properties.BackupRetentionPeriod is 1); keep automated backups for at least the "
                "configured minimum (minRetentionDays, 7 days by default) or add it to an AWS Backup "
                "plan (with the default of parameter Retention)"),
            std::string::npos)
      << with_default.out;
  auto deployed = testing::run_in(
      t.path(),
      "scan --no-cache --no-config --enable CL-0901 --cfn-parameters stack.yaml=params.json stack.yaml");
  EXPECT_EQ(deployed.exit_code, 0) << deployed.out;
  auto bad = testing::run_in(
      t.path(), "scan --no-cache --no-config --enable CL-0901 --cfn-parameters stack.yaml=bad.json .");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.out.find("bad.json:1:2: each entry of a parameters file needs a \"ParameterKey\" string"),
            std::string::npos)
      << bad.out;
}

TEST(CfnParameters, MessagesSayWhichDefaultDecided) {
  RuleSet rules = RuleSet::builtin();
  rules.filter([](const Rule &r) { return r.info.id == "CL-0901"; });
  ScanOptions opts;
  opts.roots = {testing::src("fixtures/rules/CL-0901/fail-cfn-intrinsics-json")};
  Report report = run_scan(rules, opts);
  std::map<std::string, std::string> by_resource;
  for (const auto &f : report.roots.at(0).findings) by_resource[f.resource] = f.message;
  const std::string tail =
      "; keep automated backups for at least the configured minimum (minRetentionDays, 7 days by default) or "
      "add "
      "it to an AWS Backup plan";
  EXPECT_EQ(by_resource["ByRef"],
            "ByRef is not backed up as required (Properties.BackupRetentionPeriod is 3)" + tail +
                " (with the default of parameter Retention)");
  EXPECT_EQ(by_resource["ByAnd"],
            "ByAnd is not backed up as required (Properties.BackupRetentionPeriod is 1)" + tail +
                " (with the default of parameters Env and Tier)");
  // AWS::NoValue removed the property: the finding stands at the resource.
  EXPECT_EQ(by_resource["ByNoValue"],
            "ByNoValue is not backed up as required (Properties.BackupRetentionPeriod is 1 (default))" +
                tail + " (with the default of parameter Env)");
  // A literal in a resource the default creates.
  EXPECT_EQ(by_resource["Created"],
            "Created is not backed up as required (Properties.BackupRetentionPeriod is 0)" + tail +
                " (with the default of parameter Env)");
  // Decided by literals alone: nothing to add.
  EXPECT_EQ(by_resource["ByJoin"],
            "ByJoin is not backed up as required (Properties.BackupRetentionPeriod is 6)" + tail);
  EXPECT_FALSE(by_resource.count("NotCreated"));
}

}  // namespace
}  // namespace clause
