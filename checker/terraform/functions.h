#pragma once
// Terraform's built-in functions that can be computed statically: lookup,
// merge, concat, coalesce, the type conversions, collection and string
// helpers, min/max and friends (the full list is `evaluated_functions()`).
// `try` and `can` need their arguments unevaluated and live in the
// expression evaluator.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "checker/model/node.h"

namespace clause::tf {

// What a call may produce. A function whose result can outgrow its
// arguments many times over (`replace`, `join`) stops before its result
// passes `max_bytes`, gives an unknown and sets `exceeded`.
struct ResultLimit {
  size_t max_bytes = SIZE_MAX;
  bool exceeded = false;
};

// Calls `name` on evaluated arguments (a trailing `...` already expanded, no
// argument an error). Returns the result (known, unknown or error), or nullopt
// when `name` is not a function evaluated here. Unknown arguments give an
// unknown result unless the function can decide without them (`length` of a
// list with unknown elements, `merge` of maps holding unknowns, ...).
std::optional<Node> call_function(std::string_view name, const std::vector<Node> &args, const Span &span,
                                  std::string_view source, ResultLimit *limit = nullptr);

std::vector<std::string_view> evaluated_functions();

}  // namespace clause::tf
