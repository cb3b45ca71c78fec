#pragma once
// Checks written in C++ for what predicates cannot express (comparisons
// across fields or documents, arithmetic on durations, the references
// graph). Their metadata still lives in a rule YAML file with
// `check: native`; the code registers itself under the same rule id, so
// docs, SARIF and selection treat both kinds alike.
#include <functional>
#include <map>
#include <version>
#if __has_include(<source_location>)
#include <source_location>
#endif
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "checker/model/finding.h"
#include "checker/model/report.h"
#include "checker/project/project.h"

namespace clause {

struct Rule;
class RuleSet;

class NativeCheckContext {
 public:
  // `unreported`: documents whose findings nobody will read (see
  // EvaluationOptions::reported); they are counted, never built.
  // `reported_units`: with `unreported`, which units (by index) hold a
  // selected file; their unit-wide findings are built wherever they stand.
  NativeCheckContext(const Project &project, const Rule &rule, bool strict, std::vector<Finding> &findings,
                     std::vector<Finding> &undecided, const std::unordered_set<const Document *> *unreported,
                     const std::vector<bool> *reported_units = nullptr)
      : project_(project),
        rule_(rule),
        strict_(strict),
        findings_(findings),
        undecided_(undecided),
        unreported_(unreported),
        reported_units_(reported_units) {}

  const Project &project() const { return project_; }
  const Rule &rule() const { return rule_; }
  bool strict() const { return strict_; }

  // A rule parameter (`parameters:` in the rule file, overridable by
  // configuration); nullptr when the rule declares none of that name.
  const Node *param(std::string_view name) const;

  // Reports a finding of this rule at `span` of `doc`.
  void report(const Document &doc, const Span &span, std::string message, std::string resource,
              std::vector<RelatedLocation> related = {}) const;
  // The same for a finding about deployment unit `unit` as a whole (its
  // verdict depends on every file of the unit): the finding names the unit,
  // and a filtered scan reports it when any file of the unit is selected.
  void report_in_unit(uint32_t unit, const Document &doc, const Span &span, std::string message,
                      std::string resource, std::vector<RelatedLocation> related = {}) const;
  // --strict: the check could not decide because `blocked_by` is unknown.
  void undecided(const Document &doc, const Span &span, std::string resource, std::string blocked_by) const;

  // The same for a value of resource `r`: at `span` of the document `node`
  // was written in (a rendered object's patch or kustomization, see
  // Resource::document_of), `r`'s header when `node` is null; the
  // kustomization that renders `r` becomes a related location. A value an
  // input's default decided says so (Resource::assumed_defaults).
  void report(const Resource &r, const Node *node, const Span &span, std::string message,
              std::vector<RelatedLocation> related = {}) const;
  // The same for a finding about `r`'s deployment unit as a whole.
  void report_in_unit(const Resource &r, const Node *node, const Span &span, std::string message,
                      std::vector<RelatedLocation> related = {}) const;
  void undecided(const Resource &r, const Node *node, const Span &span, std::string blocked_by) const;

  // A finding on a value of `r` (`node`, may be null; at `span`) that an
  // input's default decided: appends "(with the default of variable X)"
  // (or the model's note) to `message` and returns false; when the callers
  // of a reusable module choose that value, reports the check undecided
  // and returns true (nothing left to report). The report() overloads for
  // a Resource call it; checks that report at a Document call it first.
  bool note_default(const Resource &r, const Node *node, const Span &span, std::string &message) const;

  // For the compliance summary: call once per target the check judged
  // (resource, agreement, pair). report()/undecided() count as a failure /
  // an unknown by themselves, so call passed() for targets that pass.
  void passed() const {
    ++tally_.targets;
    ++tally_.passed;
  }
  const RuleTally &tally() const { return tally_; }

 private:
  const Project &project_;
  const Rule &rule_;
  bool strict_;
  std::vector<Finding> &findings_;
  std::vector<Finding> &undecided_;
  const std::unordered_set<const Document *> *unreported_;
  const std::vector<bool> *reported_units_;
  mutable RuleTally tally_;

  // Whether anyone reads a finding at `doc` with these related locations.
  bool reported(const Document &doc, const std::vector<RelatedLocation> &related = {}) const;
  void build(const Document &doc, const Span &span, std::string message, std::string resource,
             std::vector<RelatedLocation> related, std::string unit) const;
};

using NativeCheck = std::function<void(const NativeCheckContext &)>;

#if defined(__cpp_lib_source_location)
using SourceLocation = std::source_location;
#else
// clang 14 with libstdc++ 12 (the fuzz build) has no std::source_location;
// the builtins it rests on are there.
struct SourceLocation {
  static constexpr SourceLocation current(const char *file = __builtin_FILE(),
                                          unsigned line = __builtin_LINE()) noexcept {
    SourceLocation here;
    here.file_ = file;
    here.line_ = line;
    return here;
  }
  constexpr const char *file_name() const noexcept { return file_; }
  constexpr unsigned line() const noexcept { return line_; }

 private:
  const char *file_ = "";
  unsigned line_ = 0;
};
#endif

// Registers `check` for rule `id` at static-initialisation time, and where
// the registration stands (`clause rules -f json` prints it as `source`):
//   static const NativeCheckRegistrar reg("CL-0705", &check_fn);
struct NativeCheckRegistrar {
  NativeCheckRegistrar(const char *id, NativeCheck check, SourceLocation where = SourceLocation::current());
};

const NativeCheck *find_native_check(std::string_view id);
// The ids of every registered native check, sorted.
std::vector<std::string> registered_native_checks();
// What disagrees between `rules` and the native checks `registered` (by
// id), one sentence each, sorted: a rule with `check: native` and no check
// registered under its id, and a registered check no rule of `rules` runs
// (an orphan: its rule file was removed or renamed). Empty when they agree.
std::vector<std::string> native_registration_problems(const RuleSet &rules,
                                                      const std::vector<std::string> &registered);
// Where the check of `id` was registered, "path:line" with the path relative
// to the source tree (as the compiler saw it when it is outside the tree);
// "" when none is registered.
std::string native_check_source(std::string_view id);

}  // namespace clause
