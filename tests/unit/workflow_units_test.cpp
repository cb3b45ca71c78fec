// The small pieces of the developer workflow: directive parsing, globs,
// dates, the peer directives the built-in rules honour and the terminal rendering of rule pages.
#include <gtest/gtest.h>

#include "checker/engine/rule_set.h"
#include "checker/workflow/dates.h"
#include "checker/workflow/directive.h"
#include "checker/workflow/glob.h"
#include "checker/workflow/peer_directives.h"
#include "checker/workflow/terminal_markdown.h"

namespace clause {
namespace {

TEST(Directive, ClauseFormWithListExpiryAndReason) {
  auto ds =
      parse_directives("# clause:ignore CL-0901, ops.other until=2026-01-31 -- waiver W-3: see ticket 12");
  ASSERT_EQ(ds.size(), 1u);
  const Directive &d = ds[0];
  EXPECT_EQ(d.source, DirectiveSource::Clause);
  EXPECT_EQ(d.rules, (std::vector<std::string>{"CL-0901", "ops.other"}));
  EXPECT_EQ(d.until, "2026-01-31");
  EXPECT_EQ(d.reason, "waiver W-3: see ticket 12");
  EXPECT_EQ(d.text, "clause:ignore CL-0901, ops.other until=2026-01-31 -- waiver W-3: see ticket 12");
  EXPECT_TRUE(d.errors.empty());
}

TEST(Directive, BlockCommentAndJsonForms) {
  auto block = parse_directives("/* clause:ignore CL-0901 -- in a block */");
  ASSERT_EQ(block.size(), 1u);
  EXPECT_EQ(block[0].reason, "in a block");
  auto json = parse_directives("// clause:ignore CL-0901 -- from a \"//\" property");
  ASSERT_EQ(json.size(), 1u);
  EXPECT_EQ(json[0].reason, "from a \"//\" property");
}

TEST(Directive, NotADirective) {
  EXPECT_TRUE(parse_directives("# see the clause:ignores page").empty());
  EXPECT_TRUE(parse_directives("# myclause:ignore CL-0901 -- x").empty());
  EXPECT_TRUE(parse_directives("# an ordinary comment").empty());
}

TEST(Directive, MissingPiecesAreRecorded) {
  auto no_reason = parse_directives("# clause:ignore CL-0901");
  ASSERT_EQ(no_reason.size(), 1u);
  EXPECT_EQ(no_reason[0].reason, "");
  EXPECT_TRUE(no_reason[0].errors.empty());
  auto bad = parse_directives("# clause:ignore until=tomorrow -- x");
  ASSERT_EQ(bad.size(), 1u);
  EXPECT_EQ(bad[0].errors,
            (std::vector<std::string>{"'until=tomorrow' is not a date written until=YYYY-MM-DD",
                                      "it names no rule"}));
}

TEST(Directive, PeerForms) {
  auto c = parse_directives("#checkov:skip=CKV_AWS_133,CKV_AWS_66:kept for the audit trail");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].source, DirectiveSource::Checkov);
  EXPECT_EQ(c[0].rules, (std::vector<std::string>{"CKV_AWS_133", "CKV_AWS_66"}));
  EXPECT_EQ(c[0].reason, "kept for the audit trail");
  EXPECT_EQ(c[0].text, "checkov:skip=CKV_AWS_133,CKV_AWS_66");

  auto two = parse_directives(
      "# tfsec:ignore:aws-rds-specify-backup-retention[engine=postgres]:exp:2026-03-01 "
      "tfsec:ignore:aws-s3-enable-versioning");
  ASSERT_EQ(two.size(), 2u);
  EXPECT_EQ(two[0].source, DirectiveSource::Tfsec);
  EXPECT_EQ(two[0].rules, (std::vector<std::string>{"aws-rds-specify-backup-retention"}));
  EXPECT_EQ(two[0].until, "2026-03-01");
  EXPECT_EQ(two[0].text, "tfsec:ignore:aws-rds-specify-backup-retention[engine=postgres]:exp:2026-03-01");
  EXPECT_EQ(two[1].rules, (std::vector<std::string>{"aws-s3-enable-versioning"}));

  auto t = parse_directives("# trivy:ignore:AVD-AWS-0077:ws:prod");
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].source, DirectiveSource::Trivy);
  EXPECT_EQ(t[0].rules, (std::vector<std::string>{"AVD-AWS-0077"}));
  EXPECT_EQ(t[0].until, "");
}

std::vector<RuleInfo> builtin_infos() {
  const RuleSet rules = RuleSet::builtin();
  std::vector<RuleInfo> infos;
  for (const auto &r : rules.rules()) infos.push_back(r.info);
  return infos;
}

using Ids = std::vector<std::string>;

