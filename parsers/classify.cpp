#include "parsers/classify.h"

namespace clause {

namespace {

bool is_nonempty_string(const Node *n) { return n && n->is_string() && !n->text.empty(); }

bool is_terraform_plan(const Node &root) {
  return root.get("format_version") && (root.get("planned_values") || root.get("resource_changes"));
}

bool is_agreement(const Node &root) {
  const Node *api = root.get("apiVersion");
  const Node *kind = root.get("kind");
  return api && api->is_string() && api->text == "clause/v1alpha1" && kind && kind->is_string() &&
         kind->text == "CloudServiceAgreement";
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
    if (type && type->is_string() && type->text.starts_with("AWS::")) return true;
  }
  return false;
}

bool is_kubernetes_object(const Node &root) {
  return root.is_map() && is_nonempty_string(root.get("apiVersion")) && is_nonempty_string(root.get("kind"));
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
