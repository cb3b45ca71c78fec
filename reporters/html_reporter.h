#pragma once
// The HTML compliance report: one self-contained file (inline CSS, script
// and SVG; no network, no external fonts) for compliance teams. A scenario
// x root matrix coloured by status, findings per root with their source
// line, related agreement location and the rule's documentation, filters by
// severity, scenario, root and text (kept in the URL fragment), and a print
// layout. Deterministic: the same report gives the same bytes unless a
// report time is asked for. Every string from the scan is escaped.
#include <cstddef>
#include <ostream>
#include <string>

#include "checker/model/report.h"
#include "clause_version.h"

namespace clause {

struct HtmlOptions {
  std::string tool_version = CLAUSE_VERSION;
  size_t max_findings_per_root = 500;  // the most severe first; a note says how many were left out
  size_t max_diagnostics_per_root = 100;
};

void write_html(const Report &report, std::ostream &out, const HtmlOptions &opts = {});

}  // namespace clause
