#pragma once
// The structure of an expression that could not be evaluated at parse time
// (HCL references, calls, templates, conditionals, ...). The HCL parser
// builds it while walking the syntax tree, so Terraform evaluation never
// re-parses source text.
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "checker/model/location.h"
#include "checker/model/node.h"

namespace clause {

struct Expr {
  enum class Op : uint8_t {
    Literal,      // `literal` holds the literal (string, number, bool, null)
    Template,     // args: the parts, concatenated (literal strings and exprs)
    Variable,     // name: the root identifier (`var`, `local`, `aws_s3_bucket`, `each`, ...)
    GetAttr,      // args[0].name
    Index,        // args[0][args[1]]
    Splat,        // args[0][*] then args[1..] applied to each element (name unused)
    Call,         // name(args...); `expand` set when the last arg ends with `...`
    Conditional,  // args[0] ? args[1] : args[2]
    Binary,       // args[0] name args[1]; name is the operator (`+`, `==`, `&&`, ...)
    Unary,        // name args[0]; name is `!` or `-`
    Tuple,        // [args...]
    Object,       // keys in args[2i], values in args[2i+1]
    For,          // a `for` expression (kept unevaluated: its source text only)
    TemplateIf,   // %{ if args[0] } args[1] %{ else } args[2] %{ endif }
    TemplateFor,  // %{ for ... } (kept unevaluated)
    Unsupported,  // anything else; evaluation yields unknown
  };

  // An expression's source text is its Expression node's `text` (kept
  // once, there: an Expr holds none).
  Op op = Op::Unsupported;
  bool expand = false;
  std::string name;
  std::vector<Expr> args;
  // Literal only: the literal (string, number, bool, null), held out of
  // line so that the other Exprs (most of them) do not carry a whole Node.
  std::shared_ptr<const Node> literal;
  Span span;

  // The literal, or a null Node without a span when there is none.
  const Node &value() const;
  void set_value(Node v) { literal = std::make_shared<const Node>(std::move(v)); }
};

using ExprPtr = std::shared_ptr<const Expr>;

}  // namespace clause
