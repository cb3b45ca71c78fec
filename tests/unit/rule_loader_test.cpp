// The rule loader reads packs through our own YAML parser: typing by the
// YAML 1.2 core schema, exact file:line:col errors, and the parser's limits
// (a rule pack is user input like any scanned file).
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "checker/engine/rule_loader.h"
#include "checker/engine/rule_set.h"

namespace clause {
namespace {

const std::string kRule =
    "id: CL-0999\n"
    "name: test.rule\n"
    "scenario: \"5.9\"\n"
    "title: A test rule\n"
    "severity: high\n"
    "targets:\n"
    "  terraform: [aws_db_instance]\n"
    "check:\n"
    "  attribute: backup_retention_period\n"
    "  op: \">=\"\n"
    "  value: 7\n"
    "message: \"{address} keeps {actual}\"\n";

// The message of the RulePackError `text` raises, or "" when it loads.
std::string load_error(const std::string &text) {
  try {
    load_rules_from_text(text, "pack.yaml");
  } catch (const RulePackError &e) {
    return e.what();
  }
  return "";
}

// The same for a user's pack (--rules DIR, rule-packs:).
std::string user_load_error(const std::string &text) {
  try {
    load_rules_from_text(text, "pack.yaml", RuleIds::User);
  } catch (const RulePackError &e) {
    return e.what();
  }
  return "";
}

std::string replaced(std::string text, const std::string &from, const std::string &to) {
  text.replace(text.find(from), from.size(), to);
  return text;
}

TEST(RuleLoader, LoadsARuleWithTypedValues) {
  auto rules = load_rules_from_text(
      kRule + "---\n" + replaced(replaced(kRule, "CL-0999", "CL-0998"), "test.rule", "test.other"),
      "pack.yaml");
  ASSERT_EQ(rules.size(), 2u);
  const Rule &r = rules[0];
  EXPECT_EQ(r.info.id, "CL-0999");
  EXPECT_EQ(r.info.scenario, "5.9");
  EXPECT_EQ(r.info.severity, Severity::High);
  ASSERT_TRUE(r.declarative);
  const Predicate *p = r.declarative->check_for(TargetFormat::Terraform, "aws_db_instance");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->op, PredOp::Ge);
  EXPECT_EQ(p->value.kind, NodeKind::Number);
  EXPECT_EQ(p->value.number, 7);
  EXPECT_EQ(rules[1].info.id, "CL-0998");
}

TEST(RuleLoader, ScalarsKeepTheirSpelling) {
  // An unquoted 5.10 is a number to YAML; the scenario is its spelling.
  auto rules =
      load_rules_from_text(replaced(replaced(kRule, "\"5.9\"", "5.10"), "CL-0999", "CL-1099"), "p.yaml");
  EXPECT_EQ(rules.at(0).info.scenario, "5.10");
  // A quoted number stays a string value.
  auto quoted = load_rules_from_text(
      replaced(replaced(kRule, "op: \">=\"", "op: \"==\""), "value: 7", "value: \"7\""), "p.yaml");
  EXPECT_EQ(quoted.at(0).declarative->check_for(TargetFormat::Terraform, "aws_db_instance")->value.kind,
            NodeKind::String);
}

TEST(RuleLoader, ErrorsNameFileLineAndColumn) {
  EXPECT_EQ(load_error(kRule + "colour: red\n"), "pack.yaml:13:1: unknown rule field 'colour'");
  EXPECT_EQ(load_error(replaced(kRule, "severity: high", "severity: dire")),
            "pack.yaml:5:11: severity must be critical, high, medium, low or info");
  EXPECT_EQ(load_error(replaced(kRule, "op: \">=\"", "op: about")), "pack.yaml:10:7: unknown op 'about'");
  EXPECT_EQ(load_error(replaced(kRule, "value: 7", "value: seven")),
            "pack.yaml:11:10: op '>=' needs a number");
  EXPECT_EQ(load_error(replaced(kRule, "title: A test rule\n", "")), "pack.yaml:1:1: missing field 'title'");
  EXPECT_EQ(load_error(replaced(kRule, "  op: \">=\"\n", "  op: \">=\"\n  ignore_case: maybe\n")),
            "pack.yaml:11:16: 'ignore_case' must be true or false");
  EXPECT_EQ(load_error(replaced(kRule, "CL-0999", "CL-1099")),
            "pack.yaml:1:5: rule id CL-1099 does not match scenario 5.9");
}

TEST(RuleLoader, TargetAliasesExpandFromTheProviderCatalogue) {
  auto rules = load_rules_from_text(
      replaced(kRule, "  terraform: [aws_db_instance]\n",
               "  terraform: [provider, \"@data-stores/google\", google_sql_database_instance]\n"
               "  kubernetes: \"@data-stores\"\n"),
      "pack.yaml");
  const auto &targets = rules.at(0).declarative->targets;
  // The alias's types in catalogue order, each once, beside the types written.
  EXPECT_EQ(targets.at(TargetFormat::Terraform),
            (std::vector<std::string>{"provider", "google_bigquery_dataset", "google_bigtable_instance",
                                      "google_compute_disk", "google_filestore_instance",
                                      "google_firestore_database", "google_logging_project_bucket_config",
                                      "google_redis_instance", "google_spanner_instance",
                                      "google_sql_database_instance", "google_storage_bucket"}));
  EXPECT_EQ(targets.at(TargetFormat::Kubernetes),
            (std::vector<std::string>{"PersistentVolumeClaim", "StatefulSet"}));
  EXPECT_EQ(
      load_error(replaced(kRule, "[aws_db_instance]", "[\"@data-store\"]")),
      "pack.yaml:7:15: unknown alias '@data-store' for terraform: the catalogue names \"@data-stores\" and "
      "\"@data-stores/<provider>\" (aws, azurerm, google)");
  EXPECT_EQ(
      load_error(replaced(kRule, "terraform: [aws_db_instance]", "cloudformation: \"@data-stores/aws\"")),
      "pack.yaml:7:19: unknown alias '@data-stores/aws' for cloudformation: the catalogue names "
      "\"@data-stores\"");
  EXPECT_EQ(load_error(replaced(kRule, "terraform: [aws_db_instance]", "agreement: [\"@data-stores\"]")),
            "pack.yaml:7:15: '@data-stores': aliases name resource types of terraform, cloudformation or "
            "kubernetes");
}

TEST(RuleLoader, DuplicateKeysAreErrors) {
  EXPECT_EQ(load_error(kRule + "severity: low\n"),
            "pack.yaml:13:1: duplicate key 'severity' (first defined on line 5)");
}

TEST(RuleLoader, SyntaxErrorsAndLimitsOfTheParser) {
  // yaml-cpp's YAML::LoadAll loops forever on a stray ',' at document level.
  EXPECT_EQ(load_error(kRule + "---\n,\n"), "pack.yaml:14:1: unexpected ','");
  EXPECT_EQ(load_error("id: [CL-0999\n"), "pack.yaml:2:1: end of sequence flow not found");
  std::string bomb = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i < 8; ++i) {
    bomb += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
    for (int k = 0; k < 10; ++k) bomb += (k ? ", *a" : "*a") + std::to_string(i - 1);
    bomb += "]\n";
  }
  EXPECT_EQ(load_error(bomb),
            "pack.yaml:5:45: YAML aliases expand to more than 100000 nodes (alias bomb?); document skipped");
}

