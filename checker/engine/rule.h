#pragma once
// A loaded rule: metadata plus, for declarative rules, the compiled check.
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "checker/engine/predicate.h"
#include "checker/model/document.h"
#include "checker/model/rule_info.h"

namespace clause {

// The formats a rule can target, as written in rule packs.
enum class TargetFormat : uint8_t { Terraform, CloudFormation, Kubernetes, Agreement };
const char *target_format_name(TargetFormat f);
std::optional<TargetFormat> parse_target_format(std::string_view name);
std::optional<TargetFormat> target_format_of(DocKind kind);

// What a rule's `check:` and `when:` compile to: applicability and check,
// either shared or per format, or per resource type where one format's
// types name things differently.
struct CompiledChecks {
  std::map<TargetFormat, Predicate> when;
  std::map<TargetFormat, Predicate> check;
  std::optional<Predicate> shared_when;
  std::optional<Predicate> shared_check;
  std::map<std::pair<TargetFormat, std::string>, Predicate> when_by_type;
  std::map<std::pair<TargetFormat, std::string>, Predicate> check_by_type;
};

// A rule's compiled checks: compiled when the rule is loaded (a user's
// pack, whose errors must name their line at once) or when first asked
// for (the built-in packs: a scan meets a few of their resource types, and
// RuleLoader.EveryBuiltinCheckCompiles compiles them all). Compiling on
// first use is safe from several threads. Copies share what is compiled;
// edit() gives a rule its own before it changes them.
class LazyChecks {
 public:
  LazyChecks();  // compiled, and empty
  explicit LazyChecks(CompiledChecks compiled);
  explicit LazyChecks(std::function<CompiledChecks()> compile);
  const CompiledChecks &get() const;
  CompiledChecks &edit();
  bool compiled() const;

 private:
  struct State;
  std::shared_ptr<State> state_;
};

struct DeclarativeCheck {
  // Resource types per format ("*" = every resource of that format).
  std::map<TargetFormat, std::vector<std::string>> targets;
  LazyChecks checks;
  std::string message;

  // The most specific predicate: per type, per format, shared.
  const Predicate *check_for(TargetFormat f, const std::string &type) const;
  const Predicate *when_for(TargetFormat f, const std::string &type) const;
};

struct Rule {
  RuleInfo info;
  std::optional<DeclarativeCheck> declarative;               // set unless the check is native
  bool native = false;                                       // `check: native`: C++ registered under info.id
  std::map<TargetFormat, std::vector<std::string>> targets;  // native checks: formats/types read
  // Policy thresholds (`parameters:` in the rule file), overridable by
  // configuration; read by native checks and by `{param: name}` values.
  std::map<std::string, Node> parameters;
  std::string defined_at;  // FILE:LINE:COL of its `id:`, for errors that name two rules
};

// A rule pack that cannot be loaded: the message names file:line:col.
class RulePackError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace clause
