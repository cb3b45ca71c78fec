#pragma once
// The declarative check language: all / any / not / each over attribute
// predicates and `related` (a check on the resources linked to this one
// through the references graph), evaluated in three-valued logic. Unknown (a
// value that could not be evaluated statically) never makes a rule fire.
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <re2/re2.h>

#include "checker/model/attribute.h"
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
  // Agreement values (checker/agreement/values.h): durations compared in
  // seconds with a 30-day month; `value` is a duration such as P30D.
  IsDuration,
  DurationLt,
  DurationLe,
  DurationGt,
  DurationGe,
  // Vague wording ("best effort", "promptly", ...) where a commitment is due;
  // the phrase list is checker/agreement/vague_terms.h.
  Vague,
  NotVague,
  // A container image that only holds a place (the `pause` image): the
  // catalogue's test, checker/catalogue/stateful_images.h.
  PlaceholderImage,
};

// A regular expression compiled on its first match, once, by whichever
// thread gets there first: a scan meets few of the built-in patterns, and
// compiling all of them on every run would cost more than the matching.
// Copies of a predicate share one.
class LazyRegex {
 public:
  LazyRegex(std::string pattern, const RE2::Options &options)
      : pattern_(std::move(pattern)), options_(options) {}
  const RE2 &get() const {
    std::call_once(once_, [this] { re_ = std::make_unique<RE2>(pattern_, options_); });
    return *re_;
  }

 private:
  std::string pattern_;
  RE2::Options options_;
  mutable std::once_flag once_;
  mutable std::unique_ptr<RE2> re_;
};

std::optional<PredOp> parse_pred_op(std::string_view text);
const char *pred_op_name(PredOp op);

struct Predicate {
  // Each (`each:`): `children[0]` must hold for every element of the
  // collection `path` reaches, read as bodies; vacuously true when empty.
  // Related: `children` (none: existence) on resources linked through the
  // references graph.
  // Certain (`certain:`): true when `children[0]` is known to be true,
  // false otherwise, unknown included: an exemption that must be shown.
  enum class Kind : uint8_t { All, Any, Not, Attribute, Related, Each, Certain };
  Kind kind = Kind::Attribute;
  std::vector<Predicate> children;  // All / Any / Not / Each / Related / Certain

  AttributePath path;
  std::string path_text;
  PredOp op = PredOp::Exists;
  Node value;                              // expected value (list for in / not_in)
  std::string param;                       // set when `value: {param: name}` names a rule parameter
  int64_t duration_seconds = 0;            // duration ops: `value` in seconds
  std::shared_ptr<const LazyRegex> regex;  // matches / not_matches
  std::optional<Node> default_value;       // the provider's default when absent
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

// Where and why a predicate failed, for the finding's location and message.
struct Outcome {
  Truth truth = Truth::Unknown;
  const Node *actual = nullptr;     // the offending value, when one exists
  const MapEntry *entry = nullptr;  // its map entry (key location)
  std::string actual_text;          // rendered for {actual}
  std::string path_text;            // the attribute that decided
  std::string blocked_by;           // the unknown expression, for --strict
  // When the value is absent: the deepest node the path did reach (the body
  // itself, a list item, or a parent map) and its entry, so that a finding
  // can point at the enclosing block instead of the resource header.
  const Node *missing_in = nullptr;
  const MapEntry *missing_in_entry = nullptr;
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

  // Resources of `type` whose `via` is unknown and names no resource, so
  // that they may refer to the resource asking (never certainly), each
  // judged by `check` (nullptr: none, each passes), in resource order. They
  // are the same for every resource of a module instance: a source may
  // judge them once for all (k buckets and k versioning resources with
  // unknown `bucket`: k judgements, not k²). A source that has them leaves
  // them out of related(type, via, false); it may list the resource asking
  // itself, and resources related() returns, which the caller skips.
  struct Judged {
    const Node *body = nullptr;
    std::string address;
    Outcome outcome;
  };
  struct OpenReferrers {
    std::vector<Judged> undecided;  // passing or unknown: they may or may not refer to it
    std::vector<Judged> failing;
  };
  virtual std::shared_ptr<const OpenReferrers> open_referrers(std::string_view /*type*/,
                                                              std::string_view /*via*/,
                                                              const Predicate * /*check*/) const {
    return nullptr;
  }
  // The body of the resource asking (skipped among open_referrers).
  virtual const Node *self() const { return nullptr; }
};

// `relations` answers `related` predicates; without it they are unknown.
Outcome evaluate(const Predicate &pred, const Node &body, const RelationSource *relations = nullptr);

}  // namespace clause