TEST(RuleLoader, PerTypeChecksRelatedAndEachNameTheirPositions) {
  const std::string per_type =
      "id: CL-0997\n"
      "name: test.per-type\n"
      "scenario: \"5.9\"\n"
      "title: Per-type checks\n"
      "severity: low\n"
      "targets:\n"
      "  terraform: [aws_s3_bucket, aws_db_instance]\n"
      "check:\n"
      "  terraform:\n"
      "    aws_s3_bucket: &c {attribute: versioning, op: exists}\n"
      "    aws_db_instance: *c\n"
      "message: \"{address}\"\n";
  auto rules = load_rules_from_text(per_type, "pack.yaml");
  ASSERT_EQ(rules.size(), 1u);
  const Predicate *db = rules[0].declarative->check_for(TargetFormat::Terraform, "aws_db_instance");
  ASSERT_NE(db, nullptr);
  EXPECT_EQ(db->path_text, "versioning");
  EXPECT_EQ(load_error(replaced(per_type, "    aws_db_instance: *c\n", "")),
            "pack.yaml:10:5: no check for target type 'aws_db_instance'");
  EXPECT_EQ(load_error(replaced(per_type, "{attribute: versioning, op: exists}",
                                "{related: {type: aws_kms_key, via: kms_key_id, hops: 2}}")),
            "pack.yaml:10:70: unknown 'related' field 'hops'");
  EXPECT_EQ(load_error(replaced(per_type, "{attribute: versioning, op: exists}", "{each: rule}")),
            "pack.yaml:10:20: 'each' takes exactly a path and a 'check'");
  EXPECT_EQ(load_error(replaced(per_type, "check:\n  terraform:", "check:\n  kubernetes:")),
            "pack.yaml:9:3: check for format 'kubernetes' that the rule does not target");
}

