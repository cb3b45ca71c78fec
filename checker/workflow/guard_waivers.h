#pragma once
// cfn-guard waivers: the rule names a CloudFormation resource lists under
// `Metadata.guard.SuppressedRules`, where its author accepted what those
// cfn-guard (AWS Config) rules would report on it. suppress.cpp honours
// them for the clause rules that name them in their `guard:` list
// (docs/suppressions.md).
#include <string>
#include <vector>

#include "checker/project/project.h"

namespace clause {

struct GuardWaiver {
  const Resource *resource = nullptr;
  Span span;           // of the rule name in the SuppressedRules list
  std::string rule;    // as written: S3_BUCKET_VERSIONING_ENABLED
  std::string reason;  // the resource's Metadata.Comment, "" when it has none
};

// Every waiver of the project's CloudFormation resources, in resource order.
std::vector<GuardWaiver> guard_waivers(const Project &project);

}  // namespace clause
