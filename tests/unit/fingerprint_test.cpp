#include "checker/model/finding_identity.h"

#include "checker/model/finding.h"
#include "checker/model/rule_info.h"

#include <gtest/gtest.h>

namespace clause {
namespace {

TEST(Fingerprint, Fnv1aMatchesPublishedVectors) {
  EXPECT_EQ(fnv1a64(""), 0xcbf29ce484222325ULL);
  EXPECT_EQ(fnv1a64("a"), 0xaf63dc4c8601ec8cULL);
  EXPECT_EQ(fnv1a64("foobar"), 0x85944171f73967e8ULL);
}

TEST(Fingerprint, NormalisesWhitespace) {
  EXPECT_EQ(normalize_offending_text("  a \t b\r\n  c  "), "a b c");
  EXPECT_EQ(normalize_offending_text(" \n\t "), "");
  EXPECT_EQ(normalize_offending_text("abc"), "abc");
}

TEST(Fingerprint, Is32HexDigitsAndPinned) {
  const std::string fp =
      finding_fingerprint("CL-0902", "aws_db_instance.main", "backup_retention_period = 1");
  ASSERT_EQ(fp.size(), 32u);
  EXPECT_EQ(fp.find_first_not_of("0123456789abcdef"), std::string::npos);
  // Pinned: a change here changes every fingerprint users have (new key needed).
  EXPECT_EQ(fp, "3fa4d5e8f3c5b2106187373993c2cb16");
}

TEST(Fingerprint, SameTextAtAnotherLineKeepsTheFingerprint) {
  Finding a;
  a.rule_id = "CL-0902";
  a.resource = "aws_db_instance.main";
  a.snippet = "  backup_retention_period = 1";
  a.location = {"main.tf", {12, 3, 12, 30, 0, 0}};
  Finding b = a;
  b.location = {"main.tf", {57, 5, 57, 32, 0, 0}};
  b.snippet = "\t\tbackup_retention_period   =   1  ";
  EXPECT_EQ(fingerprint_of(a), fingerprint_of(b));
}

TEST(Fingerprint, DifferentInputsGiveDifferentFingerprints) {
  const std::string base =
      finding_fingerprint("CL-0902", "aws_db_instance.main", "backup_retention_period = 1");
  EXPECT_NE(base, finding_fingerprint("CL-0902", "aws_db_instance.main", "backup_retention_period = 2"));
  EXPECT_NE(base, finding_fingerprint("CL-0903", "aws_db_instance.main", "backup_retention_period = 1"));
  EXPECT_NE(base, finding_fingerprint("CL-0902", "aws_db_instance.other", "backup_retention_period = 1"));
  // Field boundaries count: moving a character from one field to the next changes the value.
  EXPECT_NE(finding_fingerprint("ab", "c", "x"), finding_fingerprint("a", "bc", "x"));
}

TEST(Fingerprint, EngineValueWinsAndPathStandsInForMissingResource) {
  Finding f;
  f.rule_id = "CL-0701";
  f.location.path = "agreements/csa.yaml";
  f.snippet = "availability: best effort";
  EXPECT_EQ(fingerprint_of(f),
            finding_fingerprint("CL-0701", "agreements/csa.yaml", "availability: best effort"));
  f.fingerprint = "given";
  EXPECT_EQ(fingerprint_of(f), "given");
}

TEST(Fingerprint, CollisionsGetOccurrenceCounters) {
  std::vector<std::string> fps = {"x", "y", "x", "x"};
  make_fingerprints_unique(fps);
  EXPECT_EQ(fps, (std::vector<std::string>{"x", "y", "x:2", "x:3"}));

  // A suffix never takes a value that is already some finding's fingerprint.
  std::vector<std::string> tricky = {"x", "x", "x:2"};
  make_fingerprints_unique(tricky);
  EXPECT_EQ(tricky, (std::vector<std::string>{"x", "x:3", "x:2"}));
}

TEST(Fingerprint, SuffixesAvoidEachOtherAndLaterOriginals) {
  std::vector<std::string> fps = {"x", "x", "x:2", "x:2"};
  make_fingerprints_unique(fps);
  EXPECT_EQ(fps, (std::vector<std::string>{"x", "x:3", "x:2", "x:2:2"}));
  fps = {"x", "x", "x", "x:3", "y", "x"};
  make_fingerprints_unique(fps);
  EXPECT_EQ(fps, (std::vector<std::string>{"x", "x:2", "x:4", "x:3", "y", "x:5"}));
  fps = {};
  make_fingerprints_unique(fps);
  EXPECT_TRUE(fps.empty());
}

TEST(Fingerprint, RunFingerprintsAreUniqueAndInOrder) {
  Finding f;
  f.rule_id = "CL-0902";
  f.resource = "aws_db_instance.main";
  f.snippet = "backup_retention_period = 1";
  const std::vector<std::string> fps = run_fingerprints({f, f});
  ASSERT_EQ(fps.size(), 2u);
  EXPECT_EQ(fps[0], fingerprint_of(f));
  EXPECT_EQ(fps[1], fingerprint_of(f) + ":2");
}

TEST(MakeFinding, TakesRuleIdSeverityAndIdentityFromTheRule) {
  RuleInfo rule;
  rule.id = "CL-0902";
  rule.severity = Severity::High;
  const Location at{"main.tf", Span{12, 3, 12, 30, 0, 0}};
  const Finding f = make_finding(
      rule, {.location = at,
             .message = "aws_db_instance.main keeps backups for 1 days",
             .resource = "aws_db_instance.main",
             .snippet = "  backup_retention_period = 1",
             .related = {RelatedLocation{Location{"csa.yaml", Span{4, 5, 4, 12, 0, 0}}, "promised here"}},
             .unit = "envs/prod"});
  EXPECT_EQ(f.rule_id, "CL-0902");
  EXPECT_EQ(f.severity, Severity::High);
  EXPECT_EQ(f.location.path, "main.tf");
  EXPECT_EQ(f.location.span.start_line, 12u);
  EXPECT_EQ(f.message, "aws_db_instance.main keeps backups for 1 days");
  EXPECT_EQ(f.resource, "aws_db_instance.main");
  EXPECT_EQ(f.snippet, "  backup_retention_period = 1");
  ASSERT_EQ(f.related.size(), 1u);
  EXPECT_EQ(f.related[0].location.path, "csa.yaml");
  EXPECT_EQ(f.related[0].message, "promised here");
  EXPECT_EQ(f.unit, "envs/prod");
  EXPECT_FALSE(f.suppression.has_value());
  EXPECT_FALSE(f.undecided);
  EXPECT_EQ(f.fingerprint,
            finding_fingerprint("CL-0902", "aws_db_instance.main", "backup_retention_period = 1"));
}

TEST(MakeFinding, IdentityTextStandsInOnlyForAnEmptySnippet) {
  RuleInfo rule;
  rule.id = "CL-0003";
  const Finding none = make_finding(rule, {.resource = "broken.tf", .identity_text = "parse-error"});
  EXPECT_EQ(none.fingerprint, finding_fingerprint("CL-0003", "broken.tf", "parse-error"));
  const Finding line =
      make_finding(rule, {.resource = "broken.tf", .snippet = "resource {", .identity_text = "parse-error"});
  EXPECT_EQ(line.fingerprint, finding_fingerprint("CL-0003", "broken.tf", "resource {"));
}

TEST(MakeFinding, UndecidedIsAnInfoNoteNamingWhatBlockedIt) {
  RuleInfo rule;
  rule.id = "CL-0902";
  rule.severity = Severity::High;
  const Finding f = make_undecided_finding(
      rule, {.message = "ignored", .resource = "aws_db_instance.main", .snippet = "x = var.days"},
      "backup_retention_period", "var.days");
  EXPECT_EQ(f.severity, Severity::Info);
  EXPECT_EQ(f.message,
            "CL-0902 could not be decided for aws_db_instance.main: backup_retention_period depends on "
            "`var.days`, which is not known statically");
  EXPECT_EQ(f.fingerprint, finding_fingerprint("CL-0902", "aws_db_instance.main", "x = var.days"));
}

}  // namespace
}  // namespace clause