TEST(RuleLoader, ParametersRebindInPerTypeChecks) {
  auto rules = load_rules_from_text(
      "id: CL-0996\n"
      "name: test.per-type-param\n"
      "scenario: \"5.9\"\n"
      "title: A per-type check with a threshold\n"
      "severity: low\n"
      "targets:\n"
      "  terraform: [aws_db_instance, aws_rds_cluster]\n"
      "parameters: {min_days: 7}\n"
      "check:\n"
      "  terraform:\n"
      "    aws_db_instance: {attribute: backup_retention_period, op: \">=\", value: {param: min_days}}\n"
      "    aws_rds_cluster: {attribute: backup_retention_period, op: \">=\", value: {param: min_days}}\n"
      "message: \"{address}\"\n",
      "pack.yaml");
  ASSERT_EQ(rules.size(), 1u);
  Rule &r = rules[0];
  r.parameters["min_days"] = Node::make_number(14, "14");
  rebind_rule_parameters(r);
  for (const char *type : {"aws_db_instance", "aws_rds_cluster"})
    EXPECT_EQ(r.declarative->check_for(TargetFormat::Terraform, type)->value.number, 14) << type;
}

TEST(RuleLoader, CertainIsTrueOnlyWhenItsCheckIsKnownToBe) {
  auto check_of = [](const std::string &check) {
    std::string text = kRule;
    text.replace(text.find("check:\n"), text.find("message:") - text.find("check:\n"), check);
    auto rules = load_rules_from_text(text, "pack.yaml");
    EXPECT_EQ(rules.size(), 1u);
    return rules.at(0);
  };
  const Rule plain = check_of("check:\n  attribute: a\n  op: ==\n  value: 1\n");
  const Rule certain = check_of("check:\n  certain: {attribute: a, op: ==, value: 1}\n");
  auto body = [](Node value) {
    Node b = Node::make_map();
    b.add("a", std::move(value));
    return b;
  };
  const Node one = body(Node::make_number(1, "1"));
  const Node two = body(Node::make_number(2, "2"));
  const Node unknown = body(Node::make_expression("var.a"));
  EXPECT_EQ(evaluate(*certain.declarative->checks.get().shared_check, one).truth, Truth::True);
  EXPECT_EQ(evaluate(*certain.declarative->checks.get().shared_check, two).truth, Truth::False);
  EXPECT_EQ(evaluate(*plain.declarative->checks.get().shared_check, unknown).truth, Truth::Unknown);
  EXPECT_EQ(evaluate(*certain.declarative->checks.get().shared_check, unknown).truth, Truth::False);
  EXPECT_EQ(load_error(kRule.substr(0, kRule.find("check:")) +
                       "check:\n  certain: {attribute: a}\n  attribute: b\nmessage: m\n"),
            "pack.yaml:9:3: 'certain' must stand alone in its mapping");
}

