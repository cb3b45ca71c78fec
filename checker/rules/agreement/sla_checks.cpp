// Scenario 5.7 (the cloud service agreement): availability promised per
// service, bounded exclusions, a maintenance budget the target can carry,
// remedies, a support matrix and a manifest.
#include <cmath>

#include "checker/agreement/vague_terms.h"
#include "checker/rules/agreement/agreement_check.h"

namespace clause::agreement {
namespace {

// CL-0740 agr.availability-slo: each covered service has an availability
// objective.
void availability_slo(const NativeCheckContext &ctx) {
  const std::vector<std::string> metrics = param_strings(ctx, "availabilityMetrics");
  for_each_agreement(ctx, [&](const AgreementReporter &r) {
    std::vector<std::string> covered;
    for (const Node &obj : field_at(r.root(), "serviceLevels.objectives").items())
      if (measures_one_of(obj, metrics)) covered.push_back(field(&obj, "service").text());
    for (const Node &service : field(&r.root(), "services").items()) {
      Field id = field(&service, "id");
      if (!id.present() || contains(covered, id.text())) continue;
      r.at(id, "service " + quoted(id.text()) +
                   " has no availability objective (a serviceLevels.objectives "
                   "entry measuring " +
                   join_words(metrics) + ")");
    }
  });
}

bool excluded_from_downtime(const Node &window) {
  // Absent is read as excluded: that is how the customer would lose.
  Field counts = field(&window, "countsAsDowntime");
  return !counts.is_true();
}

// CL-0741 agr.exclusions-bounded: objectives list their exclusions, and
// maintenance left out of availability is bounded in length.
void exclusions_bounded(const NativeCheckContext &ctx) {
  const std::vector<std::string> maintenance_words = param_strings(ctx, "maintenanceExclusions");
  for_each_agreement(ctx, [&](const AgreementReporter &r) {
    Field windows = field_at(r.root(), "changes.maintenanceWindows");
    for (const Node &obj : field_at(r.root(), "serviceLevels.objectives").items()) {
      Field exclusions = field(&obj, "exclusions");
      if (!exclusions.present()) {
        r.at(item_field(obj), item_label(obj, "objective") +
                                  " lists no exclusions: it is open which events do not count against it");
        continue;
      }
      if (!windows.items().empty()) continue;
      for (const Node &ex : exclusions.items())
        if (contains(maintenance_words, ex.scalar_text()))
          r.at(item_field(ex),
               item_label(obj, "objective") + " excludes " + quoted(ex.scalar_text()) +
                   ", but changes.maintenanceWindows defines no window, so the exclusion has no "
                   "bound");
    }
    for (const Node &window : windows.items())
      if (excluded_from_downtime(window) && !field(&window, "maxDuration").present())
        r.at(item_field(window),
             "a maintenance window that does not count as downtime has no maxDuration: it "
             "could exclude any amount of downtime from availability");
  });
}

// CL-0743 agr.maintenance-budget: maintenance that counts as downtime fits
// in the downtime the availability target allows over its period.
void maintenance_budget(const NativeCheckContext &ctx) {
  const std::vector<std::string> metrics = param_strings(ctx, "availabilityMetrics");
  for_each_agreement(ctx, [&](const AgreementReporter &r) {
    Field windows = field_at(r.root(), "changes.maintenanceWindows");
    for (const Node &obj : field_at(r.root(), "serviceLevels.objectives").items()) {
      auto target = numeric_target(obj);
      auto period = field(&obj, "period").duration();
      if (!measures_one_of(obj, metrics) || !is_lower_bound(obj) || !target || !percent_in_range(*target) ||
          !period || *period <= 0)
        continue;
      const double allowed = (100.0 - *target) / 100.0 * static_cast<double>(*period);
      double planned = 0;
      for (const Node &window : windows.items()) {
        if (excluded_from_downtime(window)) continue;
        auto length = field(&window, "maxDuration").duration();
        auto every = field(&window, "every").duration();
        if (!length || !every || *every <= 0) continue;  // dsg.maintenance-window-defined
        // The worst period holds as many windows as can start in it.
        double count = std::ceil(static_cast<double>(*period) / static_cast<double>(*every));
        planned += count * static_cast<double>(*length);
      }
      // Half a second of slack absorbs floating-point noise in (100 - T) / 100.
      if (planned <= allowed + 0.5) continue;
      r.at(field(&obj, "target"), "maintenance that counts as downtime can take " +
                                      human(std::llround(planned)) + " per " + human(*period) +
                                      ", more than the " + human(std::llround(allowed)) + " of downtime " +
                                      percent_text(*target) + " allows: the agreement breaks its own " +
                                      item_label(obj, "objective"));
    }
  });
}

// CL-0744 agr.remedies: a remedy per objective (or an explicit none), with
// credit tiers that grow as the breach deepens.
void remedies(const NativeCheckContext &ctx) {
  for_each_agreement(ctx, [&](const AgreementReporter &r) {
    for (const Node &obj : field_at(r.root(), "serviceLevels.objectives").items()) {
      Field remedy = field(&obj, "remedy");
      const std::string label = item_label(obj, "objective");
      if (!remedy.present()) {
        r.at(item_field(obj), label +
                                  " has no remedy: say what the customer gets when it is missed, or state "
                                  "remedy.type: none");
        continue;
      }
      if (field(remedy, "type").text() == "none") continue;
      Field tiers = field(remedy, "tiers");
      if (tiers.items().empty()) {
        r.at(remedy, "the remedy of " + label + " has no credit tiers");
        continue;
      }
      std::optional<double> below, credit;
      for (const Node &tier : tiers.items()) {
        auto b = field(&tier, "below").percent();
        auto c = field(&tier, "creditPercent").percent();
        if (!b || !c) {
          r.at(item_field(tier), "a credit tier of " + label + " lacks a numeric below or creditPercent");
          continue;
        }
        if (below && *b >= *below) {
          r.at(field(&tier, "below"), "credit tiers of " + label + " must go down in 'below': " +
                                          percent_text(*b) + " follows " + percent_text(*below));
        } else if (credit && *c <= *credit) {
          r.at(field(&tier, "creditPercent"), "a deeper breach of " + label + " earns no larger credit: " +
                                                  percent_text(*c) + " follows " + percent_text(*credit));
        }
        below = b;
        credit = c;
      }
    }
  });
}

// CL-0745 agr.support-matrix: staffed hours in a time zone, and response and
// resolution times per priority that never shrink as priority drops.
void support_matrix(const NativeCheckContext &ctx) {
  for_each_agreement(ctx, [&](const AgreementReporter &r) {
    Field support =
        r.require("support", "the agreement has no support section: hours and response times are not agreed");
    if (!support.present()) return;
    if (!support.is_map()) return;
    std::vector<std::string> missing =
        missing_fields(support.node, {"hours", "timezone", "incidentPriorities"});
    if (!missing.empty()) r.at(support, "support has no " + join_words(missing));
    Field hours = field(support, "hours");
    std::string vague = find_vague_term(hours.text());
    if (!vague.empty())
      r.at(hours, "support hours " + quoted(hours.text()) + " are not a schedule (" + quoted(vague) +
                      "); write e.g. 24x7 or Mon-Fri 08:00-18:00");
    struct Previous {
      std::string priority;
      int64_t seconds;
    };
    std::optional<Previous> response, resolution;
    for (const Node &p : field(support, "incidentPriorities").items()) {
      const std::string name = field(&p, "priority").text();
      const std::string label = name.empty() ? std::string("a priority") : "priority " + name;
      std::vector<std::string> gaps = missing_fields(&p, {"priority", "responseWithin", "resolutionTarget"});
      if (!gaps.empty()) r.at(item_field(p), label + " has no " + join_words(gaps));
      Field resp = field(&p, "responseWithin");
      Field reso = field(&p, "resolutionTarget");
      auto rs = resp.duration();
      auto rz = reso.duration();
      if (rs && response && *rs < response->seconds)
        r.at(resp, label + " gets a response within " + human(*rs) + ", faster than " + response->priority +
                       " (" + human(response->seconds) +
                       "): response times must not shrink as priority drops");
      if (rz && resolution && *rz < resolution->seconds)
        r.at(reso, label + " is resolved within " + human(*rz) + ", faster than " + resolution->priority +
                       " (" + human(resolution->seconds) +
                       "): resolution targets must not shrink as priority drops");
      if (rs && rz && *rz < *rs)
        r.at(reso, label + " is to be resolved within " + human(*rz) + ", before its first response (" +
                       human(*rs) + ")");
      if (rs) response = Previous{name, *rs};
      if (rz) resolution = Previous{name, *rz};
    }
  });
}

// CL-0746 agr.manifest: the documents that make up the agreement, and a
// validity period that starts before it ends.
void manifest(const NativeCheckContext &ctx) {
  for_each_agreement(ctx, [&](const AgreementReporter &r) {
    Field metadata = r.require(
        "metadata", "the agreement has no metadata: no manifest of documents and no validity period");
    if (!metadata.present()) return;
    if (!metadata.is_map()) return;
    Field documents = field(metadata, "documents");
    if (documents.items().empty())
      r.at(documents.node ? documents : metadata,
           "the agreement lists no documents (metadata.documents): the terms it incorporates are unknown");
    for (const Node &doc : documents.items()) {
      std::vector<std::string> missing = missing_fields(&doc, {"type", "uri", "version"});
      if (!missing.empty()) r.at(item_field(doc), "a listed document has no " + join_words(missing));
    }
    Field from = field_at(*metadata.node, "effective.from");
    Field to = field_at(*metadata.node, "effective.to");
    if (!from.present()) {
      r.at_path("metadata.effective.from",
                "the agreement does not say from when it applies (effective.from)");
      return;
    }
    auto f = parse_date(from.text());
    auto t = to.present() ? parse_date(to.text()) : std::nullopt;
    if (f && t && *t < *f)
      r.at(to, "the agreement ends on " + t->to_string() + ", before it starts on " + f->to_string());
  });
}

const NativeCheckRegistrar kAvailabilitySlo("CL-0740", availability_slo);
const NativeCheckRegistrar kExclusionsBounded("CL-0741", exclusions_bounded);
const NativeCheckRegistrar kMaintenanceBudget("CL-0743", maintenance_budget);
const NativeCheckRegistrar kRemedies("CL-0744", remedies);
const NativeCheckRegistrar kSupportMatrix("CL-0745", support_matrix);
const NativeCheckRegistrar kManifest("CL-0746", manifest);

}  // namespace
}  // namespace clause::agreement
