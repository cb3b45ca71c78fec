// The rule-language additions agreement rules rely on: duration comparisons
// with a 30-day month, vague wording, `{param: NAME}` values and their
// configuration overrides, and where an absent agreement field is reported.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "checker/engine/rule_loader.h"
#include "checker/engine/rule_set.h"
#include "checker/scan/scanner.h"
#include "checker/workflow/rule_config.h"
#include "parsers/yaml/yaml_parser.h"
#include "tests/unit/cli_run.h"

namespace clause {
namespace {

namespace fs = std::filesystem;

std::string rule_text(const std::string &check, const std::string &parameters = "") {
  return "id: CL-1390\nname: test.agreement\nscenario: \"5.13\"\ntitle: t\nseverity: low\n"
         "targets:\n  agreement: [CloudServiceAgreement]\n" +
         parameters + check + "message: \"{attribute} is {actual}, expected {expected}\"\n";
}

Rule load_one(const std::string &text) {
  auto rules = load_rules_from_text(text, "test.yaml");
  EXPECT_EQ(rules.size(), 1u);
  return rules.at(0);
}

std::string load_error(const std::string &text) {
  try {
    load_rules_from_text(text, "test.yaml");
  } catch (const RulePackError &e) {
    return e.what();
  }
  return "";
}

// The root of a YAML agreement body.
struct Parsed {
  Document doc;
  explicit Parsed(const std::string &yaml) {
    doc.source = "apiVersion: clause/v1alpha1\nkind: CloudServiceAgreement\n" + yaml;
    parse_yaml(doc, ParseOptions{});
  }
  const Node &root() const { return doc.roots.at(0); }
};

Truth truth(const Rule &rule, const std::string &yaml) {
  Parsed p(yaml);
  return evaluate(*rule.declarative->checks.get().shared_check, p.root()).truth;
}

TEST(AgreementPredicates, DurationComparisonsUseThirtyDayMonths) {
  Rule r =
      load_one(rule_text("check: {attribute: termination.noticePeriod, op: \"duration<=\", value: P2M}\n"));
  EXPECT_EQ(truth(r, "termination: {noticePeriod: 60d}\n"), Truth::True);
  EXPECT_EQ(truth(r, "termination: {noticePeriod: P1M}\n"), Truth::True);
  EXPECT_EQ(truth(r, "termination: {noticePeriod: 61 days}\n"), Truth::False);
  // Not a duration: the bound is not met, the commitment is not measurable.
  EXPECT_EQ(truth(r, "termination: {noticePeriod: two months}\n"), Truth::False);
  EXPECT_EQ(truth(r, "termination: {noticePeriod: 30}\n"), Truth::False);
  EXPECT_EQ(truth(r, "termination: {}\n"), Truth::False);

  Rule ge = load_one(rule_text("check: {attribute: a, op: \"duration>\", value: PT1H}\n"));
  EXPECT_EQ(truth(ge, "a: PT61M\n"), Truth::True);
  EXPECT_EQ(truth(ge, "a: 1h\n"), Truth::False);

  Rule is = load_one(rule_text("check: {attribute: a, op: is_duration}\n"));
  EXPECT_EQ(truth(is, "a: P1DT12H\n"), Truth::True);
  EXPECT_EQ(truth(is, "a: soon\n"), Truth::False);
}

TEST(AgreementPredicates, VagueWordingIsFoundOnWordBoundaries) {
  Rule vague = load_one(rule_text("check: {attribute: s, op: not_vague}\n"));
  EXPECT_EQ(truth(vague, "s: Patches are applied promptly.\n"), Truth::False);
  EXPECT_EQ(truth(vague, "s: We use commercially reasonable efforts\n"), Truth::False);
  EXPECT_EQ(truth(vague, "s: Best-effort support\n"), Truth::False);
  EXPECT_EQ(truth(vague, "s: restored as soon as possible\n"), Truth::False);
  EXPECT_EQ(truth(vague, "s: Patches are applied within 14 days.\n"), Truth::True);
  EXPECT_EQ(truth(vague, "s: an impromptu review\n"), Truth::True);  // not "prompt"
  EXPECT_EQ(truth(vague, "other: 1\n"), Truth::True);                // absent is not vague
}

TEST(AgreementPredicates, LoaderRejectsBadDurationsAndUnknownParameters) {
  EXPECT_EQ(load_error(rule_text("check: {attribute: a, op: \"duration>=\", value: soon}\n")),
            "test.yaml:8:48: op 'duration>=' needs a duration such as P30D or PT4H");
  EXPECT_EQ(load_error(rule_text("check: {attribute: a, op: \"duration>=\", value: {param: minimum}}\n")),
            "test.yaml:8:56: no parameter 'minimum' in this rule's 'parameters'");
  EXPECT_NE(load_error(rule_text("check: {attribute: a, op: \"duration>=\", value: {minimum: P1D}}\n"))
                .find("a mapping value must be {param: NAME}"),
            std::string::npos);
}

TEST(AgreementPredicates, ParameterValuesAreReadAndRebound) {
  Rule r = load_one(rule_text("check: {attribute: a, op: \"duration>=\", value: {param: minimum}}\n",
                              "parameters:\n  minimum: P30D\n"));
  EXPECT_EQ(truth(r, "a: P30D\n"), Truth::True);
  r.parameters["minimum"] = Node::make_string("P45D");
  rebind_rule_parameters(r);
  EXPECT_EQ(truth(r, "a: P30D\n"), Truth::False);
  EXPECT_EQ(truth(r, "a: P45D\n"), Truth::True);
  r.parameters["minimum"] = Node::make_string("a while");
  EXPECT_THROW(rebind_rule_parameters(r), RulePackError);
}

TEST(AgreementPredicates, ConfigurationOverridesAgreementThresholds) {
  // complete.yaml: retrieval P60D (line 286), export timeline P14D (line 297).
  Config c = parse_config(
      "rules:\n  parameters:\n    term.retrieval-window: {minimum: P90D}\n    CL-1446: {maxTimeline: P10D}\n",
      "/p/.clause.yaml");
  RuleSet all = RuleSet::builtin();
  check_rule_names(c, all);
  all.filter([](const Rule &r) { return r.info.id == "CL-1342" || r.info.id == "CL-1446"; });
  RuleSet configured = apply_rule_settings(all, c);
  ScanOptions opts;
  opts.roots = {(fs::path(CLAUSE_SOURCE_DIR) / "fixtures" / "agreements" / "complete.yaml").string()};
  Report report = run_scan(configured, opts);
  std::set<std::pair<uint32_t, std::string>> found;
  for (const auto &f : report.roots.at(0).findings) found.emplace(f.location.span.start_line, f.rule_id);
  EXPECT_EQ(found, (std::set<std::pair<uint32_t, std::string>>{{286, "CL-1342"}, {297, "CL-1446"}}));
  // With the defaults the same agreement passes both.
  EXPECT_TRUE(run_scan(all, opts).roots.at(0).findings.empty());
}

TEST(AgreementPredicates, ConfigurationRejectsADurationParameterThatIsNoDuration) {
  Config c =
      parse_config("rules:\n  parameters:\n    CL-1342:\n      minimum: a month or so\n", "/p/.clause.yaml");
  try {
    check_rule_names(c, RuleSet::builtin());
    FAIL() << "no error";
  } catch (const ConfigError &e) {
    EXPECT_EQ(std::string(e.what()),
              "/p/.clause.yaml:4:16: CL-1342 parameter 'minimum' takes a duration such as P30D, not 'a month "
              "or so'");
  }
}

TEST(AgreementPredicates, AbsentFieldsAreReportedAtTheEnclosingBlock) {
  testing::TempTree root;
  root.write("agreement.yaml",
             "apiVersion: clause/v1alpha1\nkind: CloudServiceAgreement\ntermination:\n  transition:\n"
             "    extendableByCustomer: true\n");
  RuleSet rules;
  rules.add(load_rules_from_text(
      rule_text("check:\n  all:\n    - {attribute: termination.transition.period, op: is_duration}\n"),
      "t.yaml"));
  RuleSet outer;
  outer.add(
      load_rules_from_text("id: CL-1391\nname: test.outer\nscenario: \"5.13\"\ntitle: t\nseverity: low\n"
                           "targets:\n  agreement: [CloudServiceAgreement]\n"
                           "check: {attribute: transfer.timeline, op: is_duration}\nmessage: m\n",
                           "o.yaml"));
  ScanOptions opts;
  opts.roots = {root.path()};
  auto findings = run_scan(rules, opts).roots.at(0).findings;
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].location.span.start_line, 4u);  // `transition:`
  EXPECT_EQ(findings[0].location.span.start_col, 3u);
  EXPECT_EQ(findings[0].message, "termination.transition.period is not set, expected ");
  auto outer_findings = run_scan(outer, opts).roots.at(0).findings;
  ASSERT_EQ(outer_findings.size(), 1u);
  EXPECT_EQ(outer_findings[0].location.span.start_line, 2u);  // no transfer block: the `kind:` line
}

}  // namespace
}  // namespace clause
