#pragma once
// GitHub-flavoured Markdown for $GITHUB_STEP_SUMMARY and pull-request
// comments: a headline, the compliance status of each scenario that has
// rules (how its rules fared on one root; how the roots stand on several,
// then a roots x scenarios table), then the most severe findings, cut to fit
// a byte budget, with a note saying what was left out.
#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>

#include "checker/model/report.h"

namespace clause {

struct MarkdownOptions {
  size_t max_findings = 100;     // rows in the findings table at most
  size_t max_bytes = 64 * 1024;  // the whole output stays under this (GitHub allows 1 MiB a step)
  size_t max_matrix_roots = 50;  // rows of the roots x scenarios table at most
};

void write_markdown(const Report &report, std::ostream &out, const MarkdownOptions &opts = {});

// `text` made safe for one GitHub Markdown table cell: ASCII punctuation that
// Markdown or HTML would interpret backslash-escaped, line breaks as spaces.
std::string markdown_cell(std::string_view text);

}  // namespace clause
