#pragma once
// The declarative check language: all / any / not over attribute predicates
// and `related` (a check on the resources linked to this one through the
// references graph), evaluated in three-valued logic. Unknown (a value that
// could not be evaluated statically) never makes a rule fire.
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
  enum class Kind : uint8_t { All, Any, Not, Attribute, Related };
  Kind kind = Kind::Attribute;
  std::vector<Predicate> children;  // All / Any / Not; Related: its check (none: existence)

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

  // Related: resources of `related_type` linked through attribute
  // `related_via`; `outgoing`: this resource's `via` refers to them, else
  // (the default) their `via` refers to this resource.
  std::string related_type;
  std::string related_via;
  bool outgoing = false;
};

// The resources linked to the one being judged (the references graph, as
// the evaluator exposes it to predicates).
class RelationSource {
 public:
  virtual ~RelationSource() = default;
  struct Related {
    const Node *body = nullptr;  // nullptr: a resource that cannot be known
    std::string address;
    bool certain = true;  // false: the link itself is not known
  };
  virtual std::vector<Related> related(std::string_view type, std::string_view via, bool outgoing) const = 0;
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

// `relations` answers `related` predicates; without it they are unknown.
Outcome evaluate(const Predicate &pred, const Node &body, const RelationSource *relations = nullptr);

}  // namespace clause
