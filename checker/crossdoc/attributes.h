#pragma once
// Reading infrastructure attributes the way cross-document rules need them:
// written or not, knowable or not, and where. Works on every format's
// resource body (Terraform HCL and plan values, CloudFormation, Kubernetes).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "checker/model/node.h"

namespace clause::crossdoc {

// Whether a value cannot be known statically: an Expression node (Terraform
// references and variables without a value, plan `after_unknown`), or a
// CloudFormation intrinsic function that stayed unresolved ({"Ref": P} to a
// parameter without default or a pseudo parameter, {"Fn::...": ...}).
bool is_unknown(const Node &n);
// The text a --strict note names for an unknown value: the expression's
// source, or `Ref P` / `Fn::GetAtt ...` for intrinsics.
std::string unknown_text(const Node &n);

// One attribute of a resource as a rule sees it.
struct Attr {
  enum class State : uint8_t { Absent, Unknown, Known };
  State state = State::Absent;
  const Node *node = nullptr;       // the value (Known or Unknown)
  const MapEntry *entry = nullptr;  // its map entry (key location)

  bool absent() const { return state == State::Absent; }
  bool unknown() const { return state == State::Unknown; }
  bool known() const { return state == State::Known; }

  // Typed views of a known scalar; strings that spell a number or a bool
  // count (CloudFormation writes "30" and "true").
  std::optional<double> number() const;
  std::optional<bool> boolean() const;
  std::optional<std::string> string() const;
  // Where a finding about the attribute stands: from its key to the end of
  // its value; `fallback` (the resource header) when it is not written.
  Span span_or(const Span &fallback) const;
  // For undecided(): the unknown value's text.
  std::string blocked_by() const { return node ? unknown_text(*node) : std::string(); }
};

// Follows a dotted path of map keys from `body` ("settings.backup_configuration.enabled").
// A list met on the way yields its first element, the shape of a single
// nested block (`point_in_time_recovery { enabled = true }`). An unknown
// value on the way makes the whole path unknown.
Attr attr(const Node *body, std::string_view path);

// The elements of a repeated nested block or list at `path` (`rule`,
// `Properties.Rules`); a map there counts as one element. Empty when absent
// or unknown (see attr() to tell those apart).
std::vector<const Node *> elements(const Node *body, std::string_view path);

// A number that spells a whole count of days, hours, ... in a string such
// as Google's "604800s" duration; nullopt when it is not one.
std::optional<int64_t> google_duration_seconds(const Node &n);

// Span from `entry`'s key to the end of its value.
Span entry_span(const MapEntry &entry);

}  // namespace clause::crossdoc
