#pragma once
// HCL (Terraform .tf / .tfvars) into the model, through tree-sitter-hcl.
//
// Top-level blocks become Document::blocks. Inside a block body, attributes
// become map entries; nested blocks are collected, per block type, into a
// List (from_block = true) of Maps, the shape plan JSON uses, so one rule
// path serves both. A nested block's label (e.g. `dynamic "ingress"`) is kept
// in the Map's `text`. Literal values are evaluated; anything else becomes an
// Expression node with its source text and an Expr structure for later
// evaluation. Top-level attributes (.tfvars) go into Document::roots[0].
#include "checker/model/document.h"
#include "parsers/parse_options.h"

namespace clause {

void parse_hcl(Document &doc, const ParseOptions &opts);

}  // namespace clause
