// Hostile inputs (DESIGN §10, docs/limits.md): each case puts one bad file
// beside a good one in a scratch root, runs the real binary, and checks the
// exact diagnostic, that the good file's finding survives, and the exit code.
// Inputs are generated here; nothing large is committed.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "tests/unit/cli_support.h"

namespace {

namespace fs = std::filesystem;
using clause::testing::CliRun;
using clause::testing::run_clause;
using clause::testing::ScratchDir;

constexpr const char *kGood =
    "resource \"aws_db_instance\" \"b\" {\n"
    "  backup_retention_period = 1\n"
    "}\n";

// A root holding good.tf, whose CL-0901 finding must survive every case.
struct Root {
  ScratchDir dir{"clause-hostile"};
  Root() { dir.write("good.tf", kGood); }
  std::string write(const std::string &rel, const std::string &content) const {
    return dir.write(rel, content);
  }
  std::string at(const std::string &rel) const { return dir / rel; }
  CliRun scan(const std::string &extra = "") const {
    return run_clause("scan --no-color --enable CL-0901 " + extra + " " + dir.str());
  }
  std::string good_finding() const { return at("good.tf") + ":2:3: medium: [CL-0901]"; }
};

std::vector<std::string> lines_of(const std::string &text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

bool has_line(const std::string &out, const std::string &line) {
  for (const auto &l : lines_of(out))
    if (l == line) return true;
  return false;
}

bool has_line_starting(const std::string &out, const std::string &prefix) {
  for (const auto &l : lines_of(out))
    if (l.rfind(prefix, 0) == 0) return true;
  return false;
}

// Lines the text report gives to input problems.
std::vector<std::string> diagnostic_lines(const std::string &out) {
  std::vector<std::string> diags;
  for (const auto &l : lines_of(out))
    if (l.find(": warning: ") != std::string::npos || l.find(": note: ") != std::string::npos)
      diags.push_back(l);
  return diags;
}

// The common assertions: the exact diagnostic lines, the good finding, and
// exit 1 (the good file's high finding; input problems do not change it).
void expect_scan(const Root &root, const CliRun &r, const std::vector<std::string> &diagnostics) {
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_TRUE(has_line_starting(r.out, root.good_finding())) << r.out;
  EXPECT_EQ(diagnostic_lines(r.out), diagnostics) << r.out;
}

// --- invalid syntax, one case a format ------------------------------------

TEST(HostileInput, InvalidHcl) {
  Root root;
  root.write("bad.tf", "resource \"aws_s3_bucket\" \"x\" {\n  bucket = = \"a\"\n}\n");
  expect_scan(root, root.scan(),
              {root.at("bad.tf") + ":2:12: warning: syntax error: unexpected '=' [parse-error]"});
}

TEST(HostileInput, InvalidTerraformJson) {
  Root root;
  root.write("bad.tf.json", "{\"resource\": {\"aws_s3_bucket\": {\"b\": {\"bucket\": \"x\",}}}}\n");
  expect_scan(root, root.scan(),
              {root.at("bad.tf.json") +
               ":1:53: warning: invalid JSON in object key: unexpected '}'; expected string literal "
               "[parse-error]"});
}

TEST(HostileInput, TruncatedPlanJson) {
  Root root;
  root.write("plan.json",
             "{\n  \"format_version\": \"1.2\",\n  \"planned_values\": {\n    \"root_module\": {\n");
  expect_scan(root, root.scan(),
              {root.at("plan.json") +
               ":5:1: warning: invalid JSON in object key: unexpected end of input; expected string literal "
               "[parse-error]"});
}

TEST(HostileInput, InvalidCloudFormationYaml) {
  Root root;
  root.write("template.yaml",
             "AWSTemplateFormatVersion: \"2010-09-09\"\n"
             "Resources:\n"
             "  Db:\n"
             "    Type: AWS::RDS::DBInstance\n"
             "    Properties: {BackupRetentionPeriod: [1\n");
  expect_scan(root, root.scan(),
              {root.at("template.yaml") + ":6:1: warning: end of sequence flow not found [parse-error]"});
}

TEST(HostileInput, InvalidCloudFormationJson) {
  Root root;
  root.write("template.json",
             "{\n"
             "  \"AWSTemplateFormatVersion\": \"2010-09-09\",\n"
             "  \"Resources\": {\n"
             "    \"Db\": {\"Type\": \"AWS::RDS::DBInstance\" \"Properties\": {}}\n"
             "  }\n"
             "}\n");
  expect_scan(root, root.scan(),
              {root.at("template.json") +
               ":4:43: warning: invalid JSON in object: unexpected string literal; expected ',' or '}' "
               "[parse-error]"});
}

TEST(HostileInput, InvalidKubernetesYaml) {
  Root root;
  root.write("pod.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n   bad: indent\n");
  expect_scan(root, root.scan(), {root.at("pod.yaml") + ":5:7: warning: illegal map value [parse-error]"});
}

TEST(HostileInput, InvalidAgreementYaml) {
  Root root;
  // yaml-cpp would take the rest of the file into the unterminated string.
  root.write("agreement.yaml",
             "apiVersion: clause/v1alpha1\nkind: CloudServiceAgreement\nmetadata:\n  id: \"unterminated\n");
  expect_scan(root, root.scan(),
              {root.at("agreement.yaml") + ":4:7: warning: quoted string is never closed [parse-error]"});
}

TEST(HostileInput, StrayCommaAtDocumentLevel) {
  // yaml-cpp 0.7 loops forever on this; the parser must report it instead.
  Root root;
  root.write("multi.yaml", "apiVersion: v1\nkind: Pod\n---\n,\n---\napiVersion: v1\nkind: Service\n");
  expect_scan(root, root.scan(), {root.at("multi.yaml") + ":4:1: warning: unexpected ',' [parse-error]"});
}

// --- bytes that are not text ----------------------------------------------

TEST(HostileInput, BinaryFilesAreSkipped) {
  Root root;
  std::string blob(4096, '\0');
  for (size_t i = 0; i < blob.size(); ++i) blob[i] = static_cast<char>((i * 131) % 256);
  root.write("blob.tf", blob);
  root.write("blob.yaml", "apiVersion: v1\nkind: Pod\n" + std::string(3, '\0'));
  expect_scan(root, root.scan(),
              {root.at("blob.tf") + ": note: binary or UTF-16 content (NUL bytes); skipped [binary-file]",
               root.at("blob.yaml") + ": note: binary or UTF-16 content (NUL bytes); skipped [binary-file]"});
}

TEST(HostileInput, ControlBytesAreEscapedInMessages) {
  // A terminal escape and invalid UTF-8 in the offending token: quoted as
  // \xNN, never passed through to the terminal.
  Root root;
  root.write("bin.tf", "\xff\xfe\x01garbage\x1b[31m\n");
  expect_scan(root, root.scan(),
              {root.at("bin.tf") +
               ":1:1: warning: syntax error: unexpected '\\xFF\\xFE\\x01garbage\\x1B[31m' [parse-error]"});
}

TEST(HostileInput, InvalidUtf8KeepsFindingsAndOutputsStayValid) {
  Root root;
  root.write("bad.tf",
             "resource \"aws_db_instance\" \"\xff\xfe\" {\n"
             "  name = \"caf\xc3\"\n"
             "  backup_retention_period = 2\n"
             "}\n");
  CliRun r = root.scan();
  expect_scan(root, r, {});
  EXPECT_TRUE(has_line_starting(
      r.out, root.at("bad.tf") + ":3:3: medium: [CL-0901] aws_db_instance.\\xFF\\xFE is not backed up"))
      << r.out;
  // JSON and SARIF are valid UTF-8: the bad bytes become U+FFFD.
  for (const char *format : {"json", "sarif"}) {
    CliRun j =
        run_clause(std::string("scan -f ") + format + " --enable CL-0901 " + root.dir.str() + " 2>/dev/null");
    ASSERT_EQ(j.exit_code, 1) << format;
    nlohmann::json doc;
    ASSERT_NO_THROW(doc = nlohmann::json::parse(j.out)) << format;
    EXPECT_NE(j.out.find("aws_db_instance.\xEF\xBF\xBD\xEF\xBF\xBD is not backed up"), std::string::npos)
        << j.out;
  }
}

// --- encodings and line ends: positions stay exact -------------------------

const char *kCfnYaml =
    "AWSTemplateFormatVersion: \"2010-09-09\"\n"
    "Resources:\n"
    "  Db:\n"
    "    Type: AWS::RDS::DBInstance\n"
    "    Properties:\n"
    "      BackupRetentionPeriod: 4\n";

const char *kCfnJson =
    "{\"AWSTemplateFormatVersion\": \"2010-09-09\",\n"
    " \"Resources\": {\"Db\": {\"Type\": \"AWS::RDS::DBInstance\",\n"
    "   \"Properties\": {\"BackupRetentionPeriod\": 5}}}}\n";

const char *kTf =
    "resource \"aws_db_instance\" \"c\" {\n"
    "  engine = \"postgres\"\n"
    "  backup_retention_period = 3\n"
    "}\n";

std::string crlf(std::string s) {
  std::string out;
  for (char c : s) {
    if (c == '\n') out += '\r';
    out += c;
  }
  return out;
}

void expect_positions(const Root &root, const std::string &prefix) {
  CliRun r = root.scan();
  expect_scan(root, r, {});
  EXPECT_TRUE(
      has_line_starting(r.out, root.at(prefix + ".tf") + ":3:3: medium: [CL-0901] aws_db_instance.c "))
      << r.out;
  EXPECT_TRUE(
      has_line_starting(r.out, root.at(prefix + ".yaml") + ":6:7: medium: [CL-0901] Db is not backed up"))
      << r.out;
  EXPECT_TRUE(
      has_line_starting(r.out, root.at(prefix + ".json") + ":3:19: medium: [CL-0901] Db is not backed up"))
      << r.out;
}

TEST(HostileInput, ByteOrderMarkKeepsPositions) {
  Root root;
  const std::string bom = "\xEF\xBB\xBF";
  root.write("bom.tf", bom + kTf);
  root.write("bom.yaml", bom + kCfnYaml);
  root.write("bom.json", bom + kCfnJson);
  expect_positions(root, "bom");
}

TEST(HostileInput, CrlfLineEndsKeepPositions) {
  Root root;
  root.write("crlf.tf", crlf(kTf));
  root.write("crlf.yaml", crlf(kCfnYaml));
  root.write("crlf.json", crlf(kCfnJson));
  expect_positions(root, "crlf");
}

TEST(HostileInput, BomAndCrlfTogether) {
  Root root;
  const std::string bom = "\xEF\xBB\xBF";
  root.write("both.tf", bom + crlf(kTf));
  root.write("both.yaml", bom + crlf(kCfnYaml));
  root.write("both.json", bom + crlf(kCfnJson));
  expect_positions(root, "both");
}

// --- size and shape --------------------------------------------------------

TEST(HostileInput, HundredThousandDeepNesting) {
  constexpr size_t n = 100'000;
  Root root;
  root.write("deep.tf", "locals {\n  x = " + std::string(n, '[') + std::string(n, ']') + "\n}\n");
  std::string json = "{\"locals\": ";
  for (size_t i = 0; i < n; ++i) json += "{\"a\": ";
  json += "1" + std::string(n, '}') + "}\n";
  root.write("deep.tf.json", json);
  root.write("flow.yaml",
             "apiVersion: v1\nkind: ConfigMap\ndata: " + std::string(n, '[') + std::string(n, ']') + "\n");
  std::string block = "apiVersion: v1\nkind: ConfigMap\ndata:\n  ";
  for (size_t i = 0; i < n; ++i) block += "- ";
  root.write("block.yaml", block + "x\n");
  expect_scan(
      root, root.scan(),
      {root.at("block.yaml") +
           ":4:513: warning: YAML nesting deeper than 256 levels; document skipped [limit-depth]",
       root.at("deep.tf") + ":2:133: warning: nesting deeper than 256 levels; the rest of this value is not "
                            "analysed [limit-depth]",
       root.at("deep.tf.json") +
           ":1:1542: warning: nesting deeper than 256 levels; the file was not analysed [limit-depth]",
       root.at("flow.yaml") +
           ":3:263: warning: YAML nesting deeper than 256 levels; document skipped [limit-depth]"});
}

TEST(HostileInput, YamlAliasBomb) {
  Root root;
  std::string bomb = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: lol}\n";
  bomb += "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
  for (int i = 1; i < 10; ++i) {
    bomb += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
    for (int k = 0; k < 9; ++k) bomb += (k ? ", *a" : "*a") + std::to_string(i - 1);
    bomb += "]\n";
  }
  root.write("bomb.yaml", bomb);
  expect_scan(
      root, root.scan(),
      {root.at("bomb.yaml") +
       ":9:10: warning: YAML aliases expand to more than 100000 nodes (alias bomb?); document skipped "
       "[limit-alias]"});
}

TEST(HostileInput, TwentyMebibyteSingleLine) {
  Root root;
  const std::string prefix = "{\"resource\": {\"aws_db_instance\": {\"wide\": {\"tags\": {\"blob\": \"" +
                             std::string(20 << 20, 'A') + "\"}, ";
  root.write("line.tf.json", prefix + "\"backup_retention_period\": 2}}}}");
  // Over the default size limit: skipped with a warning.
  expect_scan(root, root.scan(),
              {root.at("line.tf.json") +
               ": warning: file is 20971617 bytes, over the 8388608-byte limit (--max-file-size); skipped "
               "[skipped-size]"});
  // Under a raised limit: parsed, and the finding sits at its column.
  CliRun r = root.scan("--max-file-size 33554432");
  expect_scan(root, r, {});
  EXPECT_TRUE(has_line_starting(r.out, root.at("line.tf.json") + ":1:" + std::to_string(prefix.size() + 1) +
                                           ": medium: [CL-0901] aws_db_instance.wide is not backed up"))
      << r.out.substr(0, 2000);
  EXPECT_LT(r.out.size(), 4096u) << "the 20 MiB line must not be echoed whole";
}

TEST(HostileInput, FileOverTheSizeLimitIsSkipped) {
  Root root;
  std::string big = root.write("huge.tf", "");
  fs::resize_file(big, 9u << 20);  // sparse: costs no disk
  expect_scan(
      root, root.scan(),
      {root.at("huge.tf") + ": warning: file is 9437184 bytes, over the 2097152-byte limit for HCL files "
                            "(--max-hcl-file-size); skipped [skipped-size]"});
  root.write("small.tf", kGood);
  CliRun r = root.scan("--max-file-size 64");
  EXPECT_EQ(r.exit_code, 0) << r.out;  // good.tf (65 bytes) is over a 64-byte limit too
  EXPECT_TRUE(
      has_line(r.out, root.at("good.tf") +
                          ": warning: file is 65 bytes, over the 64-byte limit (--max-file-size); skipped "
                          "[skipped-size]"))
      << r.out;
}

// HCL files have a smaller limit of their own (2 MiB): their syntax tree
// takes about 55 times their size. A larger one is skipped naming that
// limit; raised, the file is read; JSON and YAML keep --max-file-size.
TEST(HostileInput, HclFileOverItsOwnLimitIsSkipped) {
  Root root;
  std::string big;
  while (big.size() < (3u << 20)) big += "# " + std::string(97, 'x') + "\n";
  big += "resource \"aws_db_instance\" \"big\" {\n  backup_retention_period = 1\n}\n";
  root.write("big.tf", big);
  root.write("big.json", "{\"a\": \"" + std::string(3u << 20, 'y') + "\"}");
  expect_scan(root, root.scan(),
              {root.at("big.tf") + ": warning: file is " + std::to_string(big.size()) +
               " bytes, over the 2097152-byte limit for HCL files (--max-hcl-file-size); skipped "
               "[skipped-size]"});
  CliRun r = root.scan("--max-hcl-file-size 4194304");
  expect_scan(root, r, {});
  EXPECT_TRUE(has_line_starting(r.out, root.at("big.tf") + ":31460:3: medium: [CL-0901]")) << r.out;
}

TEST(HostileInput, ParseTimeLimit) {
  Root root;
  std::string many;
  for (int i = 0; i < 20000; ++i)
    many += "resource \"aws_s3_bucket\" \"b" + std::to_string(i) + "\" {\n  bucket = \"x\"\n}\n";
  root.write("slow.tf", many);
  expect_scan(root, root.scan("--parse-timeout 0.001"),
              {root.at("slow.tf") + ": warning: parsing took longer than 1 ms; the file was not analysed "
                                    "[limit-parse-time]"});
}

TEST(HostileInput, FindingsPerFileLimit) {
  Root root;
  std::string many;
  for (int i = 0; i < 1200; ++i)
    many +=
        "resource \"aws_db_instance\" \"d" + std::to_string(i) + "\" {\n  backup_retention_period = 0\n}\n";
  root.write("many.tf", many);
  CliRun r = root.scan();
  expect_scan(
      root, r,
      {root.at("many.tf") +
       ": warning: 1200 findings in this file, over the limit of 1000 (--max-findings-per-file); only the "
       "most severe 1000 are reported [limit-findings]"});
  EXPECT_TRUE(has_line(r.out, "1001 findings (1001 medium); 2 files scanned (2 terraform); 1 input problem"))
      << r.out;
}

TEST(HostileInput, FindingsLimitKeepsTheMostSevere) {
  Root root;
  std::string mixed;
  for (int i = 0; i < 4; ++i)  // CL-1001, medium: lines 1, 3, 5, 7
    mixed += "resource \"aws_cloudwatch_log_group\" \"l" + std::to_string(i) + "\" {\n}\n";
  for (int i = 0; i < 2; ++i)  // CL-0501 (unencrypted), high: lines 9, 12
    mixed +=
        "resource \"aws_db_instance\" \"d" + std::to_string(i) + "\" {\n  backup_retention_period = 0\n}\n";
  root.write("mixed.tf", mixed);
  CliRun r =
      run_clause("scan --no-color --enable CL-0501,CL-1001 --max-findings-per-file 3 " + root.dir.str());
  EXPECT_EQ(r.exit_code, 1) << r.out;
  std::vector<std::string> kept;
  for (const auto &l : lines_of(r.out))
    if (l.rfind(root.at("mixed.tf") + ":", 0) == 0 && l.find(": warning: ") == std::string::npos)
      kept.push_back(l.substr(root.at("mixed.tf").size(), l.find(" [") - root.at("mixed.tf").size()));
  EXPECT_EQ(kept, (std::vector<std::string>{":1:1: medium:", ":9:1: high:", ":12:1: high:"})) << r.out;
}

// --- the file system --------------------------------------------------------

TEST(HostileInput, SymlinkLoopsAndLinksOutOfTheRoot) {
  Root root;
  ScratchDir outside("clause-outside");
  std::string secret = outside.write(
      "secret.tf", "resource \"aws_db_instance\" \"secret\" {\n  backup_retention_period = 0\n}\n");
  fs::create_symlink("loop.tf", root.at("loop.tf"));
  fs::create_symlink("b.yaml", root.at("a.yaml"));
  fs::create_symlink("a.yaml", root.at("b.yaml"));
  fs::create_directories(root.at("sub"));
  fs::create_directory_symlink("..", root.at("sub/up"));  // a directory loop: never followed
  fs::create_symlink(secret, root.at("out.tf"));
  fs::create_directory_symlink(outside.path(), root.at("outdir"));
  fs::create_symlink("/dev/null", root.at("null.tf"));
  fs::create_symlink("missing.tf", root.at("dangling.tf"));
  fs::create_symlink("good.tf", root.at("alias.tf"));  // inside the root: followed
  CliRun r = root.scan();
  expect_scan(
      root, r,
      {root.at("a.yaml") + ": note: symbolic link loop; skipped [symlink-loop]",
       root.at("b.yaml") + ": note: symbolic link loop; skipped [symlink-loop]",
       root.at("dangling.tf") +
           ": note: symbolic link to nothing (No such file or directory); skipped [symlink-broken]",
       root.at("loop.tf") + ": note: symbolic link loop; skipped [symlink-loop]",
       root.at("null.tf") + ": note: symbolic link leads outside the scan root; skipped [symlink-outside]",
       root.at("out.tf") + ": note: symbolic link leads outside the scan root; skipped [symlink-outside]",
       root.at("outdir") + ": note: symbolic link leads outside the scan root; skipped [symlink-outside]"});
  EXPECT_TRUE(has_line_starting(r.out, root.at("alias.tf") + ":2:3: medium: [CL-0901]")) << r.out;
  EXPECT_EQ(r.out.find("secret"), std::string::npos) << r.out;
}

bool running_as_root() { return ::geteuid() == 0; }

TEST(HostileInput, UnreadableFileAndDirectory) {
  Root root;
  root.write("locked.tf", kGood);
  root.write("lockeddir/inner.tf", kGood);
  ::chmod(root.at("locked.tf").c_str(), 0);
  ::chmod(root.at("lockeddir").c_str(), 0);
  const std::vector<std::string> unreadable = {
      root.at("locked.tf") + ": warning: cannot read this file (Permission denied); skipped [unreadable]",
      root.at("lockeddir") +
          ": warning: cannot read this directory (Permission denied); skipped [unreadable]"};
  if (!running_as_root()) {
    expect_scan(root, root.scan(), unreadable);
    return;
  }
  // As root (CI containers) permissions do not stop reading: both files are
  // simply scanned.
  CliRun r = root.scan();
  expect_scan(root, r, {});
  EXPECT_TRUE(has_line_starting(r.out, root.at("locked.tf") + ":2:3: medium: [CL-0901]")) << r.out;
  EXPECT_TRUE(has_line_starting(r.out, root.at("lockeddir/inner.tf") + ":2:3: medium: [CL-0901]")) << r.out;
  // The unprivileged path, through setpriv when this system lets root drop
  // to `nobody` (the binary and the root must be readable by it).
  if (::system("setpriv --reuid=65534 --regid=65534 --clear-groups true >/dev/null 2>&1") != 0)
    GTEST_SKIP() << "cannot drop privileges here (no setpriv or no CAP_SETUID); root case checked only";
  ::chmod(root.dir.str().c_str(), 0755);
  CliRun nobody = clause::testing::run_command("setpriv --reuid=65534 --regid=65534 --clear-groups " +
                                               std::string(CLAUSE_BINARY) +
                                               " scan --no-color --enable CL-0901 " + root.dir.str());
  expect_scan(root, nobody, unreadable);
}

TEST(HostileInput, FifoIsSkippedWithoutBlocking) {
  Root root;
  ASSERT_EQ(::mkfifo(root.at("pipe.tf").c_str(), 0644), 0) << std::strerror(errno);
  ASSERT_EQ(::mkfifo(root.at("pipe.yaml").c_str(), 0644), 0) << std::strerror(errno);
  expect_scan(
      root, root.scan(),
      {root.at("pipe.tf") + ": note: not a regular file (FIFO, device or socket); skipped [not-a-file]",
       root.at("pipe.yaml") + ": note: not a regular file (FIFO, device or socket); skipped [not-a-file]"});
  // Named directly as the scan root, too.
  CliRun direct = run_clause("scan --no-color " + root.at("pipe.tf"));
  EXPECT_EQ(direct.exit_code, 0) << direct.out;
  EXPECT_TRUE(has_line(
      direct.out,
      root.at("pipe.tf") + ": note: not a regular file (FIFO, device or socket); skipped [not-a-file]"))
      << direct.out;
}

TEST(HostileInput, DeviceNodeIsSkipped) {
  Root root;
  // The same device as /dev/null (char 1:3); needs CAP_MKNOD.
  if (::mknod(root.at("dev.tf").c_str(), S_IFCHR | 0644, makedev(1, 3)) != 0)
    GTEST_SKIP() << "mknod not permitted here (" << std::strerror(errno)
                 << "); the /dev/null symlink case is covered by SymlinkLoopsAndLinksOutOfTheRoot";
  expect_scan(
      root, root.scan(),
      {root.at("dev.tf") + ": note: not a regular file (FIFO, device or socket); skipped [not-a-file]"});
}

// --- Terraform -------------------------------------------------------------

TEST(HostileInput, ModuleThatCallsItself) {
  // `source = "./"` in the root directory is the root module calling itself:
  // reported as a cycle (it was silently dropped while the root directory's
  // empty path doubled as "no target"), and the rest of the root still judged.
  Root root;
  root.write("main.tf", "module \"self\" {\n  source = \"./\"\n}\n");
  CliRun r = root.scan();
  expect_scan(
      root, r,
      {root.at("main.tf") + ":1:1: warning: module \"self\" at main.tf:1 calls \"./\", a module already "
                            "being instantiated on this path (.); the call is not followed [module-cycle]"});
  EXPECT_TRUE(has_line(r.out, "1 finding (1 medium); 2 files scanned (2 terraform); 1 input problem"))
      << r.out;
}

// A module that calls back into the root directory with `../`.
TEST(HostileInput, ModuleThatCallsTheRootBack) {
  Root root;
  root.write("main.tf", "module \"child\" {\n  source = \"./child\"\n}\n");
  root.write("child/main.tf", "module \"back\" {\n  source = \"../\"\n}\n");
  CliRun r = root.scan();
  expect_scan(root, r,
              {root.at("child/main.tf") +
               ":1:1: warning: module \"back\" at child/main.tf:1 calls \"../\", a module already being "
               "instantiated on this path (.); the call is not followed [module-cycle]"});
}

// --- nothing to read ---------------------------------------------------------

TEST(HostileInput, EmptyAndCommentOnlyFiles) {
  Root root;
  for (const char *name : {"empty.tf", "empty.tfvars", "empty.yaml", "empty.json", "empty.tf.json"})
    root.write(name, "");
  root.write("comments.tf", "# only\n// comments\n/* and\n   more */\n");
  root.write("comments.yaml", "# only a comment\n---\n# another\n");
  root.write("comments.json", "  \n\n");
  CliRun r = root.scan();
  expect_scan(root, r, {});
  EXPECT_TRUE(
      has_line(r.out, "1 finding (1 medium); 5 files scanned (4 terraform, 1 terraform-vars), 4 skipped"))
      << r.out;
}

// --- rule packs are input too ---------------------------------------------

TEST(HostileInput, BrokenRulePacksExitTwoWithFileAndLine) {
  Root root;
  ScratchDir rules("clause-rules");
  rules.write("comma.yaml", "id: CL-0999\n---\n,\n");
  CliRun r = run_clause("scan --rules " + rules.str() + " " + root.dir.str());
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_EQ(r.out, "clause: error: " + (rules / "comma.yaml") + ":3:1: unexpected ','\n");
  fs::remove(rules / "comma.yaml");
  rules.write("deep.yaml", "id: " + std::string(100'000, '[') + "\n");
  r = run_clause("scan --rules " + rules.str() + " " + root.dir.str());
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_EQ(r.out, "clause: error: " + (rules / "deep.yaml") +
                       ":1:261: YAML nesting deeper than 256 levels; document skipped\n");
  // A FIFO in a pack directory is refused at once, not waited on.
  fs::remove(rules / "deep.yaml");
  ASSERT_EQ(::mkfifo((rules / "pipe.yaml").c_str(), 0644), 0) << std::strerror(errno);
  r = run_clause("scan --rules " + rules.str() + " " + root.dir.str());
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_EQ(r.out, "clause: error: " + (rules / "pipe.yaml") +
                       ": the rule pack file is not a regular file (FIFO, device, socket or directory)\n");
}

// A .clause.yaml above a scan root that is in no git work tree is not read
// (it would set fail-on: never here and hide the finding's exit code).
TEST(HostileInput, ConfigurationAboveARootOutsideGitIsNotRead) {
  ScratchDir outer("clause-outer");
  outer.write(".clause.yaml", "fail-on: never\nrules:\n  disable: [CL-0901]\n");
  outer.write("root/good.tf", kGood);
  CliRun r = run_clause("scan --no-color " + (outer / "root"));
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_TRUE(has_line_starting(r.out, (outer / "root/good.tf") + ":2:3: medium: [CL-0901]")) << r.out;
}

}  // namespace
