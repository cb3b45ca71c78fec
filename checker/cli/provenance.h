#pragma once
// Provenance of a scan for its reports (DESIGN §8, issue 21): when it ran and,
// for each root in a git work tree, the repository, commit and branch.
// `--reproducible` records neither, so the same files give the same bytes;
// SOURCE_DATE_EPOCH, when set, stands for the time.
#include <string>

#include "checker/model/report.h"

namespace clause::cli {

// Now, or SOURCE_DATE_EPOCH when it is set to a number of seconds, in UTC
// as ISO 8601 ("2026-12-07T06:45:16Z").
std::string scan_time_now();

// Records the scan's start (`started`) and end (now) and each root's
// version control provenance in `report`. Roots of one work tree ask git
// once.
void record_provenance(Report &report, const std::string &started);

}  // namespace clause::cli