TEST(PeerDirectives, BuiltInRulesMapTheirPeersIdsAndOnlyThose) {
  const PeerDirectiveIndex index(builtin_infos());
  EXPECT_EQ(index.rules_for(DirectiveSource::Checkov, "CKV_AWS_133"), Ids{"CL-0901"});
  EXPECT_EQ(index.rules_for(DirectiveSource::Checkov, "ckv_aws_66"), Ids{"CL-1001"});
  EXPECT_EQ(index.rules_for(DirectiveSource::Tfsec, "aws-rds-specify-backup-retention"), Ids{"CL-0901"});
  EXPECT_EQ(index.rules_for(DirectiveSource::Trivy, "AVD-AWS-0077"), Ids{"CL-0901"});
  EXPECT_EQ(index.rules_for(DirectiveSource::Trivy, "AWS-0077"), Ids{"CL-0901"});
  EXPECT_EQ(index.rules_for(DirectiveSource::Checkov, "CKV_AWS_21"), Ids{"CL-0904"});
  EXPECT_EQ(index.rules_for(DirectiveSource::Tfsec, "aws-s3-enable-versioning"), Ids{"CL-0904"});
  EXPECT_EQ(index.rules_for(DirectiveSource::Checkov, "CKV_AWS_7"), Ids{"CL-0504"});
  EXPECT_EQ(index.rules_for(DirectiveSource::Trivy, "avd-aws-0065"), Ids{"CL-0504"});
  // A peer id under the other tool's prefix, and a peer check that is only
  // near ours (listed under `peers:`, not `directives:`), map to nothing.
  EXPECT_EQ(index.rules_for(DirectiveSource::Trivy, "CKV_AWS_133"), Ids{});
  EXPECT_EQ(index.rules_for(DirectiveSource::Checkov, "CKV_AWS_20"), Ids{});
  EXPECT_EQ(index.rules_for(DirectiveSource::Checkov, "CKV2_AWS_8"), Ids{});
}

TEST(PeerDirectives, ARulePackOfYourOwnCanMapAPeerIdToSeveralRules) {
  RuleInfo a, b;
  a.id = "ACME-1";
  b.id = "ACME-2";
  a.peer_directives.push_back({"checkov", {"CKV_ACME_1"}, "one"});
  b.peer_directives.push_back({"checkov", {"ckv_acme_1"}, "the same check"});
  b.peer_directives.push_back({"trivy", {"acme-long-id"}, "two"});
  const PeerDirectiveIndex index({a, b});
  EXPECT_EQ(index.rules_for(DirectiveSource::Checkov, "CKV_ACME_1"), (Ids{"ACME-1", "ACME-2"}));
  EXPECT_EQ(index.rules_for(DirectiveSource::Tfsec, "ACME-LONG-ID"), Ids{"ACME-2"});
  EXPECT_EQ(index.rules_for(DirectiveSource::Checkov, "acme-long-id"), Ids{});
}

TEST(Glob, SegmentsAndDoubleStar) {
  EXPECT_TRUE(glob_match("legacy/**", "legacy/a/b.tf"));
  EXPECT_FALSE(glob_match("legacy/**", "new/legacy.tf"));
  EXPECT_TRUE(glob_match("*.generated.tf", "infra/x/main.generated.tf"));  // no '/': any depth
  EXPECT_FALSE(glob_match("infra/*.tf", "infra/x/main.tf"));               // '*' stays in a segment
  EXPECT_TRUE(glob_match("infra/*.tf", "infra/main.tf"));
  EXPECT_TRUE(glob_match("infra/**/db.tf", "infra/db.tf"));
  EXPECT_TRUE(glob_match("infra/**/db.tf", "infra/a/b/db.tf"));
  EXPECT_TRUE(glob_match("sandbox", "teams/sandbox/main.tf"));  // a directory name at any depth
  EXPECT_TRUE(glob_match("build/", "build/out.json"));
  EXPECT_FALSE(glob_match("build/", "build"));
  EXPECT_TRUE(glob_match("/top.tf", "top.tf"));
  EXPECT_FALSE(glob_match("/top.tf", "sub/top.tf"));
  EXPECT_TRUE(glob_match("env-[a-c]?.tfvars", "env-b1.tfvars"));
  EXPECT_FALSE(glob_match("env-[!a-c]?.tfvars", "env-b1.tfvars"));
  EXPECT_FALSE(glob_match("./infra/*.tf", "infra/main.tf"));  // a pattern is not normalised
  EXPECT_TRUE(glob_match("infra/*.tf", "./infra/main.tf"));   // a path is
}

TEST(Dates, RealDatesOnly) {
  EXPECT_TRUE(is_iso_date("2024-02-29"));
  EXPECT_FALSE(is_iso_date("2025-02-29"));
  EXPECT_FALSE(is_iso_date("2025-13-01"));
  EXPECT_FALSE(is_iso_date("2025-1-01"));
  EXPECT_FALSE(is_iso_date("20250101"));
  EXPECT_TRUE(is_iso_date(today_utc()));
  EXPECT_FALSE(date_passed("2025-06-01", "2025-06-01"));
  EXPECT_TRUE(date_passed("2025-06-01", "2025-06-02"));
}

TEST(TerminalMarkdown, PlainRendering) {
  const std::string page =
      "# CL-0901 ops.backup-enabled\n"
      "\n"
      "**Scenario:** 5.9 · see [the guide](docs/x.md) and `backup_retention_period`\n"
      "## How to fix\n"
      "```hcl\n"
      "resource \"a\" \"b\" {\n"
      "}\n"
      "```\n"
      "### Detail\n";
  EXPECT_EQ(render_markdown_for_terminal(page, false),
            "CL-0901 ops.backup-enabled\n"
            "==========================\n"
            "\n"
            "Scenario: 5.9 · see the guide <docs/x.md> and `backup_retention_period`\n"
            "How to fix\n"
            "----------\n"
            "    resource \"a\" \"b\" {\n"
            "    }\n"
            "Detail\n");
}

TEST(TerminalMarkdown, ColourMarksEmphasisAndCode) {
  EXPECT_EQ(render_markdown_for_terminal("**Bold** and `code`\n", true),
            "\033[1mBold\033[0m and \033[36mcode\033[0m\n");
}

}  // namespace
}  // namespace clause
