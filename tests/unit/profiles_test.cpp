// Rule profiles (checker/engine/profiles.h), the metadata every rule must
// carry for them (profiles, peers, severity rationale), and the options of
// the tag convention rules, end to end through the CLI.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <re2/re2.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <set>

#include "checker/engine/profiles.h"
#include "checker/engine/rule_set.h"
#include "tests/unit/cli_support.h"

namespace clause {
namespace {

namespace fs = std::filesystem;
using testing::run_clause;
using testing::ScratchDir;

int rule_number(const std::string &id) { return std::stoi(id.substr(id.size() - 2)); }

// Every built-in rule file names its profiles; infrastructure rules (xx01 to
// xx39) also name their nearest peer checks (an empty map when there are
// none) and every rule says why it has its severity.
TEST(RuleMetadata, EveryBuiltinRuleFileCarriesProfilesPeersAndSeverityRationale) {
  size_t files = 0;
  for (const auto &entry : fs::recursive_directory_iterator(fs::path(CLAUSE_SOURCE_DIR) / "rules")) {
    if (entry.path().extension() != ".yaml") continue;
    ++files;
    YAML::Node doc = YAML::LoadFile(entry.path().string());
    const std::string id = doc["id"].as<std::string>();
    SCOPED_TRACE(id);
    ASSERT_TRUE(doc["profiles"] && doc["profiles"].IsSequence());
    for (const auto &p : doc["profiles"]) EXPECT_TRUE(is_known_profile(p.as<std::string>())) << p;
    ASSERT_TRUE(doc["severity-rationale"]);
    const std::string why = doc["severity-rationale"].as<std::string>();
    // It starts by naming the rule's severity, so that the two cannot drift.
    std::string sev = doc["severity"].as<std::string>();
    sev[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(sev[0])));
    EXPECT_EQ(why.rfind(sev, 0), 0u) << why;
    if (rule_number(id) < 40) {
      ASSERT_TRUE(doc["peers"] && doc["peers"].IsMap());
      // How the nearest peer checks differ in scope or threshold (or that
      // there are none).
      EXPECT_TRUE(doc["peers"]["note"] && !doc["peers"]["note"].as<std::string>().empty());
      // Every Trivy check named in the rationale is one of its peers.
      std::set<std::string> trivy;
      if (doc["peers"]["trivy"])
        for (const auto &t : doc["peers"]["trivy"]) trivy.insert(t["id"].as<std::string>());
      re2::StringPiece rest(why);
      std::string named;
      static const RE2 kTrivy("(AVD-[A-Z]+-[0-9]{4})");
      while (RE2::FindAndConsume(&rest, kTrivy, &named))
        EXPECT_TRUE(trivy.count(named)) << named << " is named but not a peer";
    } else {
      EXPECT_EQ(doc["profiles"].size(), 1u);
      EXPECT_EQ(doc["profiles"][0].as<std::string>(), "recommended")
          << "agreement and cross-document rules only fire where an agreement is";
    }
  }
  EXPECT_GT(files, 140u);
}

// The page's header restates the severity and the profiles: it must say
// what the rule file says.
TEST(RuleMetadata, DocPageHeaderAgreesWithTheRuleFile) {
  const RuleSet rules = RuleSet::builtin();
  for (const Rule &r : rules.rules()) {
    std::string profiles;
    for (const auto &p : r.info.profiles) profiles += (profiles.empty() ? "" : ", ") + p;
    const std::string want =
        std::string("**Severity:** ") + severity_name(r.info.severity) + " · **Profile:** " + profiles + " ·";
    EXPECT_NE(r.info.help_markdown.find(want), std::string::npos) << r.info.id << " page lacks: " << want;
  }
}

TEST(RuleMetadata, LoaderKeepsProfilesPeersAndRationale) {
  RuleSet rules = RuleSet::builtin();
  const Rule *backup = rules.find("CL-0901");
  ASSERT_NE(backup, nullptr);
  EXPECT_EQ(backup->info.profiles, std::vector<std::string>{"recommended"});
  ASSERT_FALSE(backup->info.peers.empty());
  EXPECT_EQ(backup->info.peers[0].tool, "checkov");
  EXPECT_EQ(backup->info.peers[0].id, "CKV_AWS_133");
  EXPECT_EQ(backup->info.peers[0].severity, "");
  bool trivy = false;
  for (const PeerCheck &p : backup->info.peers)
    if (p.tool == "trivy" && p.id == "AVD-AWS-0077") trivy = p.severity == "medium";
  EXPECT_TRUE(trivy);
  EXPECT_EQ(backup->info.severity, Severity::Medium);
  EXPECT_EQ(rules.find("CL-1002")->info.profiles, std::vector<std::string>{"account"});
  EXPECT_EQ(rules.find("CL-0301")->info.profiles, std::vector<std::string>{"conventions"});
}

// The rules a scan runs, as its JSON report lists them.
std::set<std::string> selected(const std::vector<std::string> &profiles,
                               const std::vector<std::string> &extend = {},
                               const std::vector<std::string> &enable = {}) {
  ScratchDir empty;
  std::string args = "scan --no-cache --no-config -f json --fail-on never";
  auto list = [](const std::vector<std::string> &v) {
    std::string out;
    for (const auto &x : v) out += (out.empty() ? "" : ",") + x;
    return out;
  };
  if (!profiles.empty()) args += " --profile " + list(profiles);
  if (!extend.empty()) args += " --extend-enable " + list(extend);
  if (!enable.empty()) args += " --enable " + list(enable);
  auto r = testing::run_shell(std::string(CLAUSE_BINARY) + " " + args + " " + empty.str(), false);
  EXPECT_EQ(r.exit_code, 0) << args;
  std::set<std::string> ids;
  const nlohmann::json report = nlohmann::json::parse(r.out);
  for (const auto &rule : report["rules"]) ids.insert(rule["id"].get<std::string>());
  return ids;
}

TEST(Profiles, DefaultIsRecommendedWithEveryAgreementRuleAndNoConventionOrAccountRule) {
  const std::set<std::string> def = selected({});
  EXPECT_EQ(def, selected({"recommended"}));
  RuleSet all = RuleSet::builtin();
  for (const Rule &r : all.rules()) {
    const bool recommended =
        std::find(r.info.profiles.begin(), r.info.profiles.end(), "recommended") != r.info.profiles.end();
    EXPECT_EQ(def.count(r.info.id) == 1, recommended) << r.info.id;
    if (r.info.kind != RuleKind::Infrastructure) {
      EXPECT_TRUE(def.count(r.info.id)) << r.info.id;
    }
  }
  for (const char *off : {"CL-0102", "CL-0201", "CL-0301", "CL-0302", "CL-0303", "CL-0601", "CL-0905",
                          "CL-1002", "CL-1103", "CL-1201", "CL-1202", "CL-1302"})
    EXPECT_FALSE(def.count(off)) << off;
  for (const char *on : {"CL-0901", "CL-0501", "CL-1203", "CL-0170", "CL-0940"})
    EXPECT_TRUE(def.count(on)) << on;
}

TEST(Profiles, NamedProfilesExtendEnableAndAll) {
  const std::set<std::string> conventions = selected({"conventions"});
  EXPECT_EQ(conventions, (std::set<std::string>{"CL-0000", "CL-0001", "CL-0002", "CL-0003", "CL-0004",
                                                "CL-0301", "CL-0302", "CL-0303"}));
  const std::set<std::string> both = selected({"recommended", "account"});
  EXPECT_TRUE(both.count("CL-1002"));
  EXPECT_TRUE(both.count("CL-0901"));
  EXPECT_FALSE(both.count("CL-0301"));
  EXPECT_EQ(selected({"all"}).size(), RuleSet::builtin().rules().size() + 5)
      << "with the meta rules CL-0000..4";
  // extend-enable adds a rule to the profile's; enable is the whole selection.
  const std::set<std::string> extended = selected({}, {"CL-1302"});
  EXPECT_EQ(extended.size(), selected({}).size() + 1);
  EXPECT_TRUE(extended.count("CL-1302"));
  EXPECT_EQ(selected({"conventions"}, {}, {"CL-1002"}),
            (std::set<std::string>{"CL-0000", "CL-0001", "CL-0002", "CL-0003", "CL-0004", "CL-1002"}));
}

TEST(Profiles, UnknownProfileIsAnError) {
  ScratchDir empty;
  auto r = run_clause("scan --no-cache --no-config --profile recomended " + empty.str());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.out.find("--profile: no profile 'recomended' (recommended, conventions, account, all)"),
            std::string::npos)
      << r.out;
}

