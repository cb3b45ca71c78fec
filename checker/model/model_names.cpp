// Names and small helpers of the model's enums.
#include <algorithm>
#include <tuple>

#include "checker/model/document.h"
#include "checker/model/finding.h"
#include "checker/model/resource.h"
#include "checker/model/rule_info.h"
#include "checker/model/severity.h"
#include "checker/model/unit.h"

namespace clause {

const char *doc_kind_name(DocKind kind) {
  switch (kind) {
    case DocKind::Unknown: return "unknown";
    case DocKind::Terraform: return "terraform";
    case DocKind::TerraformVars: return "terraform-vars";
    case DocKind::TerraformPlan: return "terraform-plan";
    case DocKind::CloudFormation: return "cloudformation";
    case DocKind::Kubernetes: return "kubernetes";
    case DocKind::Agreement: return "agreement";
  }
  return "unknown";
}

const char *unit_kind_name(UnitKind kind) {
  switch (kind) {
    case UnitKind::TerraformRoot: return "terraform root module";
    case UnitKind::TerraformPlan: return "terraform plan";
    case UnitKind::Stack: return "cloudformation stack";
    case UnitKind::Application: return "kubernetes application";
    case UnitKind::Declared: return "declared unit";
  }
  return "unit";
}

std::string Unit::dir() const {
  if (kind != UnitKind::Stack && kind != UnitKind::TerraformPlan) return path;
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? "" : path.substr(0, slash);
}

const char *provider_family_name(ProviderFamily family) {
  switch (family) {
    case ProviderFamily::Aws: return "aws";
    case ProviderFamily::Azure: return "azure";
    case ProviderFamily::Google: return "google";
    case ProviderFamily::Kubernetes: return "kubernetes";
    case ProviderFamily::Other: return "other";
  }
  return "other";
}

ProviderFamily provider_family_of_terraform_type(std::string_view type) {
  auto starts = [&](std::string_view p) { return type.substr(0, p.size()) == p; };
  if (starts("aws_")) return ProviderFamily::Aws;
  if (starts("azurerm_") || starts("azuread_") || starts("azapi_")) return ProviderFamily::Azure;
  if (starts("google_")) return ProviderFamily::Google;
  if (starts("kubernetes_") || starts("helm_")) return ProviderFamily::Kubernetes;
  return ProviderFamily::Other;
}

const char *rule_kind_name(RuleKind kind) {
  switch (kind) {
    case RuleKind::Infrastructure: return "infrastructure";
    case RuleKind::Agreement: return "agreement";
    case RuleKind::CrossDocument: return "cross-document";
  }
  return "infrastructure";
}

const char *severity_name(Severity s) {
  switch (s) {
    case Severity::Info: return "info";
    case Severity::Low: return "low";
    case Severity::Medium: return "medium";
    case Severity::High: return "high";
    case Severity::Critical: return "critical";
  }
  return "medium";
}

std::optional<Severity> parse_severity(std::string_view t) {
  if (t == "info") return Severity::Info;
  if (t == "low") return Severity::Low;
  if (t == "medium") return Severity::Medium;
  if (t == "high") return Severity::High;
  if (t == "critical") return Severity::Critical;
  return std::nullopt;
}

const char *sarif_level(Severity s) {
  switch (s) {
    case Severity::Critical:
    case Severity::High: return "error";
    case Severity::Medium:
    case Severity::Low: return "warning";
    case Severity::Info: return "note";
  }
  return "warning";
}

const char *security_severity_score(Severity s) {
  // GitHub maps >9.0 critical, 7.0-8.9 high, 4.0-6.9 medium, 0.1-3.9 low.
  switch (s) {
    case Severity::Critical: return "9.5";
    case Severity::High: return "8.0";
    case Severity::Medium: return "5.5";
    case Severity::Low: return "3.0";
    case Severity::Info: return "1.0";
  }
  return "5.5";
}

bool finding_less(const Finding &a, const Finding &b) {
  return std::tie(a.location.path, a.location.span.start_line, a.location.span.start_col, a.rule_id,
                  a.message, a.resource) < std::tie(b.location.path, b.location.span.start_line,
                                                    b.location.span.start_col, b.rule_id, b.message,
                                                    b.resource);
}

}  // namespace clause
