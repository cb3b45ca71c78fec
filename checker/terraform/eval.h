#pragma once
// Evaluates Terraform expressions (the `Expr` trees the HCL parser keeps) to
// values: literals, templates and heredocs, `var.*`, `local.*`, `module.*`,
// `count.index`, `each.*`, dynamic-block iterators, conditionals, arithmetic,
// comparison and logic operators, index / attribute / splat access on known
// values, and the functions of functions.h plus `try` and `can`.
// Whatever cannot be known statically (resource attributes, data sources,
// `path.*`, `for` expressions, unknown functions) evaluates to an unknown
// (values.h); a reference to a managed resource becomes a reference unknown
// carrying the resource's absolute address, for the references graph.
#include <string>
#include <string_view>
#include <vector>

#include "checker/model/document.h"
#include "checker/model/expr.h"
#include "checker/model/node.h"

namespace clause::tf {

class EvalBudget;

// Resolves the names of one module instance; the module evaluator implements
// it with lazy, memoised, cycle-safe evaluation.
class Resolver {
 public:
  virtual ~Resolver() = default;
  // The value of var.NAME / local.NAME / module.NAME, kept alive by the
  // resolver until evaluation ends; nullptr when nothing of that name is
  // declared (an error in Terraform).
  virtual const Node *variable(std::string_view name) = 0;
  virtual const Node *local(std::string_view name) = 0;
  virtual const Node *module(std::string_view name) = 0;
  // Address prefix of this module instance: "" or "module.a.", "module.a[0].".
  virtual const std::string &address_prefix() const = 0;
};

// A dynamic block's iterator (`ingress.key`, `ingress.value`).
struct Iterator {
  std::string name;
  const Node *key = nullptr;
  const Node *value = nullptr;
};

struct Scope {
  Resolver *resolver = nullptr;       // nullptr: only literals and functions (tfvars, defaults)
  const Document *doc = nullptr;      // where the expressions are written (texts of unknowns)
  const Node *count_index = nullptr;  // set inside a counted block (may be unknown)
  const Node *each_key = nullptr;     // set inside a for_each block
  const Node *each_value = nullptr;
  std::vector<Iterator> iterators;  // innermost last
  const Node *element = nullptr;    // the current element of a splat
  // The root module's evaluation budget (budget.h); nullptr: not bounded.
  EvalBudget *budget = nullptr;
};

Node evaluate_expr(const Expr &e, const Scope &scope);

// A value as parsed: an Expression node with structure is evaluated and the
// result takes the node's span (and, if unknown, its source text); maps and
// lists are copied with their elements evaluated; literals are copied.
Node evaluate_value(const Node &n, const Scope &scope);

// Whether evaluating `n` could change it (it holds an evaluable Expression).
bool needs_evaluation(const Node &n);

}  // namespace clause::tf
