#include "parsers/classify.h"

#include <re2/re2.h>

namespace clause {

namespace {

bool is_nonempty_string(const Node *n) { return n && n->is_string() && !n->text.empty(); }

bool is_terraform_plan(const Node &root) {
  return root.get("format_version") && (root.get("planned_values") || root.get("resource_changes"));
}

// The kind decides; an unsupported apiVersion (clause/v9) is still an
// agreement, so that the agreement validator can say what is wrong with it.
bool is_agreement(const Node &root) {
  const Node *kind = root.get("kind");
  return kind && kind->is_string() && kind->text == "CloudServiceAgreement";
}

bool is_sam_transform(const Node *transform) {
  if (!transform) return false;
  if (transform->is_string()) return transform->text.starts_with("AWS::Serverless");
  for (const auto &item : transform->items)
    if (item.is_string() && item.text.starts_with("AWS::Serverless")) return true;
  return false;
}

bool is_cloudformation(const Node &root) {
  if (root.get("AWSTemplateFormatVersion") || is_sam_transform(root.get("Transform"))) return true;
  const Node *resources = root.get("Resources");
  if (!resources || !resources->is_map()) return false;
  for (const auto &e : resources->entries) {
    const Node *type = e.value.is_map() ? e.value.get("Type") : nullptr;
    // AWS::S3::Bucket, but also Alexa::ASK::Skill and Custom::Anything.
    static const RE2 kType(
        "(?:[A-Za-z0-9]+::[A-Za-z0-9]+::[A-Za-z0-9]+(?:::[A-Za-z0-9]+)?|Custom::[A-Za-z0-9_@.-]+)");
    if (type && type->is_string() && RE2::FullMatch(type->text, kType)) return true;
  }
  return false;
}

// `apiVersion` + `kind`; a `kind` with `metadata.name` but no apiVersion is
// still a manifest (a template with the version filled in elsewhere).
bool is_kubernetes_object(const Node &root) {
  if (!root.is_map() || !is_nonempty_string(root.get("kind"))) return false;
  if (is_nonempty_string(root.get("apiVersion"))) return true;
  const Node *metadata = root.get("metadata");
  return metadata && metadata->is_map() && metadata->get("name");
}

// Kustomize's kustomization.yaml has neither; its name says what it is.
bool is_kustomization(std::string_view path) {
  size_t slash = path.rfind('/');
  std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  return name == "kustomization.yaml" || name == "kustomization.yml" || name == "Kustomization";
}

}  // namespace

DocKind classify_structured(const std::vector<Node> &roots, std::string_view path) {
  if (path.ends_with(".tf.json")) return DocKind::Terraform;
  if (path.ends_with(".tfvars.json")) return DocKind::TerraformVars;

  const Node *first = nullptr;
  for (const auto &r : roots) {
    if (!r.is_null()) {
      first = &r;
      break;
    }
  }
  if (!first || !first->is_map()) return DocKind::Unknown;
  if (is_kustomization(path)) return DocKind::Kubernetes;
  if (is_terraform_plan(*first)) return DocKind::TerraformPlan;
  if (is_agreement(*first)) return DocKind::Agreement;
  if (is_cloudformation(*first)) return DocKind::CloudFormation;
  for (const auto &r : roots)
    if (!r.is_null() && !is_kubernetes_object(r)) return DocKind::Unknown;
  return DocKind::Kubernetes;
}

DocKind sniff_structured(std::string_view text) {
  auto has = [text](std::string_view word) { return text.find(word) != std::string_view::npos; };
  if (has("format_version") && (has("planned_values") || has("resource_changes")))
    return DocKind::TerraformPlan;
  if (has("clause/v1alpha1") && has("CloudServiceAgreement")) return DocKind::Agreement;
  if (has("AWSTemplateFormatVersion") || (has("Resources") && has("AWS::"))) return DocKind::CloudFormation;
  if (has("apiVersion") && has("kind")) return DocKind::Kubernetes;
  return DocKind::Unknown;
}

}  // namespace clause
