#pragma once
// GitHub-flavoured Markdown for $GITHUB_STEP_SUMMARY and pull-request
// comments: a headline, a table of the scenarios that have rules with their
// finding counts by severity, then the most severe findings, cut to fit a
// byte budget, with a note saying how many were left out.
#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>

#include "checker/model/report.h"

namespace clause {

struct MarkdownOptions {
  size_t max_findings = 100;     // rows in the findings table at most
  size_t max_bytes = 64 * 1024;  // the whole output stays under this (GitHub allows 1 MiB a step)
};

void write_markdown(const Report &report, std::ostream &out, const MarkdownOptions &opts = {});

// `text` made safe for one GitHub Markdown table cell: ASCII punctuation that
// Markdown or HTML would interpret backslash-escaped, line breaks as spaces.
std::string markdown_cell(std::string_view text);

}  // namespace clause
