#pragma once
// Where a value of a module instance's resource was written. A reusable
// module usually passes its input straight on (`storage_encrypted =
// var.storage_encrypted`); the value that decides a finding is then the
// argument of the call that instantiated the module (`storage_encrypted =
// false` in examples/complete/main.tf), and that is the line to fix.
#include <optional>

#include "checker/model/location.h"
#include "checker/project/project.h"

namespace clause::tf {

// When the attribute written at `at` (a span of `r`'s own block, from the
// attribute's key) reads input variables (`var.NAME`, alone or in a
// conditional or function) and exactly one of them is passed down the calls
// on `r.call_chain`, argument by argument, to a scalar written out at a
// call that equals `actual` (the value the rule judged): that argument, from
// its key to the end of its value. nullopt otherwise: the value was written
// in the module, is a variable's default, an expression at the call (a
// local, a function), or something the module computed.
std::optional<Location> argument_origin(const Project &project, const Resource &r, const Span &at,
                                        const Node &actual);

}  // namespace clause::tf
