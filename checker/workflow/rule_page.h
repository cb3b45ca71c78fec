#pragma once
// The header of a rule's documentation page (docs/rules/<ID>.md), generated
// from the rule file so that the page never restates it by hand (the line
// of scenario, severity, profile and formats is one line):
//
//   # CL-0970 ops.x-rpo
//
//   **Scenario:** 5.9 Deliver and operate the cloud services · **Severity:** critical · **Profile:**
//   recommended · **Reads:** agreement, Terraform, CloudFormation · **Kind:** cross-document
//
//   Backups are frequent enough for the promised recovery point.
//
// `clause rules -f json` prints it as `pageHeader`; scripts/rule-page-headers
// writes it into the pages, and the ctest rule_page_headers fails when a
// page's header has drifted from its rule.
#include <string>

#include "checker/model/rule_info.h"

namespace clause {

std::string rule_page_header(const RuleInfo &info);

}  // namespace clause
