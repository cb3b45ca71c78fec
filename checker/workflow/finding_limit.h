#pragma once
// The findings-per-file limit (limits::kMaxFindingsPerFile): a generated or
// pathological file must not drown a report, and the cut is always said.
#include <cstddef>
#include <vector>

#include "checker/model/finding.h"
#include "checker/model/report.h"

namespace clause {

// Keeps at most `max_per_file` findings of each file (0: no limit). The kept
// ones are the unsuppressed and most severe first, so `--fail-on` decides as
// it would on the full list; they stay in their original order. Each file
// over the limit gets one `limit-findings` warning in `diagnostics`.
void limit_findings_per_file(std::vector<Finding> &findings, size_t max_per_file,
                             std::vector<FileDiagnostic> &diagnostics);

}  // namespace clause
