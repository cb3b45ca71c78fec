#pragma once
// Test helper: a Terraform Document parsed from inline HCL.
#include <string>

#include "checker/model/document.h"
#include "parsers/hcl/hcl_parser.h"

namespace clause::testing {

inline Document parse_hcl_text(std::string source, std::string path = "main.tf") {
  Document doc;
  doc.kind = DocKind::Terraform;
  doc.path = std::move(path);
  doc.source = std::move(source);
  parse_hcl(doc, ParseOptions{});
  return doc;
}

}  // namespace clause::testing
