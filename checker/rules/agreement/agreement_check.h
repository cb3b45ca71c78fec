#pragma once
// Shared plumbing of the native agreement checks: finding the agreements of a
// project, reading fields, reading rule parameters, and reporting at the
// right place -- the offending field, else the block that should hold the
// missing field, else the agreement's `kind:` line.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "checker/agreement/values.h"
#include "checker/engine/native_check.h"
#include "checker/model/attribute.h"

namespace clause::agreement {

// One agreement: a root of a DocKind::Agreement document whose kind is
// CloudServiceAgreement.
struct AgreementDoc {
  const Document *doc = nullptr;
  const Node *root = nullptr;
};
std::vector<AgreementDoc> agreements_in(const Project &project);

// Agreement fields are read with checker/model/attribute.h (kPlainMaps:
// maps only, no unknowns, an empty `key:` located). Their value formats:
// A duration in seconds; nullopt when absent or not a duration.
inline std::optional<int64_t> duration_of(const Attribute &f) {
  return f.node ? parse_duration_seconds(*f.node) : std::nullopt;
}
// A percentage (99.95, "99.95%"); nullopt when absent or not one.
inline std::optional<double> percent_of(const Attribute &f) {
  return f.node ? parse_percent(*f.node) : std::nullopt;
}
// A boolean true (not a string that spells it).
inline bool is_true(const Attribute &f) {
  return f.node && f.node->kind == NodeKind::Bool && f.node->boolean;
}

// The fields among `names` that `map` lacks (absent, null, or an empty list).
std::vector<std::string> missing_fields(const Node *map, const std::vector<std::string> &names);
// An item's name for messages: its `key` ("id" by default) quoted, or
// `fallback` when it has none: "objective 'ledger-availability'".
std::string item_label(const Node &item, std::string_view what, std::string_view key = "id");

// Availability objectives: those whose metric is one of `metric_ids`.
bool measures_one_of(const Node &objective, const std::vector<std::string> &metric_ids);
// A numeric target as a number: 99.95, "99.95" or "99.95%"; nullopt for text.
std::optional<double> numeric_target(const Node &objective);
// True when the objective promises at least its target (>= or >).
bool is_lower_bound(const Node &objective);

// "99.95%".
std::string percent_text(double value);

// "30 days", "4 hours" (checker/agreement/values.h).
inline std::string human(int64_t seconds) { return format_duration(seconds); }

class AgreementReporter {
 public:
  AgreementReporter(const NativeCheckContext &ctx, const AgreementDoc &agreement)
      : ctx_(ctx), agreement_(agreement) {}

  const Node &root() const { return *agreement_.root; }
  // At a present field, from its key to the end of its value; at the kind
  // line when the field is not located.
  void at(const Attribute &field, std::string message) const;
  // At `dotted` when it is written down, else at the deepest block on its
  // way that is, else at the `kind:` line.
  void at_path(std::string_view dotted, std::string message) const;
  void at_kind(std::string message) const;
  // The field at `dotted` when it is written down with a value; otherwise
  // reports `message` as at_path does and returns an empty Attribute.
  Attribute require(std::string_view dotted, std::string message) const;

 private:
  const NativeCheckContext &ctx_;
  AgreementDoc agreement_;
};

// Runs `check` on every agreement of the project; an agreement it reports
// nothing on is tallied as passed (each report tallies a failure).
template <typename Check>
void for_each_agreement(const NativeCheckContext &ctx, Check check) {
  for (const auto &a : agreements_in(ctx.project())) {
    const size_t failed_before = ctx.tally().failed;
    check(AgreementReporter(ctx, a));
    if (ctx.tally().failed == failed_before) ctx.passed();
  }
}

// Rule parameters (`parameters:` in the rule file). A parameter that is
// missing or does not parse gives nullopt and the check that needs it is
// skipped; a unit test keeps the built-in defaults valid.
std::optional<int64_t> param_duration(const NativeCheckContext &ctx, std::string_view name);
std::optional<double> param_number(const NativeCheckContext &ctx, std::string_view name);
std::optional<Date> param_date(const NativeCheckContext &ctx, std::string_view name);
std::vector<std::string> param_strings(const NativeCheckContext &ctx, std::string_view name);

// Joins words for messages: "a, b and c".
std::string join_words(const std::vector<std::string> &words);
// The `key` values (default "id") of the maps in a list, in order.
std::vector<std::string> ids_of(const Attribute &list, std::string_view key = "id");
bool contains(const std::vector<std::string> &values, std::string_view value);
// The scalar items of a list, as text.
std::vector<std::string> strings_of(const Attribute &list);
// 'value' in single quotes, for messages.
inline std::string quoted(std::string_view value) { return "'" + std::string(value) + "'"; }

}  // namespace clause::agreement
