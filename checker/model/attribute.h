#pragma once
// The model's one attribute reader. Every rule family (declarative
// predicates, native checks, cross-document checks, agreement checks) reads
// a value of a resource body or document through it: a path of map keys, a
// policy for the lists met on the way, and the answer as absent, unknown
// (checker/model/unknown.h) or known, with where it stands.
//
// Path syntax: dot-separated keys (`settings.backup_configuration.enabled`,
// `Properties.Tags`); `[N]` picks one element of a list; a key that holds a
// dot is quoted with "" (`metadata.labels."app.kubernetes.io/name"`).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "checker/model/node.h"

namespace clause {

struct PathStep {
  std::string key;  // map key (empty when index is set)
  std::optional<size_t> index;
};
using AttributePath = std::vector<PathStep>;

// Parses a path; returns nullopt and sets `error` on a malformed one.
std::optional<AttributePath> parse_attribute_path(std::string_view text, std::string &error);
std::string path_to_string(const AttributePath &path);

// What a list met before the end of the path stands for.
enum class ListStep : uint8_t {
  Stop,        // nothing: the path goes through maps only
  FirstBlock,  // its first element when it holds nested blocks (`default_node_pool {}`); other lists stop
  First,       // its first element, whatever the list (a single nested block, a plan's or template's list)
  Each,        // every element, in order (fan-out)
};

struct ReadOptions {
  ListStep lists = ListStep::First;
  // Whether a key that is missing but named by a Terraform `dynamic "KEY"`
  // block reads as unknown (the blocks exist once its for_each is known)
  // rather than absent.
  bool dynamic_blocks = false;
  // Whether Expressions and CloudFormation intrinsics read as unknown; off
  // for plain data documents, where such a map is a value like any other.
  bool unknowns = true;
  // Whether a key written without a value (`key:`) keeps its node and entry
  // (still absent), so that a finding can stand at it.
  bool locate_null = false;
};
// Nested blocks of Terraform, `dynamic` blocks count as unknown.
inline constexpr ReadOptions kBlocksAndDynamic{ListStep::FirstBlock, true, true, false};
// The first element of any list; `dynamic` blocks are not looked at.
inline constexpr ReadOptions kFirstElement{ListStep::First, false, true, false};
// Maps only, in plain data (agreements): no unknowns, empty keys located.
inline constexpr ReadOptions kPlainMaps{ListStep::Stop, false, false, true};
// Every element of every list; `dynamic` blocks count as unknown.
inline constexpr ReadOptions kEachElement{ListStep::Each, true, true, false};

// One value a path reaches.
struct PathHit {
  const Node *node = nullptr;
  const MapEntry *entry = nullptr;  // the map entry holding `node`; none for an element picked by [N]
  bool through_unknown = false;     // an unknown value met before the path's end (`node` is that value)
};

// Every value `path` reaches from `root`, in document order. An Expression,
// or a CloudFormation intrinsic whose key is not the next step, met on the
// way is returned itself with `through_unknown` set, as is a `dynamic`
// block standing for the missing key when `options.dynamic_blocks`.
void attribute_hits(const Node &root, const AttributePath &path, ReadOptions options,
                    std::vector<PathHit> &out);

// One attribute as a rule sees it: not written, not knowable statically,
// or known.
struct Attribute {
  enum class State : uint8_t { Absent, Unknown, Known };
  State state = State::Absent;
  const Node *node = nullptr;       // the value when written (Known or Unknown)
  const MapEntry *entry = nullptr;  // its map entry, for the key's location

  bool absent() const { return state == State::Absent; }
  bool unknown() const { return state == State::Unknown; }
  bool known() const { return state == State::Known; }
  // Written down with a value (an empty `key:` is not).
  bool present() const { return node && !node->is_null(); }
  bool is_map() const { return node && node->is_map(); }
  bool is_list() const { return node && node->is_list(); }
  // The list's items; none when this is not a list.
  const std::vector<Node> &items() const;
  // A scalar as text; empty for anything else.
  std::string text() const;

  // Typed views of a known scalar. Strings that spell the value count, as
  // CloudFormation and YAML write "true" and "30".
  std::optional<bool> as_bool() const;  // true/false, or "true"/"True"/"false"/"False"
  // A number, or a string that is entirely a finite number in decimal or
  // scientific notation ("30", "1e3").
  std::optional<double> as_number() const;
  // A number, or a string that C's strtod reads entirely: also leading
  // blanks, a sign, hexadecimal, "inf" and "nan".
  std::optional<double> as_c_number() const;
  std::optional<std::string> as_string() const;  // any scalar as text

  // The elements of a known list (null ones left out), or a known map as
  // one element; none when absent, unknown or a scalar.
  std::vector<const Node *> elements() const;

  // Where a finding about the value stands: from its key to the end of the
  // entry's value; the value itself when it has no key; `fallback` (the
  // resource header) when it is not written.
  Span span_or(const Span &fallback) const;
  // From its key to the end of `node` (which may be one element of the
  // entry's value); `fallback` when it is not written.
  Span key_to_node_span_or(const Span &fallback) const;
  // For undecided(): the input that would decide an unknown value.
  std::string blocked_by() const;
};

// The attribute at `path` from `root` (absent when `root` is null or the
// path malformed). With ListStep::Each, the first value reached.
Attribute read_attribute(const Node *root, std::string_view path, ReadOptions options);

// The entry `key` (taken literally, no path syntax) of the map `map`, or
// of the map that `map` holds.
Attribute read_entry(const Node *map, std::string_view key, ReadOptions options);
Attribute read_entry(const Attribute &map, std::string_view key, ReadOptions options);

// Span from `entry`'s key to the end of its value.
Span entry_span(const MapEntry &entry);

}  // namespace clause
