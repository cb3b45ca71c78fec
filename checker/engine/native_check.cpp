#include "checker/engine/native_check.h"

#include <algorithm>
#include <filesystem>
#include <set>

#include "checker/engine/rule.h"
#include "checker/engine/rule_set.h"
#include "checker/kustomize/rendered_findings.h"

namespace clause {
namespace {

// Where a check is defined is kept as the compiler gave it and made
// relative to the source tree only when asked for (native_check_source):
// registrations run before main in every process, the paths' arithmetic
// once took a third of a bare `clause --version`.
struct Registration {
  NativeCheck check;
  const char *file;  // as the compiler names it
  unsigned line;
};

std::map<std::string, Registration, std::less<>> &registry() {
  static std::map<std::string, Registration, std::less<>> r;
  return r;
}

// `file` relative to the source tree. The compiler names a file as it was
// given (absolute, or relative to the build directory when ccache rewrites
// paths under its base_dir); the build passes both trees' paths to this file
// alone (CLAUSE_SOURCE_TREE, CLAUSE_BUILD_TREE).
std::string tree_relative(std::string_view file) {
#if defined(CLAUSE_SOURCE_TREE) && defined(CLAUSE_BUILD_TREE)
  namespace fs = std::filesystem;
  fs::path path(file);
  if (path.is_relative()) path = fs::path(CLAUSE_BUILD_TREE) / path;
  const fs::path relative = path.lexically_normal().lexically_relative(fs::path(CLAUSE_SOURCE_TREE));
  if (!relative.empty() && *relative.begin() != "..") return relative.generic_string();
#endif
  return std::string(file);
}

}  // namespace

NativeCheckRegistrar::NativeCheckRegistrar(const char *id, NativeCheck check, SourceLocation where) {
  registry()[id] = Registration{std::move(check), where.file_name(), static_cast<unsigned>(where.line())};
}

const NativeCheck *find_native_check(std::string_view id) {
  auto it = registry().find(id);
  return it == registry().end() ? nullptr : &it->second.check;
}

std::vector<std::string> registered_native_checks() {
  std::vector<std::string> out;
  for (const auto &[id, _] : registry()) out.push_back(id);
  return out;
}

std::string native_check_source(std::string_view id) {
  auto it = registry().find(id);
  if (it == registry().end()) return std::string();
  return tree_relative(it->second.file) + ":" + std::to_string(it->second.line);
}

std::vector<std::string> native_registration_problems(const RuleSet &rules,
                                                      const std::vector<std::string> &registered) {
  const std::set<std::string, std::less<>> checks(registered.begin(), registered.end());
  std::set<std::string, std::less<>> native_rules;
  std::vector<std::string> problems;
  for (const Rule &r : rules.rules()) {
    if (!r.native) continue;
    native_rules.insert(r.info.id);
    if (!checks.contains(r.info.id))
      problems.push_back(r.info.id + " (" + r.info.source +
                         ") says `check: native`, but no native check is registered under " + r.info.id);
  }
  for (const std::string &id : checks)
    if (!native_rules.contains(id))
      problems.push_back(id + " is registered as a native check" +
                         (native_check_source(id).empty() ? "" : " at " + native_check_source(id)) +
                         ", but no rule with `check: native` has that id");
  std::sort(problems.begin(), problems.end());
  return problems;
}

const Node *NativeCheckContext::param(std::string_view name) const {
  auto it = rule_.parameters.find(std::string(name));
  return it == rule_.parameters.end() ? nullptr : &it->second;
}

bool NativeCheckContext::reported(const Document &doc, const std::vector<RelatedLocation> &related) const {
  if (!unreported_ || !unreported_->count(&doc)) return true;
  for (const RelatedLocation &r : related)
    if (const Document *d = project_.find_document(r.location.path); d && !unreported_->count(d)) return true;
  return false;
}

void NativeCheckContext::report(const Document &doc, const Span &span, std::string message,
                                std::string resource, std::vector<RelatedLocation> related) const {
  ++tally_.targets;
  ++tally_.failed;
  if (!reported(doc, related)) return;
  build(doc, span, std::move(message), std::move(resource), std::move(related), "");
}

void NativeCheckContext::report_in_unit(uint32_t unit, const Document &doc, const Span &span,
                                        std::string message, std::string resource,
                                        std::vector<RelatedLocation> related) const {
  ++tally_.targets;
  ++tally_.failed;
  const bool unit_selected = reported_units_ && unit < reported_units_->size() && (*reported_units_)[unit];
  if (!unit_selected && !reported(doc, related)) return;
  build(doc, span, std::move(message), std::move(resource), std::move(related),
        unit < project_.units.size() ? project_.units[unit].name() : "");
}

void NativeCheckContext::build(const Document &doc, const Span &span, std::string message,
                               std::string resource, std::vector<RelatedLocation> related,
                               std::string unit) const {
  findings_.push_back(make_finding(rule_.info, {.location = doc.location(span),
                                                .message = std::move(message),
                                                .resource = resource.empty() ? doc.path : std::move(resource),
                                                .snippet = std::string(doc.line_text(span)),
                                                .related = std::move(related),
                                                .unit = std::move(unit)}));
}

void NativeCheckContext::undecided(const Document &doc, const Span &span, std::string resource,
                                   std::string blocked_by) const {
  ++tally_.targets;
  ++tally_.unknown;
  if (!strict_ || !reported(doc)) return;
  undecided_.push_back(make_undecided_finding(rule_.info,
                                              {.location = doc.location(span),
                                               .resource = resource.empty() ? doc.path : std::move(resource),
                                               .snippet = std::string(doc.line_text(span))},
                                              "it", blocked_by));
}

bool NativeCheckContext::note_default(const Resource &r, const Node *node, const Span &span,
                                      std::string &message) const {
  const AssumedDefault *use = default_deciding(r, node, span);
  if (!use) return false;
  if (!use->callers_decide) {
    message += " (" + default_note(*use) + ")";
    return false;
  }
  std::string inputs;
  for (const std::string &name : use->parameters) inputs += (inputs.empty() ? "var." : ", var.") + name;
  undecided(r, node, span, inputs);
  return true;
}

void NativeCheckContext::report(const Resource &r, const Node *node, const Span &span, std::string message,
                                std::vector<RelatedLocation> related) const {
  if (note_default(r, node, span, message)) return;
  if (r.rendered) related.push_back(kustomize::rendered_by(*r.rendered));
  report(r.document_of(node), r.span_of(node, span), std::move(message), r.address, std::move(related));
}

void NativeCheckContext::report_in_unit(const Resource &r, const Node *node, const Span &span,
                                        std::string message, std::vector<RelatedLocation> related) const {
  if (note_default(r, node, span, message)) return;
  if (r.rendered) related.push_back(kustomize::rendered_by(*r.rendered));
  report_in_unit(r.unit, r.document_of(node), r.span_of(node, span), std::move(message), r.address,
                 std::move(related));
}

void NativeCheckContext::undecided(const Resource &r, const Node *node, const Span &span,
                                   std::string blocked_by) const {
  undecided(r.document_of(node), r.span_of(node, span), r.address, std::move(blocked_by));
}

}  // namespace clause
