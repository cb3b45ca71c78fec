#pragma once
// Reading a kustomization file (kustomization.yaml, kustomization.yml or
// Kustomization; `kind: Kustomization` or `kind: Component`) into what the
// renderer applies. Only the fields clause renders are read; the others
// that produce or change objects are listed as not rendered.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "checker/model/document.h"

namespace clause::kustomize {

// The file names kustomize looks for in a directory, in its order.
inline constexpr std::string_view kKustomizationNames[] = {"kustomization.yaml", "kustomization.yml",
                                                           "Kustomization"};
bool is_kustomization_file(std::string_view path);

// A string entry (a resource, a component, a patch path) and where it is written.
struct Ref {
  std::string value;
  Span span;
};

// Which objects a patch applies to (`target:`); empty fields match anything.
// `name` and `kind` may be regular expressions, as in kustomize.
struct Selector {
  std::string group, version, kind, name, ns;
  std::string label_selector;  // only `key=value` terms, comma-separated
};

struct PatchRef {
  enum class Form : uint8_t { Any, StrategicMerge, Json6902 };
  Form form = Form::Any;              // Any: decided by the patch's shape
  std::string path;                   // a file, relative to the kustomization's directory
  const Node *inline_text = nullptr;  // or an inline patch (a string)
  Span span;                          // the entry, for messages
  std::optional<Selector> target;
};

// A set of labels (`commonLabels` or one `labels:` entry).
struct LabelSet {
  const Node *pairs = nullptr;  // map of label -> value
  bool selectors = false;       // also into selectors
  bool templates = false;       // also into pod template labels
};

struct ImageRule {
  std::string name;
  const MapEntry *new_name = nullptr, *new_tag = nullptr, *digest = nullptr;
};

struct ReplicaRule {
  std::string name;
  const MapEntry *count = nullptr;
};

struct Kustomization {
  const Document *document = nullptr;
  std::string directory;  // relative to the scan root, "" for the root
  Span span;              // the root map
  bool component = false;
  std::vector<Ref> resources;  // `resources` and the older `bases`
  std::vector<Ref> components;
  std::vector<PatchRef> patches;       // patchesStrategicMerge, then patches (kustomize's order)
  std::vector<PatchRef> json_patches;  // patchesJson6902, applied after labels and annotations
  std::vector<LabelSet> labels;
  const Node *annotations = nullptr;
  const MapEntry *ns = nullptr, *name_prefix = nullptr, *name_suffix = nullptr;
  std::vector<ImageRule> images;
  std::vector<ReplicaRule> replicas;
  std::vector<Ref> not_rendered;  // fields that generate or transform objects: name and where
};

// Reads the first map of `doc` as a kustomization of `directory`.
Kustomization read_kustomization(const Document &doc, std::string directory);

// A remote base (a URL or a `host/org/repo` git reference): never fetched.
bool is_remote(std::string_view ref);

}  // namespace clause::kustomize
