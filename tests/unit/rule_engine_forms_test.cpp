// The rule-language forms infrastructure rules rely on: per-type checks,
// `each` over collections (with `not each ... not` as "some element"), the
// location chosen for a failing `any`, and CloudFormation intrinsics read
// as unknown values.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>

#include <unistd.h>

#include "checker/engine/rule_loader.h"
#include "checker/engine/rule_set.h"
#include "checker/scan/scanner.h"

namespace clause {
namespace {

namespace fs = std::filesystem;

struct TempRoot {
  fs::path dir;
  TempRoot() {
    static int n = 0;
    dir = fs::temp_directory_path() /
          ("clause-forms-" + std::to_string(::getpid()) + "-" + std::to_string(++n));
    fs::create_directories(dir);
  }
  ~TempRoot() { fs::remove_all(dir); }
  void write(const std::string &name, const std::string &text) const { std::ofstream(dir / name) << text; }
};

// (line, message) of every finding of `rule_text` over the files of `root`.
std::set<std::pair<uint32_t, std::string>> findings(const std::string &rule_text, const TempRoot &root,
                                                    bool strict = false) {
  RuleSet rules;
  rules.add(load_rules_from_text(rule_text, "test.yaml"));
  ScanOptions opts;
  opts.roots = {root.dir.string()};
  opts.strict = strict;
  Report report = run_scan(rules, opts);
  std::set<std::pair<uint32_t, std::string>> out;
  for (const auto &f : report.roots.at(0).findings) out.emplace(f.location.span.start_line, f.message);
  return out;
}

const char *kPerType = R"(
id: CL-0590
name: test.per-type
scenario: "5.5"
title: t
severity: low
targets:
  terraform: [aws_ebs_volume, aws_efs_file_system]
when:
  terraform:
    aws_ebs_volume: {attribute: size, op: ">", value: 10}
check:
  terraform:
    aws_ebs_volume: {attribute: encrypted, op: ==, value: true, default: false}
    aws_efs_file_system: {attribute: kms_key_id, op: exists}
message: "{address}: {attribute} is {actual}"
)";

TEST(RuleEngineForms, PerTypeChecksAndWhen) {
  TempRoot root;
  root.write("main.tf",
             "resource \"aws_ebs_volume\" \"big\" {\n"      // 1
             "  size = 50\n"                                // 2
             "}\n"                                          // 3
             "resource \"aws_ebs_volume\" \"small\" {\n"    // 4: when is false
             "  size = 5\n"                                 // 5
             "}\n"                                          // 6
             "resource \"aws_efs_file_system\" \"fs\" {\n"  // 7
             "  encrypted = true\n"                         // 8: not what its check reads
             "}\n");
  auto got = findings(kPerType, root);
  std::set<std::pair<uint32_t, std::string>> want = {
      {1, "aws_ebs_volume.big: encrypted is false (default)"},
      {7, "aws_efs_file_system.fs: kms_key_id is not set"},
  };
  EXPECT_EQ(got, want);
}

TEST(RuleEngineForms, PerTypeCheckMustCoverEveryTarget) {
  std::string text = kPerType;
  text.replace(text.find("    aws_efs_file_system: {attribute: kms_key_id, op: exists}\n"),
               std::string("    aws_efs_file_system: {attribute: kms_key_id, op: exists}\n").size(), "");
  try {
    load_rules_from_text(text, "test.yaml");
    FAIL() << "a per-type check without aws_efs_file_system was accepted";
  } catch (const RulePackError &e) {
    EXPECT_NE(std::string(e.what()).find("no check for target type 'aws_efs_file_system'"), std::string::npos)
        << e.what();
  }
}

const char *kEach = R"(
id: CL-1190
name: test.each
scenario: "5.11"
title: t
severity: low
targets:
  kubernetes: [Deployment]
check:
  all:
    - each: spec.template.spec.containers
      check: {attribute: resources.limits.memory, op: exists}
    # Some env entry is LOG_LEVEL.
    - not:
        each: spec.template.spec.containers.env
        check:
          not: {attribute: name, op: ==, value: LOG_LEVEL}
message: "{address}: {attribute} is {actual}"
)";

TEST(RuleEngineForms, EachReportsTheFailingElement) {
  TempRoot root;
  root.write("deploy.yaml",
             "apiVersion: apps/v1\n"                 // 1
             "kind: Deployment\n"                    // 2
             "metadata: {name: api}\n"               // 3
             "spec:\n"                               // 4
             "  template:\n"                         // 5
             "    spec:\n"                           // 6
             "      containers:\n"                   // 7
             "        - name: ok\n"                  // 8
             "          resources:\n"                // 9
             "            limits: {memory: 1Gi}\n"   // 10
             "          env: [{name: LOG_LEVEL}]\n"  // 11
             "        - name: bare\n"                // 12
             "          image: x:1\n");              // 13
  auto got = findings(kEach, root);
  std::set<std::pair<uint32_t, std::string>> want = {
      {12, "Deployment/default/api: resources.limits.memory is not set"}};
  EXPECT_EQ(got, want);
}

