// What a scan must never do to the machine it runs on (DESIGN §10,
// docs/security.md): write into the scanned tree, use the network, or run a
// regular expression engine other than RE2.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>
#include <string>

#include "tests/unit/cli_support.h"

namespace {

namespace fs = std::filesystem;
using clause::testing::CliRun;
using clause::testing::read_file;
using clause::testing::run_clause;
using clause::testing::run_command;
using clause::testing::ScratchDir;
using clause::testing::source_path;

// Every entry under `root` (directories and links too) with what would show
// a write: type, size, modification time and, for files, a content hash.
std::map<std::string, std::string> snapshot(const fs::path &root) {
  std::map<std::string, std::string> out;
  auto describe = [](const fs::path &p) {
    std::error_code ec;
    const fs::file_status st = fs::symlink_status(p, ec);
    std::ostringstream s;
    s << static_cast<int>(st.type()) << ' ' << static_cast<unsigned>(st.permissions()) << ' '
      << fs::last_write_time(p, ec).time_since_epoch().count();
    if (fs::is_regular_file(st)) {
      const std::string content = read_file(p);
      s << ' ' << content.size() << ' ' << std::hash<std::string>{}(content);
    } else if (fs::is_symlink(st)) {
      s << " -> " << fs::read_symlink(p, ec).string();
    }
    return s.str();
  };
  out["."] = describe(root);
  for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator(); ++it)
    out[it->path().lexically_relative(root).string()] = describe(it->path());
  return out;
}

TEST(ScanSafety, NeverWritesIntoTheScannedTree) {
  ScratchDir scratch("clause-safety");
  const fs::path root = scratch.path() / "tree";
  fs::create_directories(root);
  for (const char *part : {"demo", "rules", "agreements", "plan"})
    fs::copy(source_path(std::string("fixtures/") + part), root / part, fs::copy_options::recursive);
  fs::create_symlink("demo", root / "demo-link");
  // Read-only for everyone. As root this does not stop writes, which is why
  // the snapshot below, not the permissions, is the assertion.
  constexpr auto kWrite = fs::perms::owner_write | fs::perms::group_write | fs::perms::others_write;
  for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator(); ++it)
    if (!it->is_symlink()) fs::permissions(it->path(), kWrite, fs::perm_options::remove);
  fs::permissions(root, kWrite, fs::perm_options::remove);
  const auto before = snapshot(root);
  ASSERT_GT(before.size(), 20u);

  // Every format, to stdout and to a file outside the tree, from inside the
  // tree as working directory, with every thread count.
  for (const char *format : {"text", "json", "sarif", "junit", "markdown"}) {
    CliRun r = run_command("sh -c 'cd " + root.string() + " && " + CLAUSE_BINARY + " scan -j2 -f " + format +
                           " . >/dev/null'");
    EXPECT_EQ(r.exit_code, 1) << format << ": " << r.out;
  }
  CliRun r = run_clause("scan -j1 -o sarif=" + (scratch / "out.sarif") + " " + root.string());
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_TRUE(fs::exists(scratch / "out.sarif"));
  for (const char *cmd : {"rules", "rules --format json", "version", "explain CL-0901"})
    EXPECT_EQ(run_command("sh -c 'cd " + root.string() + " && " + CLAUSE_BINARY + " " + cmd + " >/dev/null'")
                  .exit_code,
              0)
        << cmd;

  EXPECT_EQ(snapshot(root), before);
  for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator(); ++it)
    if (!it->is_symlink()) fs::permissions(it->path(), fs::perms::owner_write, fs::perm_options::add);
  fs::permissions(root, fs::perms::owner_write, fs::perm_options::add);
}

// No network: the binary does not even import the functions that open a
// socket or resolve a name (dynamic imports of the executable itself).
TEST(ScanSafety, BinaryImportsNoNetworkFunctions) {
  CliRun r = run_command("nm -D --undefined-only " + std::string(CLAUSE_BINARY));
  ASSERT_EQ(r.exit_code, 0) << r.out;
  ASSERT_NE(r.out.find("open"), std::string::npos) << "unexpected nm output: " << r.out;
  for (const char *fn : {"socket", "connect", "getaddrinfo", "gethostbyname", "curl_", "SSL_"}) {
    std::istringstream lines(r.out);
    for (std::string line; std::getline(lines, line);) {
      const std::string symbol = line.substr(line.find_last_of(' ') + 1);
      EXPECT_NE(symbol.rfind(fn, 0), 0u) << "imports " << symbol;
    }
  }
}

// Every regular expression goes through RE2 (linear time): no source file
// includes <regex>, and a rule pack with a construct RE2 refuses is an error.
TEST(ScanSafety, RegularExpressionsAreRe2Only) {
  for (const char *dir : {"checker", "parsers", "reporters", "sarif"}) {
    for (const auto &e : fs::recursive_directory_iterator(source_path(dir))) {
      if (!e.is_regular_file()) continue;
      const std::string text = read_file(e.path());
      EXPECT_EQ(text.find("#include <regex>"), std::string::npos) << e.path();
      EXPECT_EQ(text.find("std::regex"), std::string::npos) << e.path();
    }
  }
  ScratchDir rules("clause-re2");
  rules.write("backref.yaml",
              "id: TEST-0999\nname: test.backref\nscenario: \"5.9\"\ntitle: t\nseverity: low\n"
              "targets: {terraform: [aws_s3_bucket]}\n"
              "check: {attribute: bucket, op: matches, value: \"(a+)\\\\1\"}\n"
              "message: m\n");
  CliRun r = run_clause("scan --rules " + rules.str() + " " + source_path("fixtures/demo"));
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_EQ(r.out, "clause: error: " + (rules / "backref.yaml") +
                       ":7:48: invalid regular expression (RE2 syntax): invalid escape sequence: \\1\n");
}

}  // namespace
