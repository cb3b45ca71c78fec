// The glob matcher of .clause.yaml (exclude, suppressions[].path,
// locations.*.paths): linear on the shapes that made the former recursive
// matcher exponential, and with the same answers as that matcher everywhere
// else (it is kept here, as the reference, for the comparison).
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "checker/workflow/glob.h"

namespace {

using clause::glob_match;
using clause::glob_detail::match_pattern;

// The matcher glob.cpp had before it was made linear, unchanged: backtracking
// over every way a `*` or a `**/` can split the path.
bool reference_match(std::string_view p, std::string_view s) {
  while (!p.empty()) {
    if (p.starts_with("**") && (p.size() == 2 || p[2] == '/')) {
      if (p.size() == 2) return true;
      std::string_view rest = p.substr(3);
      for (size_t i = 0;;) {
        if (reference_match(rest, s.substr(i))) return true;
        size_t slash = s.find('/', i);
        if (slash == std::string_view::npos) return false;
        i = slash + 1;
      }
    }
    const char c = p.front();
    if (c == '*') {
      while (!p.empty() && p.front() == '*') p.remove_prefix(1);
      for (size_t i = 0;; ++i) {
        if (reference_match(p, s.substr(i))) return true;
        if (i >= s.size() || s[i] == '/') return false;
      }
    }
    if (s.empty()) return false;
    if (c == '?') {
      if (s.front() == '/') return false;
    } else if (c == '[') {
      bool matched = false;
      size_t n = clause::glob_detail::bracket(p, s.front(), matched);
      if (n != 0) {
        if (!matched) return false;
        p.remove_prefix(n);
        s.remove_prefix(1);
        continue;
      }
      if (s.front() != '[') return false;
    } else if (c != s.front()) {
      return false;
    }
    p.remove_prefix(1);
    s.remove_prefix(1);
  }
  return s.empty();
}

// Ordinary globs of configuration files, with what they must answer.
struct Case {
  const char *pattern;
  const char *path;
  bool matches;
};

const Case kOrdinary[] = {
    {"legacy/**", "legacy/a/b.tf", true},
    {"legacy/**", "legacy", false},  // below it only
    {"legacy/**", "new/legacy.tf", false},
    {"*.generated.tf", "infra/x/main.generated.tf", true},
    {"*.generated.tf", "main.generated.tf", true},
    {"*.generated.tf", "main.tf", false},
    {"infra/*.tf", "infra/x/main.tf", false},
    {"infra/*.tf", "infra/main.tf", true},
    {"infra/*", "infra/main.tf", true},
    {"infra/*", "infra/x/main.tf", true},  // a directory name: everything below it
    {"infra/**/db.tf", "infra/db.tf", true},
    {"infra/**/db.tf", "infra/a/b/db.tf", true},
    {"infra/**/db.tf", "infra/a/b/xdb.tf", false},
    {"infra/**/db.tf", "other/a/db.tf", false},
    {"**/db.tf", "db.tf", true},
    {"**/db.tf", "a/b/db.tf", true},
    {"**/modules/**/main.tf", "x/modules/y/z/main.tf", true},
    {"**/modules/**/main.tf", "modules/main.tf", true},
    {"**/modules/**/main.tf", "x/module/y/main.tf", false},
    {"sandbox", "teams/sandbox/main.tf", true},
    {"sandbox", "teams/sandboxes/main.tf", false},
    {"build/", "build/out.json", true},
    {"build/", "build", false},
    {"/top.tf", "top.tf", true},
    {"/top.tf", "sub/top.tf", false},
    {"env-[a-c]?.tfvars", "env-b1.tfvars", true},
    {"env-[!a-c]?.tfvars", "env-b1.tfvars", false},
    {"env-[!a-c]?.tfvars", "env-d1.tfvars", true},
    {"env-[^a-c]?.tfvars", "env-d1.tfvars", true},
    {"[]]x", "]x", true},
    {"a[", "a[", true},  // an unclosed '[' is itself
    {"a[b", "a[b", true},
    {"a?c", "a/c", false},  // '?' never matches '/'
    {"a[/]c", "a/c", false},
    {"./infra/*.tf", "infra/main.tf", false},
    {"infra/*.tf", "./infra/main.tf", true},
    {"k8s/**/*.yaml", "k8s/prod/app/deploy.yaml", true},
    {"k8s/**/*.yaml", "k8s/deploy.yml", false},
    {"*-test.*", "svc/api-test.yaml", true},
    {"a**b", "a/x/b", false},
    {"a**b", "axxb", true},
    {"a/**/**/b", "a/b", true},
    {"a/**/**/b", "a/x/y/z/b", true},
    {"**", "anything/at/all", true},
};

TEST(Glob, OrdinaryPatternsAnswerAsBefore) {
  for (const Case &c : kOrdinary) {
    EXPECT_EQ(glob_match(c.pattern, c.path), c.matches) << c.pattern << " against " << c.path;
  }
}

// Every pattern and path over a small alphabet that holds each special
// character, the new matcher against the reference: exhaustive up to a
// length, then random longer ones.
TEST(Glob, SameAnswersAsTheBacktrackingMatcher) {
  const std::string pattern_chars = "a/*?[]!-";
  const std::string path_chars = "a/b]";
  std::vector<std::string> patterns{""}, paths{""};
  for (size_t len = 1, from = 0; len <= 4; ++len) {
    const size_t to = patterns.size();
    for (size_t i = from; i < to; ++i)
      for (char c : pattern_chars) patterns.push_back(patterns[i] + c);
    from = to;
  }
  for (size_t len = 1, from = 0; len <= 5; ++len) {
    const size_t to = paths.size();
    for (size_t i = from; i < to; ++i)
      for (char c : path_chars) paths.push_back(paths[i] + c);
    from = to;
  }
  size_t compared = 0, matched = 0;
  for (const std::string &p : patterns) {
    for (size_t i = 0; i < paths.size(); i += 9) {  // a ninth of the paths for each pattern
      const std::string &s = paths[(i + p.size()) % paths.size()];
      const bool want = reference_match(p, s);
      ASSERT_EQ(match_pattern(p, s), want) << "'" << p << "' against '" << s << "'";
      ++compared;
      matched += want;
    }
  }
  std::mt19937 rng(20000);
  const std::string long_pattern_chars = "ab/*?.[]!-";
  for (int n = 0; n < 20000; ++n) {
    std::string p, s;
    const size_t plen = rng() % 14, slen = rng() % 16;
    for (size_t i = 0; i < plen; ++i) p += long_pattern_chars[rng() % long_pattern_chars.size()];
    if (rng() % 3 == 0) p.insert(rng() % (p.size() + 1), "**/");
    for (size_t i = 0; i < slen; ++i) s += "ab/."[rng() % 4];
    const bool want = reference_match(p, s);
    ASSERT_EQ(match_pattern(p, s), want) << "'" << p << "' against '" << s << "'";
    ++compared;
    matched += want;
  }
  EXPECT_GT(compared, 700000u);
  EXPECT_GT(matched, 5000u);  // both answers are well represented
}

// The shapes from issue 23 that kept the backtracking matcher busy for
// longer than any CI job: they now answer at once (asserted by their answers;
// the test's own time shows the rest).
TEST(Glob, StarsAgainstALongNameAnswer) {
  std::string pattern;
  for (int i = 0; i < 14; ++i) pattern += "*a";
  const std::string no_b = pattern + "*b";
  const std::string name(200, 'a');
  EXPECT_FALSE(glob_match(no_b, name));
  EXPECT_FALSE(glob_match(no_b, "dir/" + name));
  EXPECT_TRUE(glob_match(no_b, "dir/" + name + "b"));
  EXPECT_FALSE(glob_match(no_b, std::string(13, 'a') + "b"));  // one 'a' short
  EXPECT_TRUE(glob_match(no_b, std::string(14, 'a') + "b"));
}

TEST(Glob, RepeatedDoubleStarsAgainstADeepPathAnswer) {
  std::string pattern;
  for (int i = 0; i < 14; ++i) pattern += "**/";
  std::string deep;
  for (int i = 0; i < 40; ++i) deep += "d/";
  EXPECT_FALSE(glob_match(pattern + "zz", deep + "x.tf"));
  EXPECT_TRUE(glob_match(pattern + "zz", deep + "zz"));
  EXPECT_TRUE(glob_match(pattern + "zz", deep + "zz/below.tf"));
  std::string mixed;
  for (int i = 0; i < 14; ++i) mixed += "**/d*/";
  EXPECT_FALSE(glob_match(mixed + "zz", deep + "x.tf"));
  EXPECT_TRUE(glob_match(mixed + "x.tf", deep + "x.tf"));
}

}  // namespace
