#include "checker/kustomize/transformers.h"

#include "parsers/kubernetes/k8s_resources.h"

namespace clause::kustomize {
namespace {

bool is_workload_with_selector(const std::string &kind) {
  return kind == "Deployment" || kind == "ReplicaSet" || kind == "DaemonSet" || kind == "StatefulSet";
}

bool has_pod_template(const std::string &kind) {
  return is_workload_with_selector(kind) || kind == "Job" || kind == "ReplicationController";
}

// Sets `key` of `map` to `value` (whose spans are in the kustomization file,
// like `key_span`), tagged `origin`.
void set_entry(Node &map, const std::string &key, const Node &value, const Span &key_span, uint32_t origin) {
  Node copy = value;
  tag_tree(copy, origin);
  for (MapEntry &e : map.entries) {
    if (e.key != key) continue;
    e.value = std::move(copy);
    e.key_span = key_span;
    return;
  }
  map.entries.push_back(MapEntry{key, key_span, std::move(copy)});
}

void merge_pairs(Node *target, const Node &pairs, uint32_t origin) {
  if (!target) return;
  for (const MapEntry &e : pairs.entries) set_entry(*target, e.key, e.value, e.key_span, origin);
}

Node *existing_map(Node &root, std::initializer_list<std::string_view> path) {
  Node *n = &root;
  for (std::string_view key : path) {
    n = n->is_map() ? n->get(key) : nullptr;
    if (!n) return nullptr;
  }
  return n->is_map() ? n : nullptr;
}

void add_labels(Object &o, const LabelSet &set, uint32_t origin) {
  const std::string kind = o.kind();
  merge_pairs(map_at(o.body, {"metadata", "labels"}, origin), *set.pairs, origin);
  if (set.selectors) {
    if (is_workload_with_selector(kind))
      merge_pairs(map_at(o.body, {"spec", "selector", "matchLabels"}, origin), *set.pairs, origin);
    else if (kind == "ReplicationController")
      merge_pairs(map_at(o.body, {"spec", "selector"}, origin), *set.pairs, origin);
    else if (kind == "Service")
      merge_pairs(existing_map(o.body, {"spec", "selector"}), *set.pairs, origin);
    else if (kind == "PodDisruptionBudget")
      merge_pairs(existing_map(o.body, {"spec", "selector", "matchLabels"}), *set.pairs, origin);
  }
  if (set.templates) {
    if (has_pod_template(kind))
      merge_pairs(map_at(o.body, {"spec", "template", "metadata", "labels"}, origin), *set.pairs, origin);
    else if (kind == "CronJob")
      merge_pairs(map_at(o.body, {"spec", "jobTemplate", "spec", "template", "metadata", "labels"}, origin),
                  *set.pairs, origin);
  }
}

void add_annotations(Object &o, const Node &pairs, uint32_t origin) {
  const std::string kind = o.kind();
  merge_pairs(map_at(o.body, {"metadata", "annotations"}, origin), pairs, origin);
  if (has_pod_template(kind))
    merge_pairs(map_at(o.body, {"spec", "template", "metadata", "annotations"}, origin), pairs, origin);
  else if (kind == "CronJob")
    merge_pairs(
        map_at(o.body, {"spec", "jobTemplate", "spec", "template", "metadata", "annotations"}, origin), pairs,
        origin);
}

// A renamed workload keeps its autoscaler: scaleTargetRef follows the name.
void follow_rename(std::vector<Object> &objects, const std::string &kind, const std::string &from,
                   const std::string &to) {
  for (Object &o : objects) {
    if (o.kind() != "HorizontalPodAutoscaler") continue;
    Node *ref = existing_map(o.body, {"spec", "scaleTargetRef"});
    if (!ref) continue;
    const Node *k = ref->get("kind");
    Node *n = ref->get("name");
    if (k && k->is_string() && k->text == kind && n && n->is_string() && n->text == from) n->text = to;
  }
}

void rename(std::vector<Object> &objects, const Kustomization &k, Origins &origins) {
  const std::string prefix = k.name_prefix ? k.name_prefix->value.text : "";
  const std::string suffix = k.name_suffix ? k.name_suffix->value.text : "";
  if (prefix.empty() && suffix.empty()) return;
  const MapEntry *where = k.name_prefix ? k.name_prefix : k.name_suffix;
  const uint32_t origin = origins.add(k.document, where->key_span);
  struct Renamed {
    std::string kind, from, to;
  };
  std::vector<Renamed> renamed;
  for (Object &o : objects) {
    const std::string kind = o.kind();
    if (kind == "CustomResourceDefinition" || kind == "Namespace") continue;
    Node *metadata = existing_map(o.body, {"metadata"});
    Node *name = metadata ? metadata->get("name") : nullptr;
    if (!name || !name->is_string() || name->text.empty()) continue;
    o.previous_names.push_back(name->text);
    const std::string to = prefix + name->text + suffix;
    renamed.push_back(Renamed{kind, name->text, to});
    name->text = to;
    name->origin = origin;
  }
  for (const Renamed &r : renamed) follow_rename(objects, r.kind, r.from, r.to);
}

void set_namespace(std::vector<Object> &objects, const Kustomization &k, Origins &origins) {
  if (!k.ns) return;
  const uint32_t origin = origins.add(k.document);
  for (Object &o : objects) {
    if (is_cluster_scoped_kind(o.kind())) continue;
    if (Node *metadata = map_at(o.body, {"metadata"}, origin))
      set_entry(*metadata, "namespace", k.ns->value, k.ns->key_span, origin);
  }
}

void set_replicas(std::vector<Object> &objects, const Kustomization &k, Origins &origins) {
  const uint32_t origin = origins.add(k.document);
  for (const ReplicaRule &rule : k.replicas) {
    for (Object &o : objects) {
      const std::string kind = o.kind();
      if (!(kind == "Deployment" || kind == "ReplicaSet" || kind == "StatefulSet" ||
            kind == "ReplicationController"))
        continue;
      if (!o.named(rule.name)) continue;
      if (Node *spec = map_at(o.body, {"spec"}, origin))
        set_entry(*spec, "replicas", rule.count->value, rule.count->key_span, origin);
    }
  }
}

void set_image(Node &container, const ImageRule &rule, uint32_t origin) {
  if (!container.is_map()) return;
  for (MapEntry &e : container.entries) {
    if (e.key != "image" || !e.value.is_string()) continue;
    ImageRef ref = split_image(e.value.text);
    if (ref.name != rule.name) return;
    const MapEntry *at = rule.new_tag ? rule.new_tag : rule.new_name ? rule.new_name : rule.digest;
    if (!at) return;
    if (rule.new_name && rule.new_name->value.is_scalar()) ref.name = rule.new_name->value.scalar_text();
    if (rule.new_tag && rule.new_tag->value.is_scalar()) {
      ref.tag = rule.new_tag->value.scalar_text();
      ref.digest.clear();
    }
    if (rule.digest && rule.digest->value.is_scalar()) {
      ref.digest = rule.digest->value.scalar_text();
      ref.tag.clear();
    }
    std::string image = ref.name;
    if (!ref.tag.empty()) image += ":" + ref.tag;
    if (!ref.digest.empty()) image += "@" + ref.digest;
    e.value = Node::make_string(std::move(image), at->value.span);
    e.value.origin = origin;
    e.key_span = at->key_span;
    return;
  }
}

void set_images(std::vector<Object> &objects, const Kustomization &k, Origins &origins) {
  if (k.images.empty()) return;
  const uint32_t origin = origins.add(k.document);
  for (Object &o : objects) {
    Node *spec = nullptr;
    const std::string kind = o.kind();
    if (kind == "Pod")
      spec = existing_map(o.body, {"spec"});
    else if (kind == "CronJob")
      spec = existing_map(o.body, {"spec", "jobTemplate", "spec", "template", "spec"});
    else
      spec = existing_map(o.body, {"spec", "template", "spec"});
    if (!spec) continue;
    for (const char *list : {"containers", "initContainers", "ephemeralContainers"}) {
      Node *containers = spec->get(list);
      if (!containers || !containers->is_list()) continue;
      for (Node &c : containers->items)
        for (const ImageRule &rule : k.images) set_image(c, rule, origin);
    }
  }
}

}  // namespace

ImageRef split_image(const std::string &image) {
  ImageRef ref;
  std::string rest = image;
  if (size_t at = rest.find('@'); at != std::string::npos) {
    ref.digest = rest.substr(at + 1);
    rest.resize(at);
  }
  const size_t slash = rest.rfind('/');
  const size_t colon = rest.rfind(':');
  if (colon != std::string::npos && (slash == std::string::npos || colon > slash)) {
    ref.tag = rest.substr(colon + 1);
    rest.resize(colon);
  }
  ref.name = rest;
  return ref;
}

void apply_metadata(std::vector<Object> &objects, const Kustomization &k, Origins &origins) {
  set_namespace(objects, k, origins);
  rename(objects, k, origins);
  const uint32_t origin = origins.add(k.document);
  for (const LabelSet &set : k.labels)
    for (Object &o : objects) add_labels(o, set, origin);
  if (k.annotations)
    for (Object &o : objects) add_annotations(o, *k.annotations, origin);
}

void apply_values(std::vector<Object> &objects, const Kustomization &k, Origins &origins) {
  set_replicas(objects, k, origins);
  set_images(objects, k, origins);
}

}  // namespace clause::kustomize