TEST(RuleEngineForms, NotEachNotMeansSomeElement) {
  TempRoot root;
  root.write("deploy.yaml",
             "apiVersion: apps/v1\n"
             "kind: Deployment\n"  // 2: no container sets LOG_LEVEL
             "metadata: {name: api}\n"
             "spec:\n"
             "  template:\n"
             "    spec:\n"
             "      containers:\n"
             "        - name: a\n"
             "          resources: {limits: {memory: 1Gi}}\n"
             "          env: [{name: OTHER}]\n");  // 10: written, without LOG_LEVEL
  std::set<std::pair<uint32_t, std::string>> want = {
      {10, "Deployment/default/api: spec.template.spec.containers.env is set, but has no name = LOG_LEVEL"}};
  EXPECT_EQ(findings(kEach, root), want);
  // No env list at all: at the resource, not set.
  root.write("deploy.yaml",
             "apiVersion: apps/v1\n"
             "kind: Deployment\n"  // 2
             "metadata: {name: api}\n"
             "spec:\n"
             "  template:\n"
             "    spec:\n"
             "      containers:\n"
             "        - name: a\n"
             "          resources: {limits: {memory: 1Gi}}\n");
  want = {{2, "Deployment/default/api: spec.template.spec.containers.env is not set"}};
  EXPECT_EQ(findings(kEach, root), want);
}

const char *kAny = R"(
id: CL-0990
name: test.any
scenario: "5.9"
title: t
severity: low
targets:
  cloudformation: ["AWS::DynamoDB::Table"]
check:
  any:
    - {attribute: Properties.DeletionProtectionEnabled, op: ==, value: true}
    - {attribute: DeletionPolicy, op: in, value: [Retain], default: Delete}
message: "{address}: {attribute} is {actual}"
)";

TEST(RuleEngineForms, FailingAnyPointsAtAWrittenValue) {
  TempRoot root;
  root.write("template.yaml",
             "Resources:\n"                      // 1
             "  Orders:\n"                       // 2
             "    Type: AWS::DynamoDB::Table\n"  // 3
             "    DeletionPolicy: Delete\n"      // 4
             "  Carts:\n"                        // 5
             "    Type: AWS::DynamoDB::Table\n");
  auto got = findings(kAny, root);
  std::set<std::pair<uint32_t, std::string>> want = {
      {4, "Orders: DeletionPolicy is Delete"},
      {5, "Carts: Properties.DeletionProtectionEnabled is not set"},
  };
  EXPECT_EQ(got, want);
}

TEST(RuleEngineForms, IntrinsicsAreUnknown) {
  TempRoot root;
  root.write("template.yaml",
             "Parameters:\n"
             "  Protect: {Type: String}\n"
             "Resources:\n"
             "  Orders:\n"
             "    Type: AWS::DynamoDB::Table\n"
             "    Properties:\n"
             "      DeletionProtectionEnabled: !Ref Protect\n"  // 7
             "  Carts:\n"
             "    Type: AWS::DynamoDB::Table\n"
             "    Properties: !If [IsProd, {DeletionProtectionEnabled: true}, {}]\n");  // 10
  EXPECT_TRUE(findings(kAny, root).empty());
  auto notes = findings(kAny, root, /*strict=*/true);
  std::set<uint32_t> lines;
  for (const auto &[line, msg] : notes) lines.insert(line);
  EXPECT_EQ(lines, (std::set<uint32_t>{7, 10}));
}

const char *kDynamic = R"(
id: CL-1191
name: test.dynamic
scenario: "5.11"
title: t
severity: low
targets:
  terraform: [google_container_node_pool]
check:
  all:
    - {attribute: autoscaling, op: exists}
    - each: management
      check: {attribute: auto_repair, op: "!=", value: false}
message: "{address}: {attribute} is {actual}"
)";

TEST(RuleEngineForms, DynamicBlocksAreUnknownNotAbsent) {
  TempRoot root;
  root.write("main.tf",
             "resource \"google_container_node_pool\" \"fixed\" {\n"  // 1: no autoscaling at all
             "  node_count = 3\n"
             "}\n"
             "resource \"google_container_node_pool\" \"maybe\" {\n"  // 4
             "  autoscaling {\n"
             "    max_node_count = 3\n"
             "  }\n"
             "  dynamic \"management\" {\n"  // 8
             "    for_each = var.management\n"
             "    content {\n"
             "      auto_repair = management.value\n"
             "    }\n"
             "  }\n"
             "}\n"
             "resource \"google_container_node_pool\" \"scaled\" {\n"  // 15
             "  dynamic \"autoscaling\" {\n"
             "    for_each = var.autoscaling\n"
             "    content {}\n"
             "  }\n"
             "}\n");
  std::set<std::pair<uint32_t, std::string>> want = {
      {1, "google_container_node_pool.fixed: autoscaling is not set"}};
  EXPECT_EQ(findings(kDynamic, root), want);
  // The dynamic `management` block of "maybe" cannot be judged: a note.
  std::set<uint32_t> lines;
  for (const auto &[line, msg] : findings(kDynamic, root, /*strict=*/true)) lines.insert(line);
  // Line 16 (`dynamic "autoscaling"` with an unknown for_each) is not noted:
  // evaluation leaves one autoscaling entry with unknown values, which the
  // existence check counts as present. Known gap, see docs/architecture.md.
  EXPECT_EQ(lines, (std::set<uint32_t>{1, 8}));
}

}  // namespace
}  // namespace clause
