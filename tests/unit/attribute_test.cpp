#include "checker/model/attribute.h"

#include <gtest/gtest.h>

#include "checker/model/unknown.h"
#include "tests/unit/hcl_test_support.h"
#include "tests/unit/yaml_test_support.h"

namespace clause {
namespace {

const char *const kCluster =
    "resource \"azurerm_kubernetes_cluster\" \"k\" {\n"
    "  default_node_pool {\n"
    "    min_count = 2\n"
    "    max_count = var.max\n"
    "  }\n"
    "  network = var.net\n"
    "  dynamic \"identity\" {\n"
    "    for_each = var.ids\n"
    "    content {}\n"
    "  }\n"
    "  flag = \"true\"\n"
    "  empty = null\n"
    "}\n";

TEST(Attribute, NestedBlockFirstElementWithKeyAndValueSpan) {
  Document d = testing::parse_hcl_text(kCluster);
  ASSERT_TRUE(d.diagnostics.empty());
  const Node *body = &d.blocks.at(0).body;
  Attribute min = read_attribute(body, "default_node_pool.min_count", kBlocksAndDynamic);
  ASSERT_TRUE(min.known());
  EXPECT_EQ(min.as_number(), 2.0);
  EXPECT_EQ(min.as_string(), "2");
  Span s = min.span_or(Span{});
  EXPECT_EQ(s.start_line, 3u);
  EXPECT_EQ(s.start_col, 5u);
  EXPECT_EQ(s.end_line, 3u);
  EXPECT_EQ(s.end_col, 18u);
  EXPECT_EQ(min.key_to_node_span_or(Span{}), s);
}

TEST(Attribute, ExpressionsAreUnknownOnTheWayAndAtTheEnd) {
  Document d = testing::parse_hcl_text(kCluster);
  const Node *body = &d.blocks.at(0).body;
  Attribute max = read_attribute(body, "default_node_pool.max_count", kBlocksAndDynamic);
  EXPECT_TRUE(max.unknown());
  EXPECT_EQ(max.blocked_by(), "var.max");
  EXPECT_FALSE(max.as_number());
  Attribute below = read_attribute(body, "network.subnet.id", kFirstElement);
  EXPECT_TRUE(below.unknown());
  EXPECT_EQ(below.blocked_by(), "var.net");
}

TEST(Attribute, DynamicBlockIsUnknownOnlyWhenAsked) {
  Document d = testing::parse_hcl_text(kCluster);
  const Node *body = &d.blocks.at(0).body;
  Attribute dyn = read_attribute(body, "identity.type", kBlocksAndDynamic);
  ASSERT_TRUE(dyn.unknown());
  ASSERT_NE(dyn.entry, nullptr);
  EXPECT_EQ(dyn.entry->key, "dynamic");
  EXPECT_EQ(dyn.key_to_node_span_or(Span{}).start_line, 7u);
  EXPECT_TRUE(read_attribute(body, "identity.type", kFirstElement).absent());
  std::vector<PathHit> hits;
  std::string error;
  attribute_hits(*body, *parse_attribute_path("identity", error), kEachElement, hits);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_TRUE(hits[0].through_unknown);
}

TEST(Attribute, NullAndMissingAreAbsentAndStringsSpellValues) {
  Document d = testing::parse_hcl_text(kCluster);
  const Node *body = &d.blocks.at(0).body;
  EXPECT_TRUE(read_attribute(body, "empty", kFirstElement).absent());
  EXPECT_TRUE(read_attribute(body, "nothing.here", kBlocksAndDynamic).absent());
  EXPECT_TRUE(read_attribute(nullptr, "flag", kFirstElement).absent());
  EXPECT_TRUE(read_attribute(body, "bad[", kFirstElement).absent());
  EXPECT_EQ(read_attribute(body, "flag", kFirstElement).as_bool(), true);
  Span fallback{1, 1, 1, 10, 0, 9};
  EXPECT_EQ(read_attribute(body, "nothing", kFirstElement).span_or(fallback), fallback);
  EXPECT_EQ(read_attribute(body, "nothing", kFirstElement).key_to_node_span_or(fallback), fallback);
}

const char *const kTemplate =
    "Properties:\n"
    "  Rules:\n"
    "    - Id: a\n"
    "      Days: \"30\"\n"
    "    - Id: b\n"
    "      Days: \" 0x1E\"\n"
    "  Enabled: {\"Fn::If\": [Prod, true, false]}\n"
    "  Labels:\n"
    "    app.kubernetes.io/name: web\n";

TEST(Attribute, ListPoliciesAreExplicit) {
  Document d = testing::parse_yaml_text(kTemplate);
  ASSERT_EQ(d.roots.size(), 1u);
  const Node *root = &d.roots[0];
  // The first element of any list, or only of nested blocks (YAML has none).
  EXPECT_EQ(read_attribute(root, "Properties.Rules.Id", kFirstElement).as_string(), "a");
  EXPECT_TRUE(read_attribute(root, "Properties.Rules.Id", kBlocksAndDynamic).absent());
  EXPECT_TRUE(read_attribute(root, "Properties.Rules.Id", kPlainMaps).absent());
  EXPECT_EQ(read_attribute(root, "Properties.Rules[1].Id", kPlainMaps).as_string(), "b");
  std::vector<PathHit> hits;
  std::string error;
  attribute_hits(*root, *parse_attribute_path("Properties.Rules.Id", error), kEachElement, hits);
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(hits[1].node->text, "b");
  EXPECT_EQ(read_attribute(root, "Properties.Rules", kFirstElement).elements().size(), 2u);
  EXPECT_EQ(read_attribute(root, "Properties.Labels", kFirstElement).elements().size(), 1u);
  EXPECT_TRUE(read_attribute(root, "Properties.Rules.Id", kFirstElement).elements().empty());
  EXPECT_EQ(read_attribute(root, "Properties.Labels.\"app.kubernetes.io/name\"", kPlainMaps).as_string(),
            "web");
}

TEST(Attribute, NumbersStrictOrAsStrtodReadsThem) {
  Document d = testing::parse_yaml_text(kTemplate);
  const Node *root = &d.roots[0];
  Attribute thirty = read_attribute(root, "Properties.Rules[0].Days", kPlainMaps);
  EXPECT_EQ(thirty.as_number(), 30.0);
  EXPECT_EQ(thirty.as_c_number(), 30.0);
  Attribute hex = read_attribute(root, "Properties.Rules[1].Days", kPlainMaps);
  EXPECT_FALSE(hex.as_number());
  EXPECT_EQ(hex.as_c_number(), 30.0);
}

TEST(Attribute, IntrinsicsAreUnknownUnlessThePathNamesThem) {
  Document d = testing::parse_yaml_text(kTemplate);
  const Node *root = &d.roots[0];
  Attribute enabled = read_attribute(root, "Properties.Enabled", kFirstElement);
  EXPECT_TRUE(enabled.unknown());
  EXPECT_EQ(enabled.blocked_by(), "Fn::If Prod true false");
  EXPECT_TRUE(read_attribute(root, "Properties.Enabled.Value", kFirstElement).unknown());
  Attribute named = read_attribute(root, "Properties.Enabled.\"Fn::If\"[0]", kPlainMaps);
  EXPECT_TRUE(named.known());
  EXPECT_EQ(named.as_string(), "Prod");
}

TEST(Attribute, PlainMapsLocateEmptyKeysAndKnowNoUnknowns) {
  Document d = testing::parse_yaml_text(
      "termination:\n"
      "  transition:\n"
      "metadata: {Ref: Name}\n"
      "a.b: 1\n");
  const Node *root = &d.roots.at(0);
  Attribute empty = read_attribute(root, "termination.transition", kPlainMaps);
  EXPECT_TRUE(empty.absent());
  EXPECT_FALSE(empty.present());
  ASSERT_NE(empty.entry, nullptr);
  EXPECT_EQ(empty.span_or(Span{}).start_line, 2u);
  EXPECT_EQ(read_attribute(root, "termination.transition", kFirstElement).entry, nullptr);
  EXPECT_TRUE(read_attribute(root, "termination.transition.period", kPlainMaps).absent());
  Attribute ref = read_entry(root, "metadata", kPlainMaps);
  EXPECT_TRUE(ref.known());
  EXPECT_TRUE(ref.is_map());
  EXPECT_TRUE(read_entry(ref, "Ref", kPlainMaps).known());
  EXPECT_TRUE(read_entry(root, "metadata", kFirstElement).unknown());
  EXPECT_EQ(read_entry(root, "a.b", kPlainMaps).text(), "1");
  EXPECT_TRUE(read_attribute(root, "a.b", kPlainMaps).absent());
  EXPECT_TRUE(read_entry(nullptr, "a", kPlainMaps).absent());
  EXPECT_TRUE(read_entry(root, "a.b", kPlainMaps).items().empty());
}

TEST(Unknown, IntrinsicTargetNamesTheLogicalId) {
  Document d = testing::parse_yaml_text(
      "- {Ref: Bucket}\n"
      "- {\"Fn::GetAtt\": [Queue, Arn]}\n"
      "- {\"Fn::GetAtt\": Topic.Name}\n"
      "- {\"Fn::Sub\": \"${Bucket}\"}\n"
      "- {Ref: [x]}\n"
      "- {Ref: Bucket, Other: 1}\n");
  ASSERT_EQ(d.roots.size(), 1u);
  const auto &items = d.roots[0].items;
  ASSERT_EQ(items.size(), 6u);
  EXPECT_EQ(intrinsic_target(items[0]), "Bucket");
  EXPECT_EQ(intrinsic_target(items[1]), "Queue");
  EXPECT_EQ(intrinsic_target(items[2]), "Topic");
  EXPECT_EQ(intrinsic_target(items[3]), std::nullopt);
  EXPECT_EQ(intrinsic_target(items[4]), std::nullopt);
  EXPECT_EQ(intrinsic_target(items[5]), std::nullopt);
}

TEST(AttributePath, ParsesAndPrintsBack) {
  std::string error;
  auto p = parse_attribute_path("metadata.labels.\"app.kubernetes.io/name\"[2].x", error);
  ASSERT_TRUE(p);
  ASSERT_EQ(p->size(), 5u);
  EXPECT_EQ((*p)[2].key, "app.kubernetes.io/name");
  EXPECT_EQ((*p)[3].index, 2u);
  EXPECT_EQ(path_to_string(*p), "metadata.labels.\"app.kubernetes.io/name\"[2].x");
  EXPECT_FALSE(parse_attribute_path("a.", error));
  EXPECT_EQ(error, "trailing '.' in attribute path 'a.'");
  EXPECT_FALSE(parse_attribute_path("a[x]", error));
  EXPECT_EQ(error, "index must be a number in attribute path 'a[x]'");
}

}  // namespace
}  // namespace clause
