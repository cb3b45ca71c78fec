// The references graph between evaluated Terraform resources, its queries,
// and the `related` predicate of the rule language that reads it.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "checker/engine/evaluator.h"
#include "checker/engine/rule_loader.h"
#include "checker/terraform/references.h"
#include "checker/terraform/terraform_project.h"
#include "terraform_test_util.h"

namespace clause {
namespace {

using testing_support::TerraformFiles;

Project project_of(TerraformFiles &files) {
  Project p;
  for (auto &d : files.docs) p.documents.push_back(std::move(d));
  std::sort(p.documents.begin(), p.documents.end(),
            [](const DocumentPtr &a, const DocumentPtr &b) { return a->path < b->path; });
  tf::add_terraform_resources(p, {});
  return p;
}

size_t index_of(const Project &p, const std::string &address) {
  for (size_t i = 0; i < p.resources.size(); ++i)
    if (p.resources[i].address == address) return i;
  ADD_FAILURE() << "no resource " << address;
  return 0;
}

// "address(certain)" for each related resource, in order.
std::vector<std::string> describe(const std::vector<ResourceReferences::Related> &related) {
  std::vector<std::string> out;
  for (const auto &r : related)
    out.push_back((r.resource ? r.resource->address : std::string("?")) + (r.certain ? "" : " (uncertain)"));
  return out;
}

// The bodies are walked in ranges side by side: any job count gives the
// same graph, for more resources than one range holds.
TEST(TerraformReferences, GraphIsTheSameForAnyJobCount) {
  TerraformFiles files;
  std::string src = "variable \"unknown\" {}\n";
  for (int i = 0; i < 700; ++i) {
    const std::string n = std::to_string(i);
    src += "resource \"aws_s3_bucket\" \"b" + n + "\" {\n  bucket = \"bucket-" + n + "\"\n}\n";
    src += "resource \"aws_s3_bucket_versioning\" \"v" + n + "\" {\n  bucket = aws_s3_bucket.b" + n +
           ".id\n  mirror = \"bucket-" + std::to_string((i + 1) % 700) + "\"\n  other  = var.unknown\n}\n";
  }
  files.add("main.tf", src);
  Project p = project_of(files);
  std::vector<uint32_t> instances(p.resources.size(), 0);
  const auto dump = [&](const ResourceReferences &refs) {
    std::vector<std::string> out;
    for (const ResourceLink &l : refs.links)
      out.push_back(std::to_string(l.from) + ">" + std::to_string(l.to) + " " + l.attribute +
                    (l.certain ? "" : "?"));
    for (size_t i : refs.by_from) out.push_back("by_from " + std::to_string(i));
    for (const auto &o : refs.open) out.push_back("open " + std::to_string(o.from) + " " + o.attribute);
    return out;
  };
  const std::vector<std::string> serial = dump(tf::build_references(p.resources, instances, 1));
  ASSERT_EQ(p.resources.size(), 1400u);
  // Each versioning resource links to its bucket by reference and to the
  // next bucket by name; every resource's tags_all is open (no provider
  // block says what the default tags are), and so is each versioning
  // resource's `other`.
  EXPECT_EQ(std::count_if(serial.begin(), serial.end(),
                          [](const std::string &l) {
                            return l.find(" bucket") != std::string::npos && l.find('>') != std::string::npos;
                          }),
            700);
  EXPECT_EQ(std::count_if(serial.begin(), serial.end(),
                          [](const std::string &l) { return l.find(" mirror") != std::string::npos; }),
            700);
  EXPECT_EQ(std::count_if(serial.begin(), serial.end(),
                          [](const std::string &l) { return l.rfind("open ", 0) == 0; }),
            2100);
  for (unsigned jobs : {2u, 3u, 8u})
    EXPECT_EQ(dump(tf::build_references(p.resources, instances, jobs)), serial) << jobs;
}

TEST(TerraformReferences, VersioningResourceJoinsItsBucket) {
  TerraformFiles files;
  files.add("main.tf",
            "resource \"aws_s3_bucket\" \"b\" {\n"
            "  bucket = \"ledger\"\n"
            "}\n"
            "resource \"aws_s3_bucket_versioning\" \"v\" {\n"
            "  bucket = aws_s3_bucket.b.id\n"
            "  versioning_configuration {\n"
            "    status = \"Enabled\"\n"
            "  }\n"
            "}\n");
  Project p = project_of(files);
  size_t bucket = index_of(p, "aws_s3_bucket.b");
  auto related = p.references.referrers(p.resources, bucket, "aws_s3_bucket_versioning", "bucket");
  ASSERT_EQ(describe(related), std::vector<std::string>{"aws_s3_bucket_versioning.v"});
  const Node *config = related[0].resource->body->get("versioning_configuration");
  ASSERT_TRUE(config && config->is_list());
  EXPECT_EQ(config->items[0].get("status")->text, "Enabled");
  EXPECT_TRUE(p.references.referrers(p.resources, bucket, "aws_s3_bucket_versioning", "other").empty());
  EXPECT_TRUE(p.references.referrers(p.resources, bucket, "aws_s3_bucket_logging", "bucket").empty());
  size_t versioning = index_of(p, "aws_s3_bucket_versioning.v");
  EXPECT_EQ(describe(p.references.referenced(p.resources, versioning, "aws_s3_bucket", "bucket")),
            std::vector<std::string>{"aws_s3_bucket.b"});
}

TEST(TerraformReferences, EverySplitResourceAndBackupSelectionJoin) {
  TerraformFiles files;
  std::string src =
      "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"ledger\"\n}\n"
      "resource \"aws_db_instance\" \"db\" {}\n"
      "resource \"aws_rds_cluster\" \"cluster\" {}\n"
      "resource \"aws_dynamodb_table\" \"table\" {}\n"
      "resource \"aws_efs_file_system\" \"fs\" {}\n"
      "resource \"aws_backup_selection\" \"sel\" {\n"
      "  resources = [aws_db_instance.db.arn, aws_rds_cluster.cluster.arn, aws_dynamodb_table.table.arn,\n"
      "               aws_efs_file_system.fs.arn]\n"
      "}\n";
  const char *split[] = {"aws_s3_bucket_versioning",
                         "aws_s3_bucket_server_side_encryption_configuration",
                         "aws_s3_bucket_lifecycle_configuration",
                         "aws_s3_bucket_logging",
                         "aws_s3_bucket_public_access_block",
                         "aws_s3_bucket_replication_configuration",
                         "aws_s3_bucket_object_lock_configuration"};
  bool by_id = true;
  for (const char *type : split) {
    src += std::string("resource \"") + type + "\" \"x\" {\n  bucket = aws_s3_bucket.b." +
           (by_id ? "id" : "bucket") + "\n}\n";
    by_id = !by_id;
  }
  files.add("main.tf", src);
  Project p = project_of(files);
  size_t bucket = index_of(p, "aws_s3_bucket.b");
  for (const char *type : split)
    EXPECT_EQ(describe(p.references.referrers(p.resources, bucket, type, "bucket")),
              std::vector<std::string>{std::string(type) + ".x"})
        << type;
  for (const char *target : {"aws_db_instance.db", "aws_rds_cluster.cluster", "aws_dynamodb_table.table",
                             "aws_efs_file_system.fs"}) {
    EXPECT_EQ(describe(p.references.referrers(p.resources, index_of(p, target), "aws_backup_selection",
                                              "resources")),
              std::vector<std::string>{"aws_backup_selection.sel"})
        << target;
  }
}

TEST(TerraformReferences, ThroughModuleOutputsLocalsAndNames) {
  TerraformFiles files;
  files.add("main.tf",
            "module \"store\" {\n"
            "  source = \"./store\"\n"
            "}\n"
            "locals {\n"
            "  id = module.store.bucket_id\n"
            "}\n"
            "resource \"aws_s3_bucket_versioning\" \"via_output\" {\n"
            "  bucket = local.id\n"
            "}\n"
            "resource \"aws_s3_bucket_logging\" \"by_name\" {\n"
            "  bucket = \"store-bucket\"\n"
            "}\n");
  files.add("store/main.tf",
            "resource \"aws_s3_bucket\" \"this\" {\n"
            "  bucket = \"store-bucket\"\n"
            "}\n"
            "output \"bucket_id\" {\n"
            "  value = aws_s3_bucket.this.id\n"
            "}\n");
  Project p = project_of(files);
  size_t bucket = index_of(p, "module.store.aws_s3_bucket.this");
  EXPECT_EQ(describe(p.references.referrers(p.resources, bucket, "aws_s3_bucket_versioning", "bucket")),
            std::vector<std::string>{"aws_s3_bucket_versioning.via_output"});
  EXPECT_EQ(describe(p.references.referrers(p.resources, bucket, "aws_s3_bucket_logging", "bucket")),
            std::vector<std::string>{"aws_s3_bucket_logging.by_name"});
}

TEST(TerraformReferences, InstancesSplatsAndUnknownLinks) {
  TerraformFiles files;
  files.add("main.tf",
            "variable \"which\" {}\n"
            "variable \"bucket\" {}\n"
            "resource \"aws_s3_bucket\" \"b\" {\n"
            "  count = 2\n"
            "}\n"
            "resource \"aws_s3_bucket_versioning\" \"exact\" {\n"
            "  bucket = aws_s3_bucket.b[1].id\n"
            "}\n"
            "resource \"aws_s3_bucket_logging\" \"some\" {\n"
            "  bucket = aws_s3_bucket.b[var.which].id\n"
            "}\n"
            "resource \"aws_backup_selection\" \"all\" {\n"
            "  resources = aws_s3_bucket.b[*].arn\n"
            "}\n"
            "resource \"aws_s3_bucket_public_access_block\" \"open\" {\n"
            "  bucket = var.bucket\n"
            "}\n");
  Project p = project_of(files);
  size_t b0 = index_of(p, "aws_s3_bucket.b[0]");
  size_t b1 = index_of(p, "aws_s3_bucket.b[1]");
  EXPECT_TRUE(p.references.referrers(p.resources, b0, "aws_s3_bucket_versioning", "bucket").empty());
  EXPECT_EQ(describe(p.references.referrers(p.resources, b1, "aws_s3_bucket_versioning", "bucket")),
            std::vector<std::string>{"aws_s3_bucket_versioning.exact"});
  EXPECT_EQ(describe(p.references.referrers(p.resources, b0, "aws_s3_bucket_logging", "bucket")),
            std::vector<std::string>{"aws_s3_bucket_logging.some (uncertain)"});
  EXPECT_EQ(describe(p.references.referrers(p.resources, b0, "aws_backup_selection", "resources")),
            std::vector<std::string>{"aws_backup_selection.all"});
  EXPECT_EQ(describe(p.references.referrers(p.resources, b1, "aws_s3_bucket_public_access_block", "bucket")),
            std::vector<std::string>{"aws_s3_bucket_public_access_block.open (uncertain)"});
  size_t open = index_of(p, "aws_s3_bucket_public_access_block.open");
  EXPECT_EQ(describe(p.references.referenced(p.resources, open, "aws_s3_bucket", "bucket")),
            std::vector<std::string>{"? (uncertain)"});
}

TEST(TerraformReferences, OpenLinksStayInTheirModuleInstance) {
  TerraformFiles files;
  files.add("main.tf",
            "resource \"aws_s3_bucket\" \"root\" {}\n"
            "module \"m\" {\n"
            "  source = \"./m\"\n"
            "}\n");
  files.add("m/main.tf",
            "variable \"bucket\" {}\n"
            "resource \"aws_s3_bucket\" \"inner\" {}\n"
            "resource \"aws_s3_bucket_versioning\" \"v\" {\n"
            "  bucket = var.bucket\n"
            "}\n");
  Project p = project_of(files);
  EXPECT_TRUE(
      p.references
          .referrers(p.resources, index_of(p, "aws_s3_bucket.root"), "aws_s3_bucket_versioning", "bucket")
          .empty());
  EXPECT_EQ(describe(p.references.referrers(p.resources, index_of(p, "module.m.aws_s3_bucket.inner"),
                                            "aws_s3_bucket_versioning", "bucket")),
            std::vector<std::string>{"module.m.aws_s3_bucket_versioning.v (uncertain)"});
}

TEST(TerraformReferences, AddressBase) {
  EXPECT_EQ(tf::address_base("aws_s3_bucket.b[0]"), "aws_s3_bucket.b");
  EXPECT_EQ(tf::address_base("module.m[\"a]b\"].aws_s3_bucket.b[\"x[1]\"]"),
            "module.m[\"a]b\"].aws_s3_bucket.b");
  EXPECT_EQ(tf::address_base("aws_s3_bucket.b"), "aws_s3_bucket.b");
}

// ---- the `related` predicate ------------------------------------------------------

const char *kRule = R"(id: CL-0999
name: test.related
scenario: "5.9"
title: test
severity: low
targets:
  terraform: [aws_s3_bucket]
check:
  terraform:
    related:
      type: aws_s3_bucket_versioning
      via: bucket
      check:
        attribute: versioning_configuration.status
        op: ==
        value: Enabled
message: "{address}: {actual}"
)";

TEST(TerraformReferences, RelatedPredicateDecidesThreeWays) {
  TerraformFiles files;
  files.add("main.tf",
            "variable \"status\" {}\n"
            "resource \"aws_s3_bucket\" \"on\" {}\n"
            "resource \"aws_s3_bucket_versioning\" \"on\" {\n"
            "  bucket = aws_s3_bucket.on.id\n"
            "  versioning_configuration {\n"
            "    status = \"Enabled\"\n"
            "  }\n"
            "}\n"
            "resource \"aws_s3_bucket\" \"off\" {}\n"
            "resource \"aws_s3_bucket_versioning\" \"off\" {\n"
            "  bucket = aws_s3_bucket.off.id\n"
            "  versioning_configuration {\n"
            "    status = \"Suspended\"\n"
            "  }\n"
            "}\n"
            "resource \"aws_s3_bucket\" \"maybe\" {}\n"
            "resource \"aws_s3_bucket_versioning\" \"maybe\" {\n"
            "  bucket = aws_s3_bucket.maybe.id\n"
            "  versioning_configuration {\n"
            "    status = var.status\n"
            "  }\n"
            "}\n"
            "resource \"aws_s3_bucket\" \"none\" {}\n");
  Project p = project_of(files);
  RuleSet rules;
  rules.add(load_rules_from_text(kRule, "test.yaml"));
  Evaluation ev = evaluate_rules(rules, p, EvaluationOptions{true});
  ASSERT_EQ(ev.findings.size(), 2u);
  EXPECT_EQ(ev.findings[0].resource, "aws_s3_bucket.off");
  EXPECT_EQ(ev.findings[0].location.span.start_line, 9u);
  EXPECT_EQ(ev.findings[0].message,
            "aws_s3_bucket.off: aws_s3_bucket_versioning.off (versioning_configuration.status is Suspended)");
  EXPECT_EQ(ev.findings[1].resource, "aws_s3_bucket.none");
  EXPECT_EQ(ev.findings[1].message, "aws_s3_bucket.none: no aws_s3_bucket_versioning linked through bucket");
  ASSERT_EQ(ev.undecided.size(), 1u);
  EXPECT_EQ(ev.undecided[0].resource, "aws_s3_bucket.maybe");
}

TEST(TerraformReferences, RelatedIsValidatedWhenRulesLoad) {
  auto error_of = [](const std::string &yaml) {
    try {
      load_rules_from_text(yaml, "r.yaml");
    } catch (const RulePackError &e) {
      return std::string(e.what());
    }
    return std::string("loaded");
  };
  std::string base(kRule);
  auto with_check = [&](const std::string &check) {
    size_t at = base.find("check:\n  terraform:");
    size_t end = base.find("message:");
    return base.substr(0, at) + check + base.substr(end);
  };
  EXPECT_EQ(error_of(with_check("check:\n  related:\n    type: x\n")),
            "r.yaml:10:5: 'related' needs 'via' (the attribute that holds the reference)");
  EXPECT_EQ(error_of(with_check("check:\n  related:\n    type: x\n    via: b\n    sideways: true\n")),
            "r.yaml:12:5: unknown 'related' field 'sideways'");
  EXPECT_EQ(error_of(with_check("check:\n  related:\n    type: x\n    via: b\n    direction: up\n")),
            "r.yaml:12:16: direction must be referenced_by or references");
  EXPECT_EQ(error_of(with_check("check:\n  related:\n    type: x\n    via: b[0]\n")),
            "r.yaml:11:10: 'via' is a path of attribute names, without [N] indexes");
  EXPECT_EQ(error_of(with_check("check:\n  related:\n    type: x\n    via: b\n    check:\n      related:\n"
                                "        type: y\n        via: c\n")),
            "r.yaml:13:7: 'related' inside a 'related' check is not supported (one hop only)");
  // CloudFormation links by logical name (checker/engine/cfn_relations.h);
  // Kubernetes has no references graph.
  std::string cfn = base;
  cfn.replace(cfn.find("  terraform: [aws_s3_bucket]"), 28, "  cloudformation: [\"AWS::S3::Bucket\"]");
  cfn.replace(cfn.find("  terraform:\n    related"), 13, "  cloudformation:\n");
  EXPECT_EQ(error_of(cfn), "loaded");
  std::string k8s = base;
  k8s.replace(k8s.find("  terraform: [aws_s3_bucket]"), 28, "  kubernetes: [Deployment]");
  k8s.replace(k8s.find("  terraform:\n    related"), 13, "  kubernetes:\n");
  EXPECT_EQ(error_of(k8s).substr(0, 12), "r.yaml:10:5:");
}

// ---- names that repeat, instances referred to at once ----------------------------
// k resources that share a name, or k instances a splat refers to, cost the
// graph one link per reference (issue 23): k same-named buckets were k²
// links (20,000 of them took 23 GB). Each shape runs at two sizes and
// asserts the exact links and query answers.

Project project_with_main(const std::string &main_tf) {
  TerraformFiles files;
  files.add("main.tf", main_tf);
  return project_of(files);
}

class SameNamedBuckets : public ::testing::TestWithParam<int> {};

// n buckets all named "x" and two versioning resources naming "x": each
// bucket's own `bucket` and each versioning resource's is one link to the
// group of buckets named "x" (n + 2 links, not n² + 2n).
TEST_P(SameNamedBuckets, LinkOnceToTheirNameGroup) {
  const int n = GetParam();
  std::string src;
  for (int i = 0; i < n; ++i)
    src += "resource \"aws_s3_bucket\" \"b" + std::to_string(i) + "\" {\n  bucket = \"x\"\n}\n";
  src += "resource \"aws_s3_bucket_versioning\" \"v1\" {\n  bucket = \"x\"\n}\n";
  src += "resource \"aws_s3_bucket_versioning\" \"v2\" {\n  bucket = \"x\"\n}\n";
  Project p = project_with_main(src);
  ASSERT_EQ(p.resources.size(), static_cast<size_t>(n + 2));
  const ResourceReferences &refs = p.references;
  EXPECT_EQ(refs.links.size(), static_cast<size_t>(n + 2));
  for (const ResourceLink &l : refs.links) EXPECT_EQ(l.attribute, "bucket");
  std::vector<std::string> in_order;
  for (const auto &r : p.resources)
    if (r.type == "aws_s3_bucket") in_order.push_back(r.address);
  for (const char *bucket : {"aws_s3_bucket.b0", "aws_s3_bucket.b1"}) {
    const size_t b = index_of(p, bucket);
    EXPECT_EQ(describe(refs.referrers(p.resources, b, "aws_s3_bucket_versioning", "bucket")),
              (std::vector<std::string>{"aws_s3_bucket_versioning.v1", "aws_s3_bucket_versioning.v2"}));
    // Every other bucket of that name, not the bucket itself.
    std::vector<std::string> others = in_order;
    others.erase(std::find(others.begin(), others.end(), bucket));
    EXPECT_EQ(describe(refs.referrers(p.resources, b, "aws_s3_bucket", "bucket")), others);
  }
  const size_t v2 = index_of(p, "aws_s3_bucket_versioning.v2");
  EXPECT_EQ(describe(refs.referenced(p.resources, v2, "aws_s3_bucket", "bucket")), in_order);
  EXPECT_TRUE(refs.referenced(p.resources, v2, "aws_s3_bucket_versioning", "bucket").empty());
}

INSTANTIATE_TEST_SUITE_P(TwoSizes, SameNamedBuckets, ::testing::Values(300, 600));

class CountedInstances : public ::testing::TestWithParam<int> {};

// n counted buckets named "x" and n counted policies each referring to
// every bucket through a splat: one link per policy to the instances'
// group and one per bucket to the name group (2n links, not 2n²).
TEST_P(CountedInstances, SplatAndSharedNameAreOneLinkEach) {
  const int n = GetParam();
  const std::string count = std::to_string(n);
  Project p = project_with_main("resource \"aws_s3_bucket\" \"b\" {\n  count  = " + count +
                                "\n  bucket = \"x\"\n}\n"
                                "resource \"aws_s3_bucket_policy\" \"p\" {\n  count  = " +
                                count + "\n  bucket = aws_s3_bucket.b[*].id\n}\n");
  ASSERT_EQ(p.resources.size(), static_cast<size_t>(2 * n));
  const ResourceReferences &refs = p.references;
  EXPECT_EQ(refs.links.size(), static_cast<size_t>(2 * n));
  std::vector<std::string> buckets, policies;
  for (const auto &r : p.resources) (r.type == "aws_s3_bucket" ? buckets : policies).push_back(r.address);
  const size_t last_policy = index_of(p, "aws_s3_bucket_policy.p[" + std::to_string(n - 1) + "]");
  EXPECT_EQ(describe(refs.referenced(p.resources, last_policy, "aws_s3_bucket", "bucket")), buckets);
  const size_t b0 = index_of(p, "aws_s3_bucket.b[0]");
  auto related = refs.referrers(p.resources, b0, "aws_s3_bucket_policy", "bucket");
  EXPECT_EQ(describe(related), policies);
  EXPECT_TRUE(std::all_of(related.begin(), related.end(), [](const auto &r) { return r.certain; }));
}

INSTANTIATE_TEST_SUITE_P(TwoSizes, CountedInstances, ::testing::Values(500, 1000));

}  // namespace
}  // namespace clause

