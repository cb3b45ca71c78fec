#pragma once
// Terraform values during evaluation are plain model Nodes. Three kinds of
// Expression node stand for what is not statically known:
//   unknown    any Expression node (text: the source that could not be
//              evaluated), as the parser leaves them;
//   reference  an unknown that stands for (or depends on) attributes of other
//              managed resources: its `expr` has op Unsupported, `name` the
//              referenced resource's absolute address ("module.m.aws_s3_bucket.b",
//              "aws_s3_bucket.b[0]"; suffix `[*]` for every instance (a splat),
//              `[?]` for one whose key is not known) and `args` further
//              references it depends on. The references graph reads them;
//   error      what Terraform would reject (a missing map key, a bad index):
//              `expr` is a shared marker. It behaves as unknown everywhere
//              except in `try` and `can`.
// Rules treat all three as unknown, so none of them can make a rule fire.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "checker/model/expr.h"
#include "checker/model/node.h"
#include "checker/model/restamp.h"

namespace clause::tf {

Node unknown_value(std::string text, const Span &span);
Node error_value(std::string text, const Span &span);
// An unknown standing for attribute(s) of the resource at `address`.
Node reference_value(std::string address, std::string text, const Span &span);
// The most addresses one unknown's provenance keeps: past it, the unknown
// carries none (a plain unknown, which a reference walk takes as open).
inline constexpr size_t kMaxUnknownReferences = 1024;
// An unknown whose provenance is the union of the references in `inputs`,
// each address once; one input's provenance is shared, not copied.
Node unknown_from(const std::vector<const Node *> &inputs, std::string text, const Span &span);
// How many addresses the provenance of `n` holds (0 when it has none): what
// building it cost, for an evaluation budget.
size_t provenance_size(const Node &n);

bool is_error(const Node &n);
// No Expression node anywhere in the value.
bool is_known(const Node &n);
// Appends the addresses of every reference in `n` (values and nested unknowns).
void collect_references(const Node &n, std::vector<std::string> &out);
// Whether `n` is unknown or holds an unknown that carries no reference.
bool has_plain_unknown(const Node &n);

// Terraform's conversions between primitive types; nullopt when impossible.
std::optional<std::string> to_string_value(const Node &n);
std::optional<double> to_number_value(const Node &n);
std::optional<bool> to_bool_value(const Node &n);

Node number_node(double v, const Span &span);

}  // namespace clause::tf
