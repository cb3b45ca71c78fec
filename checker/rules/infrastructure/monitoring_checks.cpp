// Scenario 5.10: an account- or project-wide audit trail exists and keeps
// verifiable records.
#include "checker/rules/infrastructure/infra_support.h"

namespace clause::infra {
namespace {

// A trail that records every region and is logging.
bool account_wide_trail(const Resource &r) {
  if (r.type == "aws_cloudtrail") {
    auto multi = read_attribute(r.body, "is_multi_region_trail", kBlocksAndDynamic);
    auto logging = read_attribute(r.body, "enable_logging", kBlocksAndDynamic);
    return (multi.unknown() || multi.as_bool() == true) && logging.as_bool() != false;
  }
  if (r.type == "AWS::CloudTrail::Trail") {
    auto multi = read_attribute(r.body, "Properties.IsMultiRegionTrail", kBlocksAndDynamic);
    auto logging = read_attribute(r.body, "Properties.IsLogging", kBlocksAndDynamic);
    return (multi.unknown() || multi.as_bool() == true) && logging.as_bool() != false;
  }
  return false;
}

// CL-1002 mon.audit-trail
void audit_trail(const NativeCheckContext &ctx) {
  const Project &project = ctx.project();
  // Each trail keeps digest files so its records can be shown untampered.
  for (const auto &r : project.resources) {
    if (r.type != "aws_cloudtrail" && r.type != "AWS::CloudTrail::Trail") continue;
    bool cfn = r.format == DocKind::CloudFormation;
    Attribute v = cfn ? read_attribute(r.body, "Properties.EnableLogFileValidation", kBlocksAndDynamic)
                      : read_attribute(r.body, "enable_log_file_validation", kBlocksAndDynamic);
    if (v.unknown()) {
      ctx.undecided(*r.document, v.node->span, r.address, v.node->text);
      continue;
    }
    if (v.as_bool() == true) continue;
    Span at = v.entry ? v.entry->key_span : r.span;
    if (v.entry && v.node) {
      at.end_line = v.node->span.end_line;
      at.end_col = v.node->span.end_col;
      at.end_offset = v.node->span.end_offset;
    }
    ctx.report(*r.document, at,
               r.address + " does not validate its log files (" +
                   (cfn ? "EnableLogFileValidation" : "enable_log_file_validation") + " is " +
                   (v.known() ? v.node->scalar_text() : "not set") +
                   "); its records cannot be shown to be unaltered",
               r.address);
  }
  report_missing_controls(
      ctx,
      {{ProviderFamily::Aws,
        "No multi-region CloudTrail trail that is logging is defined; API activity across the account is "
        "not recorded for incident reports",
        [](const Resource &r) { return account_wide_trail(r); }},
       {ProviderFamily::Azure,
        "No diagnostic setting exports the subscription's Activity Log; control-plane activity is kept only "
        "90 days and cannot be reported on",
        [](const Resource &r) {
          if (r.type != "azurerm_monitor_diagnostic_setting") return false;
          const Node *target = r.body->get("target_resource_id");
          if (!target) return false;
          const std::string &t = target->text;
          return (t.find("subscription") != std::string::npos ||
                  t.find("Subscription") != std::string::npos) &&
                 t.find("resourceGroups") == std::string::npos && t.find("providers/") == std::string::npos;
        }},
       {ProviderFamily::Google,
        "No IAM audit configuration for allServices is defined; data-access activity is not recorded",
        [](const Resource &r) {
          if (r.type != "google_project_iam_audit_config" && r.type != "google_folder_iam_audit_config" &&
              r.type != "google_organization_iam_audit_config")
            return false;
          auto s = read_attribute(r.body, "service", kBlocksAndDynamic);
          return s.unknown() || s.as_string() == "allServices";
        }}});
}

const NativeCheckRegistrar kAudit("CL-1002", &audit_trail);

}  // namespace
}  // namespace clause::infra
