#pragma once
// The evaluation budget of one root module: how many nodes, and how many
// bytes of strings and map keys, evaluation may derive before it stops.
//
// Limits per block or per level multiply (three nested `dynamic` blocks of
// 1,000 iterations each, a local that doubles a string forty times, a module
// output doubled through forty calls), so one budget is shared by everything
// that can grow a value beyond its source text: a copy of a variable, local,
// module output, `count`/`each`/iterator value; a template's string; a
// function's result; the blocks a `dynamic` block generates; the outputs a
// module call hands back. Values written literally in the source are not
// charged (the parser's limits bound them). Once a charge does not fit, the
// budget is spent for the rest of the root module: that value and every one
// that needs more are unknown, and the root reports `limit-eval-budget` at
// the first expression that did not fit.
#include <cstddef>
#include <optional>
#include <string>

#include "checker/model/document.h"
#include "checker/model/node.h"

namespace clause::tf {

// Defaults: well above what the largest root module of the shared corpus
// derives (docs/limits.md, "Evaluation budget"), low enough that the
// growth shapes above stop at a few hundred MB.
inline constexpr size_t kEvalBudgetNodes = 1'000'000;
inline constexpr size_t kEvalBudgetBytes = size_t{32} << 20;

// How deep evaluation may nest (an expression inside an expression, and
// through locals, outputs and module values into the next), and how deep a
// value handed from one to another may be. Each level of either takes call
// stack: a chain of locals that each wrap the next in a few levels would
// otherwise exhaust it. Past either limit the value is unknown. Twice the
// parser's depth limit, so that no value written in one file reaches it.
inline constexpr size_t kMaxEvalNesting = 512;

// The size of each root module's budget (LoadOptions::eval_budget): the
// defaults above for users, smaller in the fuzz targets.
struct EvalBudgetSize {
  size_t nodes = kEvalBudgetNodes;
  size_t bytes = kEvalBudgetBytes;
};

class EvalBudget {
 public:
  explicit EvalBudget(size_t max_nodes = kEvalBudgetNodes, size_t max_bytes = kEvalBudgetBytes)
      : max_nodes_(max_nodes), max_bytes_(max_bytes) {}

  // Takes `nodes` and `bytes` from what is left. False when they do not
  // fit: the budget is then spent, and `where` (in `doc`) is remembered
  // when it is the first place that did not fit.
  bool charge(size_t nodes, size_t bytes, const Document *doc, const Span &where);
  // Charges a copy of `value`: its nodes and the bytes of its strings, map
  // keys and unknowns' texts, measured only as far as what is left. A value
  // built while `charged_nodes` / `charged_bytes` of its parts were already
  // charged is charged only what it holds beyond them.
  bool charge_copy(const Node &value, const Document *doc, const Span &where, size_t charged_nodes = 0,
                   size_t charged_bytes = 0);

  bool spent() const { return spent_; }
  size_t bytes_left() const { return max_bytes_ - bytes_; }
  size_t nodes_used() const { return nodes_; }
  size_t bytes_used() const { return bytes_; }
  size_t max_nodes() const { return max_nodes_; }
  size_t max_bytes() const { return max_bytes_; }

  // The first expression that did not fit.
  const std::optional<Location> &overrun() const { return overrun_; }

  // Remembers the first place where evaluation or a value went deeper than
  // kMaxEvalNesting (that value alone is unknown; the budget is not spent).
  void too_deep(const Document *doc, const Span &where);
  const std::optional<Location> &too_deep_at() const { return too_deep_; }

 private:
  size_t max_nodes_, max_bytes_;
  size_t nodes_ = 0, bytes_ = 0;
  bool spent_ = false;
  std::optional<Location> overrun_;
  std::optional<Location> too_deep_;
};

}  // namespace clause::tf
