#pragma once
// YAML streams (Kubernetes manifests, CloudFormation templates, agreements)
// into the located model. See docs/parsers/yaml.md for the typing rules, tag
// handling, limits and the yaml-cpp quirks worked around here.
#include "checker/model/document.h"
#include "parsers/parse_options.h"

namespace clause {

// Reads `doc.source` and appends to `doc.roots` (one Node per document of the
// stream that parsed), `doc.comments` and `doc.diagnostics`. Never throws on
// bad input: a document that fails to parse is reported as a `parse-error`
// (or `limit-*`) diagnostic and the other documents are kept.
void parse_yaml(Document &doc, const ParseOptions &opts);

// A YAML file of clause's own (a rule pack, the provider catalogue) at
// `path`: never a Helm chart template, so its syntax errors are kept.
DocumentPtr parse_own_yaml(std::string_view text, const std::string &path);

}  // namespace clause
