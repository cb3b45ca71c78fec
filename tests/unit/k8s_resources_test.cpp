#include "parsers/kubernetes/k8s_resources.h"

#include <gtest/gtest.h>

#include "tests/unit/yaml_test_support.h"

namespace clause {
namespace {

Document parse(const std::string &source) {
  return testing::parse_valid_yaml(source, "k8s.yaml", DocKind::Kubernetes);
}

TEST(K8sResources, AddressesAndSpans) {
  Document doc = parse(
      "apiVersion: apps/v1\n"
      "kind: Deployment\n"
      "metadata:\n"
      "  name: web\n"
      "---\n"
      "apiVersion: v1\n"
      "kind: Service\n"
      "metadata: {name: web, namespace: shop}\n"
      "---\n"
      "apiVersion: v1\n"
      "kind: Namespace\n"
      "metadata:\n"
      "  name: shop\n");
  std::vector<Resource> rs = kubernetes_resources(doc);
  ASSERT_EQ(rs.size(), 3u);
  EXPECT_EQ(rs[0].address, "Deployment/default/web");
  EXPECT_EQ(rs[0].type, "Deployment");
  EXPECT_EQ(rs[0].name, "web");
  EXPECT_EQ(rs[0].provider, ProviderFamily::Kubernetes);
  EXPECT_EQ(rs[0].format, DocKind::Kubernetes);
  EXPECT_EQ(rs[0].span.start_line, 2u);
  EXPECT_EQ(rs[0].span.start_col, 7u);
  EXPECT_EQ(rs[0].span.end_col, 17u);
  EXPECT_EQ(rs[0].body, &doc.roots[0]);
  EXPECT_EQ(rs[1].address, "Service/shop/web");
  EXPECT_EQ(rs[2].address, "Namespace/shop");
}

TEST(K8sResources, ListKindsExpandTheirItems) {
  Document doc = parse(
      "apiVersion: v1\n"
      "kind: List\n"
      "items:\n"
      "  - apiVersion: v1\n"
      "    kind: ConfigMap\n"
      "    metadata: {name: a}\n"
      "  - apiVersion: v1\n"
      "    kind: Secret\n"
      "    metadata: {name: b, namespace: x}\n"
      "---\n"
      "apiVersion: v1\n"
      "kind: PodList\n"
      "items:\n"
      "  - kind: Pod\n"
      "    metadata: {name: p}\n");
  std::vector<Resource> rs = kubernetes_resources(doc);
  ASSERT_EQ(rs.size(), 3u);
  EXPECT_EQ(rs[0].address, "ConfigMap/default/a");
  EXPECT_EQ(rs[0].span.start_line, 5u);
  EXPECT_EQ(rs[1].address, "Secret/x/b");
  EXPECT_EQ(rs[2].address, "Pod/default/p");
}

TEST(K8sResources, PodSpecOfEachWorkloadKind) {
  Document doc = parse(
      "apiVersion: batch/v1\n"
      "kind: CronJob\n"
      "metadata: {name: nightly}\n"
      "spec:\n"
      "  schedule: '0 1 * * *'\n"
      "  jobTemplate:\n"
      "    spec:\n"
      "      template:\n"
      "        spec:\n"
      "          containers:\n"
      "            - name: job\n"
      "              image: busybox\n"
      "---\n"
      "apiVersion: v1\n"
      "kind: Pod\n"
      "metadata: {name: p}\n"
      "spec: {containers: []}\n"
      "---\n"
      "apiVersion: apps/v1\n"
      "kind: StatefulSet\n"
      "metadata: {name: s}\n"
      "spec:\n"
      "  template:\n"
      "    spec: {hostNetwork: true}\n"
      "---\n"
      "apiVersion: v1\n"
      "kind: ConfigMap\n"
      "metadata: {name: c}\n");
  std::vector<Resource> rs = kubernetes_resources(doc);
  ASSERT_EQ(rs.size(), 4u);
  const Node *cron = pod_spec(rs[0]);
  ASSERT_NE(cron, nullptr);
  EXPECT_EQ(cron->get("containers")->items[0].get("image")->text, "busybox");
  EXPECT_EQ(cron->span.start_line, 10u);
  const Node *pod = pod_spec(rs[1]);
  ASSERT_NE(pod, nullptr);
  EXPECT_TRUE(pod->get("containers")->is_list());
  const Node *sts = pod_spec(rs[2]);
  ASSERT_NE(sts, nullptr);
  EXPECT_TRUE(sts->get("hostNetwork")->boolean);
  EXPECT_EQ(pod_spec(rs[3]), nullptr);
}

TEST(K8sResources, ObjectsWithoutKindAreSkipped) {
  Document doc = parse("apiVersion: v1\nmetadata: {name: x}\n---\n- a\n");
  EXPECT_TRUE(kubernetes_resources(doc).empty());
}

}  // namespace
}  // namespace clause