TEST(RuleLoader, GuardListsCfnGuardRuleNames) {
  const std::string head = kRule.substr(0, kRule.find("targets:"));
  const std::string tail = kRule.substr(kRule.find("targets:"));
  auto rules = load_rules_from_text(head + "guard: [DB_INSTANCE_BACKUP_ENABLED, RDS_IN_BACKUP_PLAN]\n" + tail,
                                    "p.yaml");
  ASSERT_EQ(rules.size(), 1u);
  EXPECT_EQ(rules[0].info.guard_rules,
            (std::vector<std::string>{"DB_INSTANCE_BACKUP_ENABLED", "RDS_IN_BACKUP_PLAN"}));
  EXPECT_EQ(load_error(head + "guard: [db-instance-backup]\n" + tail),
            "pack.yaml:6:9: cfn-guard rule name 'db-instance-backup' must be upper case, such as "
            "S3_BUCKET_VERSIONING_ENABLED");
  EXPECT_EQ(load_error(head + "guard: []\n" + tail),
            "pack.yaml:6:8: 'guard' must be a non-empty list of cfn-guard rule names");
}

TEST(RuleLoader, DirectivesListPeerChecksWhoseSkipsStandForTheRule) {
  const std::string head = kRule.substr(0, kRule.find("targets:"));
  const std::string tail = kRule.substr(kRule.find("targets:"));
  auto rules =
      load_rules_from_text(head +
                               "directives:\n"
                               "  - {tool: checkov, ids: [CKV_AWS_133], check: RDS backups}\n"
                               "  - {tool: trivy, ids: [AVD-AWS-0077, AWS-0077], check: retention}\n" +
                               tail,
                           "p.yaml");
  ASSERT_EQ(rules.size(), 1u);
  const auto &d = rules[0].info.peer_directives;
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[0].tool, "checkov");
  EXPECT_EQ(d[0].ids, (std::vector<std::string>{"CKV_AWS_133"}));
  EXPECT_EQ(d[0].check, "RDS backups");
  EXPECT_EQ(d[1].tool, "trivy");
  EXPECT_EQ(d[1].ids, (std::vector<std::string>{"AVD-AWS-0077", "AWS-0077"}));
  EXPECT_EQ(load_error(head + "directives:\n  - {tool: tfsec, ids: [x], check: y}\n" + tail),
            "pack.yaml:7:12: directive tool must be checkov or trivy (tfsec shares trivy's ids)");
  EXPECT_EQ(load_error(head + "directives:\n  - {tool: checkov, ids: [], check: y}\n" + tail),
            "pack.yaml:7:26: 'ids' must be a non-empty list of the peer's check ids");
  EXPECT_EQ(load_error(head + "directives:\n  - {tool: checkov, ids: [x]}\n" + tail),
            "pack.yaml:7:5: missing field 'check'");
  EXPECT_EQ(load_error(head + "directives:\n  - {tool: checkov, ids: [x], check: y, note: z}\n" + tail),
            "pack.yaml:7:41: unknown directive field 'note'");
  EXPECT_EQ(load_error(head + "directives: []\n" + tail),
            "pack.yaml:6:13: 'directives' must be a non-empty list of {tool, ids, check}");
}

TEST(RuleLoader, ValuesCarryNoPackPositions) {
  // A default stands in for a missing attribute of a scanned file: a span
  // into the rule pack would locate a finding at the pack's line.
  auto rules = load_rules_from_text(
      replaced(replaced(kRule, "op: \">=\"", "op: in"), "  value: 7\n", "  value: [7, 8]\n  default: 0\n"),
      "pack.yaml");
  const Predicate *p = rules.at(0).declarative->check_for(TargetFormat::Terraform, "aws_db_instance");
  ASSERT_TRUE(p->default_value);
  EXPECT_FALSE(p->default_value->span.valid());
  EXPECT_FALSE(p->value.span.valid());
  EXPECT_FALSE(p->value.items.at(1).span.valid());
}

