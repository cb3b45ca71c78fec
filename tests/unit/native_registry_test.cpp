// The native checks against the rule files: every `check: native` rule has
// its check, every registered check has its rule (no orphans), and each
// registration stands where its rule says it does.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include <re2/re2.h>

#include "checker/engine/native_check.h"
#include "checker/engine/rule_set.h"

namespace clause {
namespace {

namespace fs = std::filesystem;

const fs::path kTree = CLAUSE_SOURCE_DIR;

std::string line_of(const fs::path &file, size_t n) {
  std::ifstream in(file);
  std::string line;
  for (size_t i = 0; i < n && std::getline(in, line);) ++i;
  return line;
}

TEST(NativeRegistry, BuiltinRulesAndRegisteredChecksAgree) {
  const RuleSet rules = RuleSet::builtin();
  const std::vector<std::string> registered = registered_native_checks();
  EXPECT_EQ(native_registration_problems(rules, registered), std::vector<std::string>{});
  size_t native = 0;
  for (const Rule &r : rules.rules()) native += r.native ? 1 : 0;
  EXPECT_EQ(registered.size(), native);
  EXPECT_GT(native, 0u);
}

TEST(NativeRegistry, ReportsAnOrphanAndARuleWithoutItsCheck) {
  const RuleSet rules = RuleSet::builtin();
  std::vector<std::string> registered = registered_native_checks();
  std::erase(registered, "CL-0140");
  registered.push_back("CL-1699");
  EXPECT_EQ(native_registration_problems(rules, registered),
            (std::vector<std::string>{
                "CL-0140 (rules/5.1/CL-0140.yaml) says `check: native`, but no native check is registered "
                "under CL-0140",
                "CL-1699 is registered as a native check, but no rule with `check: native` has that id"}));
}

// The folder a native check of each kind lives in.
const std::map<RuleKind, std::string> kFolders = {{RuleKind::Infrastructure, "checker/rules/infrastructure/"},
                                                  {RuleKind::Agreement, "checker/rules/agreement/"},
                                                  {RuleKind::CrossDocument, "checker/rules/crossdoc/"}};

TEST(NativeRegistry, EachCheckIsRegisteredWhereItsRuleSays) {
  static const RE2 kSource("([^:]+):(\\d+)");
  static const RE2 kNativeComment("^check:\\s*native\\s*#\\s*(\\S+)");
  const RuleSet rules = RuleSet::builtin();
  for (const Rule &r : rules.rules()) {
    if (!r.native) continue;
    const std::string id = r.info.id;
    std::string file;
    size_t line = 0;
    ASSERT_TRUE(RE2::FullMatch(native_check_source(id), kSource, &file, &line))
        << id << ": " << native_check_source(id);
    // A path inside the tree, in the folder of the rule's kind.
    EXPECT_TRUE(file.starts_with(kFolders.at(r.info.kind)))
        << id << " is a " << rule_kind_name(r.info.kind) << " rule registered in " << file;
    ASSERT_TRUE(fs::is_regular_file(kTree / file)) << id << ": " << file;
    // The registration names the rule's id on that line.
    const std::string registration = line_of(kTree / file, line);
    EXPECT_NE(registration.find("NativeCheckRegistrar"), std::string::npos) << file << ":" << line;
    EXPECT_NE(registration.find("\"" + id + "\""), std::string::npos)
        << file << ":" << line << ": " << registration;
    // A rule file that names the check's file (`check: native   # path`)
    // names the right one.
    std::ifstream yaml(kTree / r.info.source);
    ASSERT_TRUE(yaml) << r.info.source;
    for (std::string text; std::getline(yaml, text);) {
      std::string named;
      if (RE2::PartialMatch(text, kNativeComment, &named)) {
        EXPECT_EQ(named, file) << r.info.source << " says its check lives in " << named;
      }
    }
  }
}

}  // namespace
}  // namespace clause
