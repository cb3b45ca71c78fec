#pragma once
// Resources and changes of a Terraform plan (`terraform show -json` format),
// read from the JSON tree parse_json() put in `doc.roots[0]`.
//
// plan_resources: the managed resources of `planned_values.root_module` and
// its nested `child_modules` (`values.root_module` for a state file), in
// document order. Data sources are skipped; resources the plan deletes are
// not in planned_values and so are absent.
//   address  as the plan gives it: `module.db.aws_db_instance.this`,
//            `aws_s3_bucket.b["x"]`, `aws_instance.web[0]`
//   span     the `"address"` value of the resource in planned_values
//   body     the `values` map (a pointer into the document), unless the
//            plan has a `configuration` for the resource (below) or the
//            matching `resource_changes[].change.after_unknown` marks some
//            attribute (at any depth) as unknown: then `owned_body` is a copy
//            in which each such attribute is an Expression node with text
//            kUnknownAfterApply (spanned at the `true` in after_unknown when
//            `values` omits the attribute). An unknown value is never a pass
//            or a fail. When the plan has a `configuration` section, an
//            attribute unknown after apply (or null) that the resource's
//            configuration never sets is left out instead: the provider
//            decides it, as for an HCL resource that omits it (rules apply
//            the same default).
//   configuration  the resource's `expressions` there (nullptr without one)
// The returned Resources point into `doc`: keep it alive and unmoved.
#include <string>
#include <vector>

#include "checker/model/document.h"
#include "checker/model/resource.h"

namespace clause {

inline constexpr const char *kUnknownAfterApply = "(known after apply)";

std::vector<Resource> plan_resources(const Document &doc);

// A plan address as the configuration names it: instance keys removed
// (`module.a["x"].aws_s3_bucket.b[0]` -> `module.a.aws_s3_bucket.b`).
std::string configuration_address(std::string_view address);

// An expression of the plan's configuration ({"constant_value": ...} or
// {"references": [...]}), as opposed to a nested block (a list of maps of
// expressions).
bool is_configured_expression(const Node &n);

// One entry of `resource_changes`, data sources included (mode says which).
struct PlanChange {
  std::string address;               // "module.db.aws_db_instance.this"
  std::string module_address;        // "module.db", empty in the root module
  std::string mode;                  // "managed" | "data"
  std::string type;                  // "aws_db_instance"
  std::string name;                  // "this"
  std::vector<std::string> actions;  // ["no-op"], ["create"], ["delete", "create"], ...
  // Into the document; nullptr when the plan has none (a create has a null
  // `before`, which is returned as the Null node).
  const Node *before = nullptr;
  const Node *after = nullptr;
  const Node *after_unknown = nullptr;
  Span span;  // the `"address"` value in resource_changes

  bool is(std::string_view action) const;  // actions contains `action`
  bool is_delete_only() const { return actions.size() == 1 && actions[0] == "delete"; }
};

std::vector<PlanChange> plan_changes(const Document &doc);

}  // namespace clause
