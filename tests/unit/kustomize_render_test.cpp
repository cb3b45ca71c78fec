// The kustomize renderer's parts: strategic merge (list merge keys,
// `$patch: delete`, null), JSON patches, and a rendering through a
// kustomization with namePrefix, images, commonLabels, namespace, replicas.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "checker/kustomize/json_patch.h"
#include "checker/kustomize/renderer.h"
#include "checker/kustomize/strategic_merge.h"
#include "checker/kustomize/transformers.h"
#include "tests/unit/yaml_test_support.h"

namespace clause {
namespace {

using kustomize::Origins;
using kustomize::PatchSource;

const Node *at(const Node &root, std::initializer_list<std::string_view> path) {
  const Node *n = &root;
  for (std::string_view k : path) {
    if (!n) return nullptr;
    if (n->is_list()) {
      n = &n->items.at(static_cast<size_t>(std::stoul(std::string(k))));
    } else {
      n = n->get(k);
    }
  }
  return n;
}

std::string text(const Node &root, std::initializer_list<std::string_view> path) {
  const Node *n = at(root, path);
  return n && n->is_scalar() ? n->scalar_text() : "<absent>";
}

const char *kDeployment =
    "apiVersion: apps/v1\n"
    "kind: Deployment\n"
    "metadata:\n"
    "  name: web\n"
    "spec:\n"
    "  replicas: 1\n"
    "  selector:\n"
    "    matchLabels: {app: web}\n"
    "  template:\n"
    "    metadata:\n"
    "      labels: {app: web}\n"
    "    spec:\n"
    "      volumes:\n"
    "        - {name: cache, emptyDir: {}}\n"
    "        - {name: tmp, emptyDir: {}}\n"
    "      containers:\n"
    "        - name: app\n"
    "          image: nginx:1.25\n"
    "          env:\n"
    "            - {name: A, value: '1'}\n"
    "            - {name: B, value: '2'}\n"
    "          ports:\n"
    "            - {containerPort: 80, name: http}\n"
    "          volumeMounts:\n"
    "            - {mountPath: /cache, name: cache}\n"
    "          resources:\n"
    "            limits: {memory: 1Gi}\n"
    "        - name: sidecar\n"
    "          image: envoy:1.0\n";

TEST(KustomizeStrategicMerge, MergesListsByTheirKeys) {
  Document base = testing::parse_valid_yaml(kDeployment, "base.yaml", DocKind::Kubernetes);
  Document patch = testing::parse_valid_yaml(
      "kind: Deployment\n"
      "metadata: {name: web}\n"
      "spec:\n"
      "  template:\n"
      "    spec:\n"
      "      volumes:\n"
      "        - {name: data, emptyDir: {}}\n"
      "      containers:\n"
      "        - name: app\n"
      "          env:\n"
      "            - {name: B, value: '20'}\n"
      "            - {name: C, value: '3'}\n"
      "          ports:\n"
      "            - {containerPort: 80, protocol: TCP}\n"
      "          volumeMounts:\n"
      "            - {mountPath: /cache, readOnly: true}\n"
      "        - name: new\n"
      "          image: busybox\n",
      "patch.yaml", DocKind::Kubernetes);
  Origins origins;
  Node target = base.roots[0];
  ASSERT_TRUE(kustomize::strategic_merge(target, patch.roots[0], PatchSource(origins, patch)));
  const Node &pod = *at(target, {"spec", "template", "spec"});
  ASSERT_EQ(at(pod, {"volumes"})->items.size(), 3u);
  EXPECT_EQ(text(pod, {"volumes", "2", "name"}), "data");
  ASSERT_EQ(at(pod, {"containers"})->items.size(), 3u);
  EXPECT_EQ(text(pod, {"containers", "0", "image"}), "nginx:1.25");  // merged, not replaced
  EXPECT_EQ(text(pod, {"containers", "2", "name"}), "new");
  const Node &env = *at(pod, {"containers", "0", "env"});
  ASSERT_EQ(env.items.size(), 3u);
  EXPECT_EQ(text(env, {"0", "value"}), "1");
  EXPECT_EQ(text(env, {"1", "value"}), "20");
  EXPECT_EQ(text(env, {"2", "name"}), "C");
  EXPECT_EQ(at(pod, {"containers", "0", "ports"})->items.size(), 1u);
  EXPECT_EQ(text(pod, {"containers", "0", "ports", "0", "protocol"}), "TCP");
  EXPECT_EQ(text(pod, {"containers", "0", "ports", "0", "name"}), "http");
  EXPECT_EQ(text(pod, {"containers", "0", "volumeMounts", "0", "readOnly"}), "true");
  EXPECT_EQ(text(pod, {"containers", "0", "volumeMounts", "0", "name"}), "cache");
  // Values the patch wrote are tagged with the patch; the base's are not.
  const Node *b = at(env, {"1", "value"});
  EXPECT_EQ(origins.table().at(b->origin - 1).document, &patch);
  EXPECT_EQ(b->span.start_line, 11u);
  EXPECT_EQ(at(env, {"0", "value"})->origin, 0u);
}

TEST(KustomizeStrategicMerge, DeletesWithPatchDeleteAndNull) {
  Document base = testing::parse_valid_yaml(kDeployment, "base.yaml", DocKind::Kubernetes);
  Document patch = testing::parse_valid_yaml(
      "kind: Deployment\n"
      "metadata: {name: web}\n"
      "spec:\n"
      "  replicas: null\n"
      "  template:\n"
      "    spec:\n"
      "      volumes:\n"
      "        - {name: tmp, $patch: delete}\n"
      "      containers:\n"
      "        - name: sidecar\n"
      "          $patch: delete\n"
      "        - name: app\n"
      "          resources:\n"
      "            $patch: delete\n",
      "patch.yaml", DocKind::Kubernetes);
  Origins origins;
  Node target = base.roots[0];
  ASSERT_TRUE(kustomize::strategic_merge(target, patch.roots[0], PatchSource(origins, patch)));
  EXPECT_EQ(at(target, {"spec", "replicas"}), nullptr);
  const Node &pod = *at(target, {"spec", "template", "spec"});
  ASSERT_EQ(at(pod, {"volumes"})->items.size(), 1u);
  EXPECT_EQ(text(pod, {"volumes", "0", "name"}), "cache");
  ASSERT_EQ(at(pod, {"containers"})->items.size(), 1u);
  const Node &app = *at(pod, {"containers", "0"});
  EXPECT_EQ(app.get("resources"), nullptr);
  // The container now stands changed at the patch's `resources:` line.
  ASSERT_NE(app.origin, 0u);
  const NodeOrigin &o = origins.table().at(app.origin - 1);
  EXPECT_EQ(o.document, &patch);
  EXPECT_EQ(o.span.start_line, 13u);
  // `$patch: delete` at the top removes the object.
  Document gone = testing::parse_valid_yaml("kind: Deployment\nmetadata: {name: web}\n$patch: delete\n",
                                            "p.yaml", DocKind::Kubernetes);
  EXPECT_FALSE(kustomize::strategic_merge(target, gone.roots[0], PatchSource(origins, gone)));
}

TEST(KustomizeJsonPatch, AppliesEveryOperation) {
  Document base = testing::parse_valid_yaml(kDeployment, "base.yaml", DocKind::Kubernetes);
  Document ops = testing::parse_valid_yaml(
      "- op: add\n"
      "  path: /spec/template/spec/containers/0/env/-\n"
      "  value: {name: D, value: '4'}\n"
      "- op: replace\n"
      "  path: /spec/replicas\n"
      "  value: 2\n"
      "- op: remove\n"
      "  path: /spec/template/spec/containers/0/resources\n"
      "- op: copy\n"
      "  from: /metadata/name\n"
      "  path: /metadata/labels~1copy\n"
      "- op: move\n"
      "  from: /spec/template/spec/containers/1\n"
      "  path: /spec/template/spec/initContainers\n"
      "- op: test\n"
      "  path: /spec/replicas\n"
      "  value: 2\n",
      "ops.yaml", DocKind::Unknown);
  Origins origins;
  Node target = base.roots[0];
  EXPECT_EQ(kustomize::apply_json_patch(target, ops.roots[0], PatchSource(origins, ops)), "");
  EXPECT_EQ(text(target, {"spec", "template", "spec", "containers", "0", "env", "2", "name"}), "D");
  const MapEntry *replicas = at(target, {"spec"})->entry("replicas");
  ASSERT_NE(replicas, nullptr);
  EXPECT_EQ(replicas->value.scalar_text(), "2");
  EXPECT_EQ(replicas->key_span.start_line, 6u);  // the op's `value:` key, in ops.yaml
  EXPECT_EQ(origins.table().at(replicas->value.origin - 1).document, &ops);
  const Node &app = *at(target, {"spec", "template", "spec", "containers", "0"});
  EXPECT_EQ(app.get("resources"), nullptr);
  EXPECT_EQ(origins.table().at(app.origin - 1).span.start_line, 8u);  // the remove's `path:`
  EXPECT_EQ(text(target, {"metadata", "labels/copy"}), "web");
  EXPECT_EQ(at(target, {"spec", "template", "spec", "containers"})->items.size(), 1u);
  EXPECT_EQ(text(target, {"spec", "template", "spec", "initContainers", "name"}), "sidecar");

  Document bad =
      testing::parse_valid_yaml("- {op: remove, path: /spec/nothing/here}\n", "bad.yaml", DocKind::Unknown);
  EXPECT_EQ(kustomize::apply_json_patch(target, bad.roots[0], PatchSource(origins, bad)),
            "the JSON patch operation 'remove' on /spec/nothing/here does not apply");
}

// Files in memory, by path.
class MemoryFiles final : public kustomize::FileSource {
 public:
  void add(const std::string &path, const std::string &yaml) {
    docs_[path] = testing::parse_valid_yaml(yaml, path, DocKind::Unknown);
  }
  const Document *document(const std::string &path) override {
    auto it = docs_.find(path);
    return it == docs_.end() ? nullptr : &it->second;
  }
  bool is_directory(const std::string &path) override {
    for (const auto &[p, _] : docs_)
      if (p.starts_with(path + "/")) return true;
    return false;
  }

