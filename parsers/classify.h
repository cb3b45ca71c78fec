#pragma once
// Content-based classification of structured (YAML / JSON) documents.
#include <string_view>
#include <vector>

#include "checker/model/document.h"
#include "checker/model/node.h"

namespace clause {

// What a parsed YAML/JSON file is, from its path and its documents
// (DESIGN §2). In order:
//  - `*.tf.json` -> Terraform, `*.tfvars.json` -> TerraformVars (by name);
//  - a map with `format_version` and `planned_values` or `resource_changes`
//    -> TerraformPlan;
//  - `apiVersion: clause/v1alpha1` + `kind: CloudServiceAgreement` -> Agreement;
//  - `AWSTemplateFormatVersion`, `Transform: AWS::Serverless-…`, or
//    `Resources` with an entry of `Type: AWS::…` -> CloudFormation;
//  - every non-empty document a map with string `apiVersion` and `kind`
//    -> Kubernetes;
//  - otherwise Unknown (the file is skipped).
DocKind classify_structured(const std::vector<Node> &roots, std::string_view path);

// The kind a YAML/JSON file that did not parse looks like from its text
// alone (the key names classify_structured looks for), or Unknown. Lets a
// broken template be reported instead of skipped as "not one of ours".
DocKind sniff_structured(std::string_view text);

}  // namespace clause