// A workload repository's first run: no tag rule, no account control; the
// same files with the other profiles report them.
class ProfileScan : public ::testing::Test {
 protected:
  void SetUp() override {
    dir.write("main.tf", R"(provider "aws" {
  region = "eu-west-1"
}

resource "aws_s3_bucket" "data" {
  bucket = "ledger-data"
  tags = {
    app = "ledger"
  }
}

resource "aws_s3_bucket_versioning" "data" {
  bucket = aws_s3_bucket.data.id
  versioning_configuration {
    status = "Enabled"
  }
}
)");
  }
  std::string scan(const std::string &args) {
    auto r = run_clause("scan --no-cache --no-color -f text --fail-on never " + args + " " + dir.str());
    EXPECT_EQ(r.exit_code, 0) << r.out;
    return r.out;
  }
  ScratchDir dir;
};

TEST_F(ProfileScan, DefaultRunHasNoTagOrAccountFinding) {
  const std::string out = scan("--no-config");
  EXPECT_EQ(out.find("CL-0301"), std::string::npos) << out;
  EXPECT_EQ(out.find("CL-1002"), std::string::npos) << out;
  EXPECT_EQ(out.find("CL-0201"), std::string::npos) << out;
  EXPECT_EQ(out.find("CL-0102"), std::string::npos) << out;
}

