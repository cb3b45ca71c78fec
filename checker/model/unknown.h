#pragma once
// The model's one unknown value. Whatever the format, a value that cannot be
// known statically reaches the rules in one of two shapes, and every rule
// family (declarative predicates, native checks, cross-document checks)
// asks these functions, never the shapes:
//   - an Expression node: a Terraform reference, variable without a value
//     or call that could not be evaluated, or a plan's `after_unknown`
//     (text kUnknownAfterApply);
//   - a CloudFormation intrinsic left unresolved ({"Ref": P} to a parameter
//     without value or default or to a resource, {"Fn::GetAtt": ...}, an
//     {"Fn::If": ...} whose condition is open), see parsers/cloudformation.
#include <optional>
#include <string>

#include "checker/model/node.h"

namespace clause {

// A single-entry map {"Ref": ...} or {"Fn::...": ...}.
bool is_intrinsic(const Node &n);
// The logical id a CloudFormation reference names: {"Ref": Id},
// {"Fn::GetAtt": [Id, Attr]} or {"Fn::GetAtt": "Id.Attr"}; nullopt for
// anything else (other intrinsics, arguments that are not text).
std::optional<std::string> intrinsic_target(const Node &n);
// An Expression node or an intrinsic.
bool is_unknown_value(const Node &n);
// The input that would decide an unknown value, for --strict notes: the
// expression's source text, or the intrinsic with its scalar arguments
// (`Ref Env`, `Fn::GetAtt Bucket Arn`, `Fn::If IsProd`).
std::string unknown_input(const Node &n);

}  // namespace clause