 private:
  std::map<std::string, Document> docs_;
};

TEST(KustomizeRenderer, AppliesTransformersThroughAnOverlay) {
  MemoryFiles files;
  files.add("base/kustomization.yaml", "resources: [deploy.yaml, hpa.yaml, ns.yaml]\n");
  files.add("base/deploy.yaml", kDeployment);
  files.add("base/hpa.yaml",
            "apiVersion: autoscaling/v2\n"
            "kind: HorizontalPodAutoscaler\n"
            "metadata: {name: web}\n"
            "spec:\n"
            "  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n"
            "  maxReplicas: 4\n");
  files.add("base/ns.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n");
  files.add("prod/kustomization.yaml",
            "resources:\n"
            "  - ../base\n"
            "  - https://github.com/org/repo//deploy?ref=v1\n"
            "namePrefix: prod-\n"
            "namespace: shop\n"
            "commonLabels:\n"
            "  team: payments\n"
            "images:\n"
            "  - name: nginx\n"
            "    newName: registry.local/nginx\n"
            "    newTag: '1.27'\n"
            "replicas:\n"
            "  - name: web\n"
            "    count: 3\n"
            "configMapGenerator:\n"
            "  - name: settings\n");
  kustomize::Renderer renderer(files);
  Origins origins;
  std::vector<kustomize::Object> objects = renderer.render("prod", origins);
  ASSERT_EQ(objects.size(), 3u);
  const Node &d = objects[0].body;
  EXPECT_EQ(objects[0].document->path, "base/deploy.yaml");
  EXPECT_EQ(text(d, {"metadata", "name"}), "prod-web");
  EXPECT_EQ(text(d, {"metadata", "namespace"}), "shop");
  EXPECT_EQ(text(d, {"metadata", "labels", "team"}), "payments");
  EXPECT_EQ(text(d, {"spec", "selector", "matchLabels", "team"}), "payments");
  EXPECT_EQ(text(d, {"spec", "selector", "matchLabels", "app"}), "web");
  EXPECT_EQ(text(d, {"spec", "template", "metadata", "labels", "team"}), "payments");
  EXPECT_EQ(text(d, {"spec", "template", "spec", "containers", "0", "image"}), "registry.local/nginx:1.27");
  EXPECT_EQ(text(d, {"spec", "template", "spec", "containers", "1", "image"}), "envoy:1.0");
  EXPECT_EQ(text(d, {"spec", "replicas"}), "3");
  // The image is written at the kustomization's newTag line.
  const Node *image = at(d, {"spec", "template", "spec", "containers", "0", "image"});
  EXPECT_EQ(origins.table().at(image->origin - 1).document->path, "prod/kustomization.yaml");
  EXPECT_EQ(image->span.start_line, 11u);
  // The autoscaler follows its renamed target; a Namespace keeps its name
  // and gets no namespace.
  EXPECT_EQ(text(objects[1].body, {"spec", "scaleTargetRef", "name"}), "prod-web");
  EXPECT_EQ(text(objects[2].body, {"metadata", "name"}), "shop");
  EXPECT_EQ(text(objects[2].body, {"metadata", "namespace"}), "<absent>");
  EXPECT_EQ(renderer.resource_files(),
            (std::set<std::string>{"base/deploy.yaml", "base/hpa.yaml", "base/ns.yaml"}));
  // Remote bases and generators are noted, never guessed.
  std::vector<FileDiagnostic> notes = renderer.take_notes();
  ASSERT_EQ(notes.size(), 2u);
  EXPECT_EQ(notes[0].path, "prod/kustomization.yaml");
  EXPECT_EQ(notes[0].diagnostic.code, "kustomize-not-rendered");
  EXPECT_EQ(notes[0].diagnostic.span.start_line, 15u);
  EXPECT_EQ(notes[1].diagnostic.code, "kustomize-remote");
  EXPECT_EQ(
      notes[1].diagnostic.message,
      "remote base 'https://github.com/org/repo//deploy?ref=v1' is not fetched (clause works offline): its "
      "objects are not judged");
  EXPECT_TRUE(renderer.take_warnings().empty());
}

TEST(KustomizeRenderer, InlinePatchesPointIntoTheKustomization) {
  MemoryFiles files;
  files.add("app/deploy.yaml", kDeployment);
  files.add("app/kustomization.yaml",
            "resources: [deploy.yaml]\n"
            "patches:\n"
            "  - target: {kind: Deployment, name: w.*}\n"
            "    patch: |-\n"
            "      - op: replace\n"
            "        path: /spec/template/spec/containers/0/image\n"
            "        value: nginx:latest\n"
            "  - patch: |-\n"
            "      kind: Deployment\n"
            "      metadata: {name: web}\n"
            "      spec:\n"
            "        replicas: 5\n"
            "  - path: missing.yaml\n");
  kustomize::Renderer renderer(files);
  Origins origins;
  std::vector<kustomize::Object> objects = renderer.render("app", origins);
  ASSERT_EQ(objects.size(), 1u);
  const Node *image = at(objects[0].body, {"spec", "template", "spec", "containers", "0", "image"});
  ASSERT_NE(image, nullptr);
  EXPECT_EQ(image->text, "nginx:latest");
  EXPECT_EQ(origins.table().at(image->origin - 1).document->path, "app/kustomization.yaml");
  EXPECT_EQ(image->span.start_line, 7u);
  EXPECT_EQ(image->span.start_col, 16u);
  const MapEntry *replicas = at(objects[0].body, {"spec"})->entry("replicas");
  EXPECT_EQ(replicas->value.scalar_text(), "5");
  EXPECT_EQ(replicas->key_span.start_line, 12u);
  EXPECT_EQ(replicas->key_span.start_col, 9u);
  std::vector<FileDiagnostic> warnings = renderer.take_warnings();
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].diagnostic.message, "patch 'missing.yaml' was not found in the scan");
  EXPECT_EQ(warnings[0].diagnostic.span.start_line, 13u);
}

TEST(KustomizePaths, JoinsAndStaysInsideTheRoot) {
  std::string out;
  EXPECT_TRUE(kustomize::join_path("a/b", "../c/./d", out));
  EXPECT_EQ(out, "a/c/d");
  EXPECT_TRUE(kustomize::join_path("", "base", out));
  EXPECT_EQ(out, "base");
  EXPECT_FALSE(kustomize::join_path("a", "../../x", out));
  EXPECT_EQ(kustomize::split_image("registry:5000/team/app:1.2@sha256:ab").name, "registry:5000/team/app");
  EXPECT_EQ(kustomize::split_image("registry:5000/team/app").tag, "");
}

}  // namespace
}  // namespace clause
