// Reporting on some files only (--only-files, --changed-since): which files
// are selected, and that a filtered scan reports exactly the selected files'
// part of a whole scan, although it builds no findings elsewhere and, for
// text output, judges only the selected files' resources.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "checker/discovery/discover.h"
#include "checker/workflow/report_paths.h"
#include "tests/unit/cli_run.h"

namespace clause {
namespace {

using testing::run;
using testing::TempTree;

TEST(FileSelection, MatchesFilesByTheirResolvedPath) {
  TempTree t;
  t.write("a.tf", "");
  t.write("dir/b.tf", "");
  t.write("dir/other.tf", "");
  ASSERT_EQ(::symlink("dir/b.tf", (t / "link.tf").c_str()), 0);
  const FileSelection selected({t / "dir/b.tf", t / "./missing.tf"});
  EXPECT_TRUE(selected.contains(t.path(), "dir/b.tf"));
  EXPECT_TRUE(selected.contains(t.path(), "dir/../dir/b.tf"));
  EXPECT_TRUE(selected.contains(t.path(), "link.tf"));  // a link to a selected file
  EXPECT_TRUE(selected.contains(t.path(), "missing.tf"));
  EXPECT_FALSE(selected.contains(t.path(), "a.tf"));
  EXPECT_FALSE(selected.contains(t.path(), "dir/other.tf"));
  EXPECT_FALSE(selected.contains(t.path(), "b.tf"));  // same name, elsewhere
  EXPECT_FALSE(selected.contains(t.path(), ""));
  EXPECT_FALSE(selected.contains(t.path() + "/dir", "../a.tf"));
  EXPECT_TRUE(selected.contains(t.path() + "/dir", "b.tf"));
  // Selecting the link selects the file it leads to.
  const FileSelection by_link({t / "link.tf"});
  EXPECT_TRUE(by_link.contains(t.path(), "dir/b.tf"));
  EXPECT_TRUE(by_link.contains(t.path(), "link.tf"));
  EXPECT_FALSE(by_link.contains(t.path(), "dir/other.tf"));
}

// Discovery says which files are links; the scan then spares the lstat of
// every other file, whose name alone decides (the hook's scan of a 500-file
// root used to lstat all 500). A caller that says "no link" is believed:
// the link's own name is not one of the selected files'.
TEST(FileSelection, DiscoveryMarksLinksAndOnlyLinksAreResolvedByTarget) {
  TempTree t;
  t.write("a.tf", "");
  t.write("dir/b.tf", "");
  ASSERT_EQ(::symlink("dir/b.tf", (t / "link.tf").c_str()), 0);
  const Discovery d = discover(t.path(), DiscoveryOptions{});
  std::vector<std::string> listed;
  for (const SourceFile &f : d.files) listed.push_back(f.rel_path + (f.link ? " (link)" : ""));
  EXPECT_EQ(listed, (std::vector<std::string>{"a.tf", "dir/b.tf", "link.tf (link)"}));

  const FileSelection selected({t / "dir/b.tf"});
  EXPECT_TRUE(selected.contains(t.path(), "link.tf", true));
  EXPECT_FALSE(selected.contains(t.path(), "link.tf", false));
  EXPECT_TRUE(selected.contains(t.path(), "dir/b.tf", false));
  EXPECT_FALSE(selected.contains(t.path(), "a.tf", false));

  // A file root that is a link is marked too.
  const Discovery file_root = discover(t / "link.tf", DiscoveryOptions{});
  ASSERT_EQ(file_root.files.size(), 1u);
  EXPECT_TRUE(file_root.files[0].link);
  EXPECT_FALSE(discover(t / "a.tf", DiscoveryOptions{}).files.at(0).link);
}

// The finding lines of a text report (`path:line:col: severity: [ID] ...`).
std::vector<std::string> finding_lines(const std::string &out, const std::string &only_path = "") {
  std::vector<std::string> lines;
  std::istringstream in(out);
  for (std::string line; std::getline(in, line);) {
    if (line.find(": [CL-") == std::string::npos) continue;
    if (!only_path.empty() && line.rfind(only_path + ":", 0) != 0) continue;
    lines.push_back(line);
  }
  return lines;
}

// The findings of a JSON report. Fingerprints are left out: they are made
// unique within the findings a report shows (a second finding of the same
// rule, resource and line text gets a `:2`), so they can differ between a
// whole report and a filtered one.
std::vector<std::string> json_findings(const std::string &out, const std::string &only_path = "") {
  std::vector<std::string> found;
  const nlohmann::json j = nlohmann::json::parse(out);
  for (const auto &root : j.at("roots"))
    for (nlohmann::json f : root.at("findings")) {
      const std::string path = f.at("location").at("path").get<std::string>();
      if (!only_path.empty() && path != only_path) continue;
      f.erase("fingerprint");
      found.push_back(f.dump());
    }
  return found;
}

// A root with several root modules, a module, CloudFormation, Kubernetes,
// an agreement and suppressions in selected and unselected files.
void write_mixed_root(const TempTree &t) {
  t.write(".git/HEAD", "ref: refs/heads/main\n");
  std::ifstream agreement(testing::src("fixtures/demo/agreement.yaml"), std::ios::binary);
  t.write("agreement.yaml", std::string(std::istreambuf_iterator<char>(agreement), {}));
  t.write("app/main.tf",
          "provider \"aws\" {\n  region = \"us-east-1\"\n}\n"
          "resource \"aws_db_instance\" \"db\" {\n  backup_retention_period = 1\n}\n"
          "# clause:ignore CL-0904 -- scratch data\n"
          "resource \"aws_s3_bucket\" \"scratch\" {\n  bucket = \"scratch\"\n}\n"
          "module \"logs\" {\n  source = \"../modules/logs\"\n  days   = 3\n}\n");
  t.write("modules/logs/main.tf",
          "variable \"days\" {}\n"
          "resource \"aws_cloudwatch_log_group\" \"l\" {\n  name              = \"app\"\n"
          "  retention_in_days = var.days\n}\n");
  t.write("ops/main.tf",
          "provider \"aws\" {\n  region = \"eu-west-1\"\n}\n"
          "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"ops\"\n}\n"
          "# clause:ignore CL-0901 -- nothing to suppress here\n"
          "resource \"aws_cloudtrail\" \"t\" {\n  name = \"t\"\n}\n");
  t.write("stack.yaml",
          "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Db:\n    Type: AWS::RDS::DBInstance\n"
          "    Properties:\n      Engine: postgres\n      BackupRetentionPeriod: 0\n");
  t.write("k8s/app.yaml",
          "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 1\n"
          "  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n"
          "    spec:\n      containers:\n        - name: web\n          image: web:latest\n"
          "---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: {app: web}\n"
          "  ports:\n    - port: 80\n");
}

// The findings of a whole JSON report that a filtered scan of `file` keeps:
// those standing in it, those with a related location in it, and those
// about the deployment unit `unit` as a whole when the file is part of it.
std::vector<std::string> selected_json_findings(const std::string &out, const std::string &file,
                                                const std::string &unit) {
  std::vector<std::string> found;
  const nlohmann::json j = nlohmann::json::parse(out);
  for (const auto &root : j.at("roots"))
    for (nlohmann::json f : root.at("findings")) {
      bool keep = f.at("location").at("path") == file || (!unit.empty() && f.value("unit", "") == unit);
      for (const auto &r : f.at("related")) keep = keep || r.at("location").at("path") == file;
      if (!keep) continue;
      f.erase("fingerprint");
      found.push_back(f.dump());
    }
  return found;
}

TEST(FileSelection, FilteredScanReportsTheSelectedPartOfAWholeScan) {
  TempTree t;
  write_mixed_root(t);
  // Each file with the deployment unit it is part of (the module in
  // modules/logs is instantiated by the root module app).
  const std::vector<std::pair<std::string, std::string>> files = {
      {"agreement.yaml", ""}, {"app/main.tf", "app"},       {"modules/logs/main.tf", "app"},
      {"ops/main.tf", "ops"}, {"stack.yaml", "stack.yaml"}, {"k8s/app.yaml", "k8s"}};
  const std::string common =
      "scan --no-color --profile all --report-unused-suppressions --fail-on never " + t.path();
  for (const char *jobs : {"-j1", "-j2"}) {
    const std::string whole_text = run(common + " " + jobs, false).out;
    const std::string whole_json = run(common + " " + jobs + " -f json", false).out;
    ASSERT_GE(finding_lines(whole_text).size(), 8u) << whole_text;
    std::set<std::string> union_of_filtered;
    for (const auto &[f, unit] : files) {
      const std::string only = " --only-files " + (t / f);
      const std::vector<std::string> json =
          json_findings(run(common + " " + jobs + " -f json" + only, false).out);
      EXPECT_EQ(json, selected_json_findings(whole_json, f, unit)) << f << " " << jobs;
      // Text shows the same findings but the suppressed ones.
      const auto shown = std::count_if(json.begin(), json.end(), [](const std::string &j) {
        return !nlohmann::json::parse(j).at("suppressed").get<bool>();
      });
      EXPECT_EQ(finding_lines(run(common + " " + jobs + only, false).out).size(), static_cast<size_t>(shown))
          << f << " " << jobs;
      union_of_filtered.insert(json.begin(), json.end());
    }
    // Every finding is reported for one of the files at least.
    const std::vector<std::string> whole = json_findings(whole_json);
    EXPECT_EQ(union_of_filtered, std::set<std::string>(whole.begin(), whole.end())) << jobs;
  }
  // A unit-wide finding is built for a file of its unit even where it
  // stands elsewhere: the module's file selects the root module's CloudTrail check.
  const std::string logs = run(common + " -j1 --only-files " + (t / "modules/logs/main.tf"), false).out;
  EXPECT_NE(logs.find("app/main.tf:1:1: high: [CL-1002] In terraform root module app:"), std::string::npos)
      << logs;
}

}  // namespace
}  // namespace clause
