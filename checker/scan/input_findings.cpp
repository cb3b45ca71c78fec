#include "checker/scan/input_findings.h"

#include <set>

namespace clause {

bool is_unparsed_input(const Diagnostic &d) {
  return d.level == DiagLevel::Error && (d.code == "parse-error" || d.code.rfind("limit-", 0) == 0);
}

void add_input_findings(const Project &project, const std::vector<FileDiagnostic> &diagnostics,
                        const RuleInfo &rule, const std::function<bool(const std::string &rel)> &reported,
                        std::vector<Finding> &findings) {
  // The first problem of each file, by position (diagnostics arrive in
  // parser order, which is not always the order in the file).
  std::map<std::string, const FileDiagnostic *> first;
  for (const FileDiagnostic &d : diagnostics) {
    if (!is_unparsed_input(d.diagnostic)) continue;
    const FileDiagnostic *&slot = first[d.path];
    const Span &s = d.diagnostic.span;
    if (!slot || std::tie(s.start_line, s.start_col) <
                     std::tie(slot->diagnostic.span.start_line, slot->diagnostic.span.start_col))
      slot = &d;
  }
  for (const auto &[path, d] : first) {
    if (reported && !reported(path)) continue;
    const Diagnostic &diag = d->diagnostic;
    const bool syntax = diag.code == "parse-error";
    FindingParts parts{.location = Location{path, diag.span},
                       .message = (syntax ? "cannot be parsed: " : "was not analysed: ") + diag.message +
                                  "; the rules did not read " +
                                  (syntax ? "what the error hides" : "this file"),
                       .resource = path,
                       // Stable across edits elsewhere in the file: the broken
                       // line's text, or the problem itself when there is no
                       // line to show.
                       .identity_text = diag.code};
    if (const Document *doc = project.find_document(path); doc && diag.span.start_line != 0)
      parts.snippet = std::string(doc->line_text(diag.span));
    findings.push_back(make_finding(rule, std::move(parts)));
  }
}

}  // namespace clause
