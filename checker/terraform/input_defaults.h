#pragma once
// Which values of a root module's resource its input variables' defaults
// decided. A root module's variables are what whoever deploys it sets (in
// a variable file, -var, the environment); where nothing in the scan sets
// one, a finding that rests on its default says so, and in a reusable module
// nothing in the scan calls, it is the callers' choice, not a finding.
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "checker/model/expr.h"
#include "checker/model/resource.h"

namespace clause::tf {

// The input variables (`var.NAME`) an expression reads.
void collect_input_variables(const Expr &e, std::set<std::string> &out);

// For a block body as written (`body`, before evaluation): every attribute
// whose expression reads a variable for which `defaulted` holds, and every
// `dynamic` block whose for_each does (its path, for when it produced no
// block). `callers_decide` is copied into each.
std::vector<AssumedDefault> defaulted_values(const Node &body,
                                             const std::function<bool(const std::string &)> &defaulted,
                                             bool callers_decide);

}  // namespace clause::tf