namespace clause {
namespace {

class OpenReferrers : public ::testing::TestWithParam<int> {};

// n buckets and n versioning resources whose `bucket` is unknown (an element
// of a variable without a value): each versioning resource may refer to
// every bucket. The `related` check judges each of them once for all n
// buckets (n judgements; before, each bucket judged all n: n²), and every
// bucket stays undecided, naming the first versioning resource that may
// refer to it and passes (v0 fails its check).
TEST_P(OpenReferrers, JudgedOnceForEveryBucket) {
  const int n = GetParam();
  std::string src = "variable \"names\" {}\n";
  for (int i = 0; i < n; ++i) {
    const std::string k = std::to_string(i);
    src += "resource \"aws_s3_bucket\" \"b" + k + "\" {\n  bucket = var.names[" + k + "]\n}\n";
    src += "resource \"aws_s3_bucket_versioning\" \"v" + k + "\" {\n  bucket = var.names[" + k +
           "]\n  versioning_configuration {\n    status = \"" + (i == 0 ? "Suspended" : "Enabled") +
           "\"\n  }\n}\n";
  }
  Project p = project_with_main(src);
  ASSERT_EQ(p.resources.size(), static_cast<size_t>(2 * n));
  RuleSet rules;
  rules.add(load_rules_from_text(kRule, "test.yaml"));
  Evaluation ev = evaluate_rules(rules, p, EvaluationOptions{true});
  EXPECT_EQ(ev.open_referrers_judged, static_cast<uint64_t>(n));
  EXPECT_TRUE(ev.findings.empty());
  ASSERT_EQ(ev.undecided.size(), static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) {
    const std::string bucket = "aws_s3_bucket.b" + std::to_string(i);
    EXPECT_EQ(ev.undecided[i].resource, bucket);
    EXPECT_EQ(ev.undecided[i].message,
              "CL-0999 could not be decided for " + bucket +
                  ": aws_s3_bucket_versioning.bucket depends on `whether aws_s3_bucket_versioning.v1.bucket "
                  "refers to this resource`, which is not known statically");
  }
}

INSTANTIATE_TEST_SUITE_P(TwoSizes, OpenReferrers, ::testing::Values(300, 600));

// Only v0 may refer to the bucket, and it fails: the check fails, naming it
// (an open referrer decides a failure when nothing else does).
TEST(OpenReferrersOne, FailingOneDecides) {
  Project p = project_with_main(
      "variable \"name\" {}\n"
      "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"x\"\n}\n"
      "resource \"aws_s3_bucket_versioning\" \"v0\" {\n  bucket = var.name\n"
      "  versioning_configuration {\n    status = \"Suspended\"\n  }\n}\n");
  RuleSet rules;
  rules.add(load_rules_from_text(kRule, "test.yaml"));
  Evaluation ev = evaluate_rules(rules, p, EvaluationOptions{true});
  EXPECT_EQ(ev.open_referrers_judged, 1u);
  ASSERT_EQ(ev.findings.size(), 1u);
  EXPECT_EQ(ev.findings[0].message,
            "aws_s3_bucket.b: aws_s3_bucket_versioning.v0 (versioning_configuration.status is Suspended)");
  EXPECT_TRUE(ev.undecided.empty());
}

}  // namespace
}  // namespace clause
