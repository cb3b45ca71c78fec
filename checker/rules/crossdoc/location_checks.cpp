// Scenario 5.1 (data location) and 5.2 (disaster-recovery topology): where
// the agreement says data may be and where the infrastructure puts it.
#include <set>

#include "checker/crossdoc/copies.h"
#include "checker/crossdoc/judge.h"
#include "checker/geo/regions.h"

namespace clause::crossdoc {
namespace {

struct AllowedLocations {
  Promised field;
  std::vector<std::string> codes;    // the entries clause knows
  std::set<std::string> applies_to;  // empty: every copy

  bool covers(const char *what) const { return applies_to.empty() || applies_to.count(what) > 0; }
  std::string text() const {
    std::string out;
    for (size_t i = 0; i < codes.size(); ++i) out += (i ? ", " : "") + codes[i];
    return out;
  }
};

std::optional<AllowedLocations> allowed_locations(const AgreementView &a) {
  AllowedLocations out;
  out.field = a.field("dataManagement.location.allowed");
  if (!out.field.node) return std::nullopt;
  for (const auto &code : a.strings("dataManagement.location.allowed"))
    if (geo::is_known_location(code)) out.codes.push_back(code);
  if (out.codes.empty()) return std::nullopt;  // nothing clause can compare with (agreement rules say so)
  for (const auto &s : a.strings("dataManagement.location.appliesTo")) out.applies_to.insert(s);
  return out;
}

// Which kind of copy a data store is, for `appliesTo`.
const char *copy_kind(const IndexedResource &r) {
  static const std::set<std::string, std::less<>> kLogs = {"aws_cloudwatch_log_group", "AWS::Logs::LogGroup",
                                                           "azurerm_log_analytics_workspace",
                                                           "google_logging_project_bucket_config"};
  static const std::set<std::string, std::less<>> kBackups = {"aws_backup_vault", "AWS::Backup::BackupVault",
                                                              "azurerm_recovery_services_vault"};
  if (kLogs.count(r.type())) return "logs";
  if (kBackups.count(r.type())) return "backups";
  return "primary";
}

std::string countries_text(const std::vector<std::string> &countries) {
  std::string out;
  for (size_t i = 0; i < countries.size() && i < 6; ++i) out += (i ? ", " : "") + countries[i];
  if (countries.size() > 6) out += ", ...";
  return out;
}

// Where a location was set, as a related location, when it is not on the
// line the finding stands at.
void add_origin(std::vector<RelatedLocation> &related, const EffectiveLocation &l, const Span &finding_at,
                const Document &finding_doc) {
  if (!l.doc || !l.span.valid()) return;
  if (l.doc == &finding_doc && l.span.start_line == finding_at.start_line) return;
  related.push_back(
      RelatedLocation{l.doc->location(l.span), "the region " + l.region + " is set here (" + l.via + ")"});
}

// The finding's place for a resource's location: its own attribute when the
// location is written on it, else its header.
Span location_span(const IndexedResource &r, const EffectiveLocation &l) {
  if (l.doc == &r.document() && l.span.valid() && l.via.rfind("its ", 0) == 0) return l.span;
  return r.resource->span;
}

// CL-0170 ctx.x-residency
void residency(const NativeCheckContext &ctx) {
  const ResourceIndex &index = resource_index(ctx.project());
  Judge judge(ctx);
  for (const AgreementView &a : agreements(ctx.project())) {
    auto allowed = allowed_locations(a);
    if (!allowed) continue;
    Binding binding(a, index);
    for (const auto &[r, m] : binding.scope([](const IndexedResource &r) { return r.data_bearing; })) {
      if (!allowed->covers(copy_kind(*r))) continue;
      const EffectiveLocation &l = r->location;
      if (l.state == EffectiveLocation::State::None) continue;
      Span at = location_span(*r, l);
      if (l.unknown()) {
        judge.undecided(*r, at, l.blocked_by);
        continue;
      }
      auto countries = l.countries();
      if (!countries) {
        judge.undecided(*r, at, "region " + l.region + ", which clause's region tables do not know");
        continue;
      }
      if (geo::countries_within(*countries, allowed->codes)) {
        judge.pass();
        continue;
      }
      std::vector<RelatedLocation> related{
          a.related(allowed->field, "the agreement allows customer data only in " + allowed->text())};
      add_origin(related, l, at, r->document());
      judge.fail(*r, m, at,
                 "The agreement allows customer data only in " + allowed->text() + " (" +
                     a.where(allowed->field.span) + ") but " + r->address() + " stores data in " + l.region +
                     " (" + countries_text(*countries) + "), set by " + l.via,
                 std::move(related));
    }
  }
}

// CL-0171 ctx.x-replica-residency
void replica_residency(const NativeCheckContext &ctx) {
  const ResourceIndex &index = resource_index(ctx.project());
  Judge judge(ctx);
  auto copies = data_copies(index);
  for (const AgreementView &a : agreements(ctx.project())) {
    auto allowed = allowed_locations(a);
    if (!allowed) continue;
    Binding binding(a, index);
    for (const DataCopy &c : copies) {
      if (!allowed->covers(c.backup ? "backups" : "replicas")) continue;
      Membership m = binding.in_scope(c.subject());
      if (m.no()) continue;
      const EffectiveLocation &l = c.destination;
      if (l.unknown()) {
        judge.undecided(*c.owner, c.span, l.blocked_by);
        continue;
      }
      auto countries = l.countries();
      if (!countries) {
        judge.undecided(*c.owner, c.span,
                        "region " + l.region + ", which clause's region tables do not know");
        continue;
      }
      if (geo::countries_within(*countries, allowed->codes)) {
        judge.pass();
        continue;
      }
      std::vector<RelatedLocation> related{a.related(
          allowed->field,
          "the agreement allows customer data, replicas and backups included, only in " + allowed->text())};
      add_origin(related, l, c.span, c.owner->document());
      std::string of = c.source && c.source != c.owner ? " of " + c.source->address() : "";
      judge.fail(
          *c.owner, m, c.span,
          "The agreement allows customer data only in " + allowed->text() + " (" +
              a.where(allowed->field.span) + ") but this " + c.what + of + " lands in " + l.region + " (" +
              countries_text(*countries) + ")" +
              (c.destination_name.empty() || c.destination_name == l.region ? ""
                                                                            : ", in " + c.destination_name),
          std::move(related));
    }
  }
}

bool promises_other_region(const std::string &strategy) {
  std::string s;
  for (char ch : strategy) s += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return s.find("multi-region") != std::string::npos || s.find("cross-region") != std::string::npos ||
         s.find("multiregion") != std::string::npos || s.find("geo-redundan") != std::string::npos ||
         s.find("second-region") != std::string::npos || s.find("secondary-region") != std::string::npos;
}

// CL-0270 plan.x-dr-topology
void dr_topology(const NativeCheckContext &ctx) {
  const ResourceIndex &index = resource_index(ctx.project());
  Judge judge(ctx);
  auto copies = data_copies(index);
  for (const AgreementView &a : agreements(ctx.project())) {
    Promised strategy = a.field("reliability.disasterRecovery.strategy");
    if (!strategy.node || !strategy.node->is_string() || !promises_other_region(strategy.node->text))
      continue;
    Binding binding(a, index);
    std::set<std::string> regions;
    const IndexedResource *first = nullptr;
    std::string blocked;
    auto note = [&](const IndexedResource &r, const Membership &m, const EffectiveLocation &l) {
      if (m.unknown()) {
        if (blocked.empty()) blocked = m.blocked_by;
        return;
      }
      if (l.unknown()) {
        if (blocked.empty()) blocked = l.blocked_by;
        return;
      }
      if (!l.known()) return;
      regions.insert(l.region_key());
      if (!first) first = &r;
    };
    size_t stores = 0;
    for (const auto &[r, m] : binding.scope([](const IndexedResource &r) { return r.data_bearing; })) {
      note(*r, m, r->location);
      ++stores;
    }
    for (const DataCopy &c : copies) {
      Membership m = binding.in_scope(c.subject());
      if (!m.no()) note(*c.owner, m, c.destination);
    }
    if (stores == 0) continue;
    if (regions.size() >= 2) {
      judge.pass();
      continue;
    }
    if (!blocked.empty() || !first) {
      ctx.undecided(a.document(), strategy.span, a.resource().address,
                    blocked.empty() ? "the data stores' regions" : blocked);
      continue;
    }
    std::vector<RelatedLocation> related;
    const EffectiveLocation &l = first->location;
    if (l.doc && l.span.valid())
      related.push_back(
          RelatedLocation{l.doc->location(l.span),
                          "the data stores and every copy of them are in " + l.region + " (" + l.via + ")"});
    related.push_back(RelatedLocation{first->resource->location(), "for example " + first->address()});
    judge.fail_at_agreement(
        a, strategy.span,
        "The agreement's disaster-recovery strategy '" + strategy.node->text +
            "' needs data in a second region, but every data store of the service and every "
            "replica or backup copy is in " +
            l.region,
        std::move(related));
  }
}

const NativeCheckRegistrar reg_residency("CL-0170", &residency);
const NativeCheckRegistrar reg_replicas("CL-0171", &replica_residency);
const NativeCheckRegistrar reg_dr("CL-0270", &dr_topology);

}  // namespace
}  // namespace clause::crossdoc
