#pragma once
// Test helper: a Document parsed from inline YAML.
#include <gtest/gtest.h>

#include <string>

#include "checker/model/document.h"
#include "parsers/yaml/yaml_parser.h"

namespace clause::testing {

inline Document parse_yaml_text(std::string source, std::string path = "test.yaml",
                                DocKind kind = DocKind::Unknown, ParseOptions opts = {}) {
  Document doc;
  doc.path = std::move(path);
  doc.kind = kind;
  doc.source = std::move(source);
  parse_yaml(doc, opts);
  return doc;
}

// The same, for inputs that must parse without errors.
inline Document parse_valid_yaml(std::string source, std::string path, DocKind kind) {
  Document doc = parse_yaml_text(std::move(source), std::move(path), kind);
  EXPECT_FALSE(doc.has_errors()) << doc.source;
  return doc;
}

// A CloudFormation template that must parse without errors.
inline Document parse_cfn_template(std::string source) {
  return parse_valid_yaml(std::move(source), "template.yaml", DocKind::CloudFormation);
}

}  // namespace clause::testing
