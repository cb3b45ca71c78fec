#include "checker/engine/native_check.h"

#include "checker/engine/rule.h"
#include "sarif/fingerprint.h"

namespace clause {
namespace {

std::map<std::string, NativeCheck, std::less<>> &registry() {
  static std::map<std::string, NativeCheck, std::less<>> r;
  return r;
}

}  // namespace

NativeCheckRegistrar::NativeCheckRegistrar(const char *id, NativeCheck check) {
  registry()[id] = std::move(check);
}

const NativeCheck *find_native_check(std::string_view id) {
  auto it = registry().find(id);
  return it == registry().end() ? nullptr : &it->second;
}

std::vector<std::string> registered_native_checks() {
  std::vector<std::string> out;
  for (const auto &[id, _] : registry()) out.push_back(id);
  return out;
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
  Finding f;
  f.rule_id = rule_.info.id;
  f.severity = rule_.info.severity;
  f.location = doc.location(span);
  f.message = std::move(message);
  f.resource = resource.empty() ? doc.path : std::move(resource);
  f.snippet = std::string(doc.line_text(span));
  f.related = std::move(related);
  f.unit = std::move(unit);
  f.fingerprint = finding_fingerprint(f.rule_id, f.resource, f.snippet);
  findings_.push_back(std::move(f));
}

void NativeCheckContext::undecided(const Document &doc, const Span &span, std::string resource,
                                   std::string blocked_by) const {
  ++tally_.targets;
  ++tally_.unknown;
  if (!strict_ || !reported(doc)) return;
  Finding f;
  f.rule_id = rule_.info.id;
  f.severity = Severity::Info;
  f.location = doc.location(span);
  f.resource = resource.empty() ? doc.path : resource;
  f.message = rule_.info.id + " could not be decided for " + f.resource + ": it depends on `" + blocked_by +
              "`, which is not known statically";
  f.snippet = std::string(doc.line_text(span));
  f.fingerprint = finding_fingerprint(f.rule_id, f.resource, f.snippet);
  undecided_.push_back(std::move(f));
}

}  // namespace clause