TEST(RuleLoader, BracesInABrokenPackDoNotHideItsSyntaxError) {
  // The YAML parser takes a broken file with `{{ }}` for an unrendered Helm
  // template; a rule pack is never one, and its syntax error is what counts.
  EXPECT_EQ(load_error(replaced(kRule, "A test rule", "A {{ test }} rule") + "tags: [a\n"),
            "pack.yaml:14:1: end of sequence flow not found");
}

TEST(RuleLoader, EmptyAndCommentOnlyPacksHoldNoRules) {
  EXPECT_TRUE(load_rules_from_text("", "empty.yaml").empty());
  EXPECT_TRUE(load_rules_from_text("# nothing here\n---\n# nor here\n", "comments.yaml").empty());
}

}  // namespace
}  // namespace clause

namespace clause {
namespace {

// Every regular expression of a predicate tree, with where it is.
void collect_regexes(const Predicate &p, const std::string &where,
                     std::vector<std::pair<std::string, const LazyRegex *>> &out) {
  if (p.regex) out.emplace_back(where + " " + p.path_text, p.regex.get());
  for (const auto &c : p.children) collect_regexes(c, where, out);
}

// The built-in packs compile their checks on first use, so a bad one would
// only show in a scan that meets its resource type: every one is compiled
// here (with the same errors a user's pack gets at load).
TEST(RuleLoader, EveryBuiltinCheckCompiles) {
  const RuleSet rules = RuleSet::builtin();
  size_t declarative = 0;
  for (const Rule &r : rules.rules()) {
    if (!r.declarative) continue;
    ++declarative;
    EXPECT_FALSE(r.declarative->checks.compiled()) << r.info.id << ": compiled at load";
    try {
      const CompiledChecks &c = r.declarative->checks.get();
      EXPECT_TRUE(c.shared_check || !c.check.empty() || !c.check_by_type.empty()) << r.info.id;
    } catch (const RulePackError &e) {
      ADD_FAILURE() << r.info.id << ": " << e.what();
    }
    EXPECT_TRUE(r.declarative->checks.compiled()) << r.info.id;
  }
  EXPECT_GE(declarative, 50u);
}

// The built-in packs compile their patterns on first use, so a bad one
// would only show in a scan that meets it: every one is compiled here.
TEST(RuleLoader, EveryBuiltinRegularExpressionCompiles) {
  std::vector<std::pair<std::string, const LazyRegex *>> regexes;
  const RuleSet rules = RuleSet::builtin();
  for (const Rule &r : rules.rules()) {
    if (!r.declarative) continue;
    const CompiledChecks &dc = r.declarative->checks.get();
    for (const auto &[_, p] : dc.check) collect_regexes(p, r.info.id, regexes);
    for (const auto &[_, p] : dc.when) collect_regexes(p, r.info.id, regexes);
    for (const auto &[_, p] : dc.check_by_type) collect_regexes(p, r.info.id, regexes);
    for (const auto &[_, p] : dc.when_by_type) collect_regexes(p, r.info.id, regexes);
    if (dc.shared_check) collect_regexes(*dc.shared_check, r.info.id, regexes);
    if (dc.shared_when) collect_regexes(*dc.shared_when, r.info.id, regexes);
  }
  EXPECT_GE(regexes.size(), 20u);
  for (const auto &[where, re] : regexes) EXPECT_TRUE(re->get().ok()) << where << ": " << re->get().error();
}

TEST(RuleLoader, BadRegularExpressionInAUserPackFailsAtLoad) {
  std::string text = kRule;
  text.replace(text.find("  op: \">=\"\n  value: 7\n"), 22, "  op: matches\n  value: \"(unclosed\"\n");
  EXPECT_EQ(load_error(text).rfind("pack.yaml:", 0), 0u) << load_error(text);
  EXPECT_NE(load_error(text).find("invalid regular expression (RE2 syntax): missing )"), std::string::npos)
      << load_error(text);
}

// A user's pack names its rules outside CL- (reserved for built-ins, so a
// release can add CL-0999 without breaking anyone), and the scenario is
// not part of such an id.
TEST(RuleLoader, UserPacksUseTheirOwnIds) {
  const std::string acme = replaced(kRule, "CL-0999", "ACME-001");
  auto rules = load_rules_from_text(replaced(acme, "\"5.9\"", "\"5.13\""), "pack.yaml", RuleIds::User);
  ASSERT_EQ(rules.size(), 1u);
  EXPECT_EQ(rules[0].info.id, "ACME-001");
  EXPECT_EQ(rules[0].info.scenario, "5.13");
  EXPECT_EQ(rules[0].defined_at, "pack.yaml:1:5");
  for (const char *id : {"X-1", "ACME2-db.backup-v2", "SEC-Db-7"})
    EXPECT_EQ(user_load_error(replaced(kRule, "CL-0999", id)), "") << id;
  EXPECT_EQ(
      user_load_error(kRule),
      "pack.yaml:1:5: rule id CL-0999: the CL- prefix is reserved for clause's built-in rules; give your "
      "rules a prefix of your own, such as ACME-001");
  const std::string shape =
      "' must look like PREFIX-NAME, such as ACME-001: an upper-case letter, upper-case letters or digits, "
      "'-', then letters, digits, '.' or '-'";
  for (const char *id : {"acme-001", "ACME001", "1ACME-1", "ACME-", "ACME_X-1", "ACME-a b"})
    EXPECT_EQ(user_load_error(replaced(kRule, "CL-0999", std::string("\"") + id + "\"")),
              "pack.yaml:1:5: rule id '" + std::string(id) + shape)
        << id;
  // The built-in packs keep the CL-<scenario><sequence> form.
  EXPECT_EQ(load_error(acme),
            "pack.yaml:1:5: rule id 'ACME-001' must look like CL-<scenario two digits><two digits>");
}

TEST(RuleLoader, ClashingIdsAndNamesNameBothPlaces) {
  RuleSet set;
  set.add(load_rules_from_text(replaced(kRule, "CL-0999", "ACME-001"), "a/pack.yaml", RuleIds::User));
  auto clash = [&](const std::string &text) {
    try {
      RuleSet copy = set;
      copy.add(load_rules_from_text(text, "b/other.yaml", RuleIds::User));
    } catch (const RulePackError &e) {
      return std::string(e.what());
    }
    return std::string();
  };
  EXPECT_EQ(clash("# the same id again\n" +
                  replaced(replaced(kRule, "CL-0999", "ACME-001"), "test.rule", "test.b")),
            "b/other.yaml:2:5: rule id ACME-001 is already defined at a/pack.yaml:1:5");
  EXPECT_EQ(clash(replaced(kRule, "CL-0999", "ACME-002")),
            "b/other.yaml:1:5: rule name test.rule is already used by ACME-001 at a/pack.yaml:1:5");
  // Within one pack (the second rule's id is on line 14).
  const std::string c = replaced(replaced(kRule, "CL-0999", "ACME-003"), "test.rule", "test.c");
  EXPECT_EQ(clash(c + "---\n" + replaced(c, "test.c", "test.d")),
            "b/other.yaml:14:5: rule id ACME-003 is already defined at b/other.yaml:1:5");
  // Its id clashes with the pack's first rule, its name with a rule defined
  // before that one: the earlier rule is named.
  EXPECT_EQ(clash(c + "---\n" + replaced(c, "test.c", "test.rule")),
            "b/other.yaml:14:5: rule name test.rule is already used by ACME-001 at a/pack.yaml:1:5");
  EXPECT_EQ(set.rules().size(), 1u);
}

}  // namespace
}  // namespace clause