TEST_F(ProfileScan, ProfilesFromTheCommandLineAndTheConfiguration) {
  std::string out = scan("--no-config --profile conventions");
  EXPECT_NE(
      out.find(
          "main.tf:5:1: medium: [CL-0301] aws_s3_bucket.data has no 'service' tag, so it cannot be traced "
          "to a catalogue entry"),
      std::string::npos)
      << out;
  EXPECT_EQ(out.find("CL-1002"), std::string::npos) << out;
  out = scan("--no-config --profile account");
  EXPECT_NE(out.find("main.tf:1:1: high: [CL-1002]"), std::string::npos) << out;
  EXPECT_EQ(out.find("CL-0301"), std::string::npos) << out;
  dir.write(".clause.yaml", "profile: [conventions]\n");
  out = scan("");
  EXPECT_NE(out.find("CL-0301"), std::string::npos) << out;
  // --profile replaces the configuration's.
  out = scan("--profile recommended");
  EXPECT_EQ(out.find("CL-0301"), std::string::npos) << out;
  dir.write(".clause.yaml", "profile: accounts\n");
  auto bad = run_clause("scan --no-cache " + dir.str());
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.out.find(".clause.yaml:1:10: profile: 'accounts' is not a profile (recommended, conventions, "
                         "account, all)"),
            std::string::npos)
      << bad.out;
}

TEST_F(ProfileScan, TagKeysAndValuesAreRuleOptions) {
  dir.write(".clause.yaml", R"(profile: conventions
rules:
  parameters:
    CL-0301:
      keys: [service, app]
)");
  std::string out = scan("--enable CL-0301");
  EXPECT_EQ(out.find("CL-0301"), std::string::npos) << out;
  dir.write(".clause.yaml", R"(rules:
  parameters:
    CL-0301:
      keys: [service, app]
      values: [payments, identity]
)");
  out = scan("--enable CL-0301");
  EXPECT_NE(
      out.find(
          "main.tf:8:11: medium: [CL-0301] aws_s3_bucket.data tags app = 'ledger', which is not one of the "
          "allowed values ('payments' or 'identity')"),
      std::string::npos)
      << out;
  dir.write(".clause.yaml", R"(rules:
  parameters:
    CL-0301:
      keys: [service, Service]
)");
  out = scan("--enable CL-0301");
  EXPECT_NE(
      out.find("main.tf:5:1: medium: [CL-0301] aws_s3_bucket.data has no service tag (none of 'service' or "
               "'Service'), so it cannot be traced to a catalogue entry"),
      std::string::npos)
      << out;
}

TEST(RulesCommand, ListsProfilesPeersAndRationale) {
  auto text = run_clause("rules");
  ASSERT_EQ(text.exit_code, 0);
  EXPECT_NE(text.out.find("CL-1002  5.10 high\tmon.audit-trail\taccount\t"), std::string::npos) << text.out;
  auto json = run_clause("rules --format json");
  ASSERT_EQ(json.exit_code, 0);
  EXPECT_NE(json.out.find(R"("profiles": [
      "recommended"
    ],
    "peers": [
      {
        "tool": "checkov",
        "id": "CKV_AWS_133"
      },)"),
            std::string::npos);
  auto explain = run_clause("explain CL-0901");
  ASSERT_EQ(explain.exit_code, 0);
  EXPECT_NE(
      explain.out.find("- Profiles: recommended\n- Severity: medium. Medium, as Trivy rates AVD-AWS-0077"),
      std::string::npos)
      << explain.out;
  EXPECT_NE(explain.out.find("- Nearest Trivy checks: AVD-AWS-0077 (medium), AVD-AWS-0024 (medium)"),
            std::string::npos)
      << explain.out;
  EXPECT_NE(explain.out.find("- cfn-guard waivers that suppress it (Metadata.guard.SuppressedRules): "
                             "DB_INSTANCE_BACKUP_ENABLED, DYNAMODB_PITR_ENABLED, DYNAMODB_IN_BACKUP_PLAN, "
                             "EFS_IN_BACKUP_PLAN, RDS_IN_BACKUP_PLAN\n"),
            std::string::npos)
      << explain.out;
  EXPECT_NE(json.out.find(R"("guardRules": [
      "S3_BUCKET_VERSIONING_ENABLED"
    ],)"),
            std::string::npos);
}

}  // namespace
}  // namespace clause
