#pragma once
// SARIF 2.1.0 output (DESIGN §8), shaped for GitHub code scanning: one run
// per scan root, every rule of the report in each run (so ruleIndex is the
// same everywhere), relative URIs under %SRCROOT%, clause/v1 fingerprints,
// parse problems as toolExecutionNotifications. Deterministic: same report,
// same bytes.
#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "checker/model/report.h"
#include "clause_version.h"

namespace clause {

struct SarifOptions {
  std::string tool_version = CLAUSE_VERSION;  // driver.version and driver.semanticVersion
  std::string information_uri = CLAUSE_INFORMATION_URI;
  std::string help_uri_base;            // when set, each rule gets helpUri = base + id
  size_t max_results_per_run = 25000;   // GitHub rejects runs with more
  size_t max_related_locations = 1000;  // GitHub's limit of locations per result
  bool pretty = true;                   // indented; false writes one line
};

void write_sarif(const Report &report, std::ostream &out, const SarifOptions &opts = {});

// A root-relative, '/'-separated path as a relative URI reference: leading
// "./" dropped, every byte outside unreserved characters, sub-delimiters,
// '@' and '/' percent-encoded (so ':' too: "a:b" must not read as a scheme).
std::string relative_path_uri(std::string_view path);

// An absolute directory path as a file:// URI ending in '/'.
std::string directory_file_uri(std::string_view abs_path);

// runAutomationDetails.id of each root's run, "" when a run should have none:
// one root and no category → none (the upload action then applies its own);
// one root → "category/"; several roots → "category/root-name/" (category
// "clause" when none was given), so each run has its own GitHub category.
std::vector<std::string> sarif_automation_ids(const Report &report);

}  // namespace clause
