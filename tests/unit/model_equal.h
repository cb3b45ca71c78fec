#pragma once
// Test helper: deep comparison of parsed models (nodes, expression trees,
// blocks, comments, diagnostics), naming the first difference found.
#include <string>

#include "checker/model/document.h"
#include "checker/model/expr.h"

namespace clause::testing {

std::string span_text(const Span &s);
// "" when equal, else where and how they differ.
std::string node_difference(const Node &a, const Node &b, const std::string &where);
std::string expr_difference(const Expr &a, const Expr &b, const std::string &where);
// Compares what a parse produces: kind, blocks, roots, comments, diagnostics.
std::string document_difference(const Document &a, const Document &b);

}  // namespace clause::testing
