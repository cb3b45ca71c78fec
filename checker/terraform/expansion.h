#pragma once
// Repetition inside a module instance: the instances a `count` or
// `for_each` meta-argument asks for, and block bodies evaluated with their
// `dynamic` blocks expanded into repeated nested blocks.
#include <string>
#include <vector>

#include "checker/terraform/eval.h"

namespace clause::tf {

// At most this many instances of one resource or module call, and blocks of
// one `dynamic` block: configuration that asks for more is cut there, with a
// `limit-expansion` diagnostic, so a huge for_each cannot exhaust memory.
inline constexpr size_t kMaxInstancesPerBlock = 1000;

struct InstanceKey {
  std::string suffix;  // "" (single or not statically known), "[0]", "[\"key\"]"
  Node index;          // count.index: a Number, or unknown (Null when not counted)
  Node key, value;     // each.key / each.value (Null when no for_each)
  bool counted = false;
  bool each = false;
};

struct Expansion {
  std::vector<InstanceKey> keys;  // empty: `count = 0`, an empty for_each
  bool truncated = false;         // more than kMaxInstancesPerBlock asked for
};

// The instances of a block with `count` / `for_each` in `body`. A count or
// for_each whose value is not known gives one instance with count.index or
// each.* unknown, so nothing is silently lost and nothing guessed.
Expansion expand_instances(const Node &body, const Scope &scope);

// Points `scope` at the instance's count.index / each.key / each.value.
void bind_instance(Scope &scope, const InstanceKey &key);

// A block body with every expression evaluated, nested blocks recursed into
// and each `dynamic "x"` block replaced by the `x` blocks it generates (a
// single unknown `x` entry when its for_each is not known). Meta-arguments
// that are not values (provider, depends_on, lifecycle, provisioner,
// connection) are kept as written. Sets `truncated` when a dynamic block
// asked for more than kMaxInstancesPerBlock blocks.
// `room`: entries the caller will append (reserved, so that appending
// does not double the entries' capacity).
Node evaluate_body(const Node &body, const Scope &scope, bool &truncated, size_t room = 0);

// Whether `body` needs evaluate_body (it holds expressions or dynamic blocks).
bool body_needs_evaluation(const Node &body);

}  // namespace clause::tf
