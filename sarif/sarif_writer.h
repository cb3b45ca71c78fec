#pragma once
// SARIF 2.1.0 output (DESIGN §8), shaped for GitHub code scanning: one run
// per scan root, every rule of the report in each run (so ruleIndex is the
// same everywhere), relative URIs under %SRCROOT%, clause/v1 fingerprints,
// parse problems as toolExecutionNotifications. Deterministic: same report,
// same bytes.
#include <cstddef>
#include <optional>
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
  std::string help_uri_base;  // when set, each rule gets helpUri = base + id
  bool pretty = true;         // indented; false writes one line
  // Write only the run of this root (one file per root); the categories are
  // still those of the whole report.
  std::optional<size_t> only_root;
};

// What GitHub code scanning accepts in one upload; more is rejected.
struct SarifLimits {
  size_t runs_per_file = 20;
  size_t results_per_run = 25000;
  size_t rules_per_run = 25000;
  size_t locations_per_result = 1000;  // clause writes one location; related ones are counted too
};

// Why the SARIF of `report` would be rejected, one sentence each, naming
// the root; empty when it fits. `per_root`: one file per root, so the
// runs-per-file limit does not apply.
std::vector<std::string> sarif_limit_problems(const Report &report, bool per_root,
                                              const SarifLimits &limits = {});

// A file name for each root's SARIF when written one file per root:
// "<root>.sarif" from its category segment, unique within the report.
std::vector<std::string> sarif_file_names(const Report &report);

void write_sarif(const Report &report, std::ostream &out, const SarifOptions &opts = {});

// runAutomationDetails.id of each root's run, "" when a run should have none:
// one root and no category → none (the upload action then applies its own);
// one root → "category/"; several roots → "category/root-name/" (category
// "clause" when none was given), so each run has its own GitHub category.
std::vector<std::string> sarif_automation_ids(const Report &report);

}  // namespace clause
