#pragma once
// The declarative check language: all / any / not over attribute predicates,
// evaluated in three-valued logic. Unknown (a value that could not be
// evaluated statically) never makes a rule fire.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <re2/re2.h>

#include "checker/engine/path.h"
#include "checker/model/node.h"

namespace clause {

enum class Truth : uint8_t { False, True, Unknown };

enum class PredOp : uint8_t {
  Exists,
  Absent,
  Eq,
  Ne,
  Lt,
  Le,
  Gt,
  Ge,
  In,
  NotIn,
  Matches,
  NotMatches,
  Contains,
  NotContains,
  LenGe,
  LenLe,
};

std::optional<PredOp> parse_pred_op(std::string_view text);
const char *pred_op_name(PredOp op);

struct Predicate {
  // Each: `path` reaches a collection (a list of blocks, containers...);
  // children[0] must hold for every element, read as the body. No element
  // at all is vacuously true.
  enum class Kind : uint8_t { All, Any, Not, Attribute, Each };
  Kind kind = Kind::Attribute;
  std::vector<Predicate> children;  // All / Any / Not / Each

  AttributePath path;
  std::string path_text;
  PredOp op = PredOp::Exists;
  Node value;                         // expected value (list for in / not_in)
  std::shared_ptr<const RE2> regex;   // matches / not_matches, compiled once
  std::optional<Node> default_value;  // the provider's default when absent
  bool ignore_case = false;
  // When the path reaches several values (lists fan out): must every value
  // satisfy the op (all, the default) or is one enough (any)?
  bool any_value = false;
};

// Where and why a predicate failed, for the finding's location and message.
struct Outcome {
  Truth truth = Truth::Unknown;
  const Node *actual = nullptr;     // the offending value, when one exists
  const MapEntry *entry = nullptr;  // its map entry (key location)
  std::string actual_text;          // rendered for {actual}
  std::string path_text;            // the attribute that decided
  std::string blocked_by;           // the unknown expression, for --strict
};

Outcome evaluate(const Predicate &pred, const Node &body);

}  // namespace clause
