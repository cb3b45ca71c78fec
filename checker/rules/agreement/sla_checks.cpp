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
    for (const Node &obj : read_attribute(&r.root(), "serviceLevels.objectives", kPlainMaps).items())
      if (measures_one_of(obj, metrics)) covered.push_back(read_entry(&obj, "service", kPlainMaps).text());
    for (const Node &service : read_entry(&r.root(), "services", kPlainMaps).items()) {
      Attribute id = read_entry(&service, "id", kPlainMaps);
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
  Attribute counts = read_entry(&window, "countsAsDowntime", kPlainMaps);
  return !is_true(counts);
}

// CL-0741 agr.exclusions-bounded: objectives list their exclusions, and
// maintenance left out of availability is bounded in length.
void exclusions_bounded(const NativeCheckContext &ctx) {
  const std::vector<std::string> maintenance_words = param_strings(ctx, "maintenanceExclusions");
  for_each_agreement(ctx, [&](const AgreementReporter &r) {
    Attribute windows = read_attribute(&r.root(), "changes.maintenanceWindows", kPlainMaps);
    for (const Node &obj : read_attribute(&r.root(), "serviceLevels.objectives", kPlainMaps).items()) {
      Attribute exclusions = read_entry(&obj, "exclusions", kPlainMaps);
      if (!exclusions.present()) {
        r.at(read_attribute(&obj, "", kPlainMaps),
             item_label(obj, "objective") +
                 " lists no exclusions: it is open which events do not count against it");
        continue;
      }
      if (!windows.items().empty()) continue;
      for (const Node &ex : exclusions.items())
        if (contains(maintenance_words, ex.scalar_text()))
          r.at(read_attribute(&ex, "", kPlainMaps),
               item_label(obj, "objective") + " excludes " + quoted(ex.scalar_text()) +
                   ", but changes.maintenanceWindows defines no window, so the exclusion has no "
                   "bound");
    }
    for (const Node &window : windows.items())
      if (excluded_from_downtime(window) && !read_entry(&window, "maxDuration", kPlainMaps).present())
        r.at(read_attribute(&window, "", kPlainMaps),
             "a maintenance window that does not count as downtime has no maxDuration: it "
             "could exclude any amount of downtime from availability");
  });
}

// CL-0743 agr.maintenance-budget: maintenance that counts as downtime fits
// in the downtime the availability target allows over its period.
void maintenance_budget(const NativeCheckContext &ctx) {
  const std::vector<std::string> metrics = param_strings(ctx, "availabilityMetrics");
  for_each_agreement(ctx, [&](const AgreementReporter &r) {
    Attribute windows = read_attribute(&r.root(), "changes.maintenanceWindows", kPlainMaps);
    for (const Node &obj : read_attribute(&r.root(), "serviceLevels.objectives", kPlainMaps).items()) {
      auto target = numeric_target(obj);
      auto period = duration_of(read_entry(&obj, "period", kPlainMaps));
      if (!measures_one_of(obj, metrics) || !is_lower_bound(obj) || !target || !percent_in_range(*target) ||
          !period || *period <= 0)
        continue;
      const double allowed = (100.0 - *target) / 100.0 * static_cast<double>(*period);
      double planned = 0;
      for (const Node &window : windows.items()) {
        if (excluded_from_downtime(window)) continue;
        auto length = duration_of(read_entry(&window, "maxDuration", kPlainMaps));
        auto every = duration_of(read_entry(&window, "every", kPlainMaps));
        if (!length || !every || *every <= 0) continue;  // dsg.maintenance-window-defined
        // The worst period holds as many windows as can start in it.
        double count = std::ceil(static_cast<double>(*period) / static_cast<double>(*every));
        planned += count * static_cast<double>(*length);
      }
      // Half a second of slack absorbs floating-point noise in (100 - T) / 100.
      if (planned <= allowed + 0.5) continue;
      r.at(read_entry(&obj, "target", kPlainMaps),
           "maintenance that counts as downtime can take " + human(std::llround(planned)) + " per " +
               human(*period) + ", more than the " + human(std::llround(allowed)) + " of downtime " +
               percent_text(*target) + " allows: the agreement breaks its own " +
               item_label(obj, "objective"));
    }
  });
}

// CL-0744 agr.remedies: a remedy per objective (or an explicit none), with
// credit tiers that grow as the breach deepens.
void remedies(const NativeCheckContext &ctx) {
  for_each_agreement(ctx, [&](const AgreementReporter &r) {
    for (const Node &obj : read_attribute(&r.root(), "serviceLevels.objectives", kPlainMaps).items()) {
      Attribute remedy = read_entry(&obj, "remedy", kPlainMaps);
      const std::string label = item_label(obj, "objective");
      if (!remedy.present()) {
        r.at(read_attribute(&obj, "", kPlainMaps),
             label +
                 " has no remedy: say what the customer gets when it is missed, or state "
                 "remedy.type: none");
        continue;
      }
      if (read_entry(remedy, "type", kPlainMaps).text() == "none") continue;
      Attribute tiers = read_entry(remedy, "tiers", kPlainMaps);
      if (tiers.items().empty()) {
        r.at(remedy, "the remedy of " + label + " has no credit tiers");
        continue;
      }
      std::optional<double> below, credit;
      for (const Node &tier : tiers.items()) {
        auto b = percent_of(read_entry(&tier, "below", kPlainMaps));
        auto c = percent_of(read_entry(&tier, "creditPercent", kPlainMaps));
        if (!b || !c) {
          r.at(read_attribute(&tier, "", kPlainMaps),
               "a credit tier of " + label + " lacks a numeric below or creditPercent");
          continue;
        }
        if (below && *b >= *below) {
          r.at(read_entry(&tier, "below", kPlainMaps), "credit tiers of " + label +
                                                           " must go down in 'below': " + percent_text(*b) +
                                                           " follows " + percent_text(*below));
        } else if (credit && *c <= *credit) {
          r.at(read_entry(&tier, "creditPercent", kPlainMaps),
               "a deeper breach of " + label + " earns no larger credit: " + percent_text(*c) + " follows " +
                   percent_text(*credit));
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
    Attribute support =
        r.require("support", "the agreement has no support section: hours and response times are not agreed");
    if (!support.present()) return;
    if (!support.is_map()) return;
    std::vector<std::string> missing =
        missing_fields(support.node, {"hours", "timezone", "incidentPriorities"});
    if (!missing.empty()) r.at(support, "support has no " + join_words(missing));
    Attribute hours = read_entry(support, "hours", kPlainMaps);
    std::string vague = find_vague_term(hours.text());
    if (!vague.empty())
      r.at(hours, "support hours " + quoted(hours.text()) + " are not a schedule (" + quoted(vague) +
                      "); write e.g. 24x7 or Mon-Fri 08:00-18:00");
    struct Previous {
      std::string priority;
      int64_t seconds;
    };
    std::optional<Previous> response, resolution;
    for (const Node &p : read_entry(support, "incidentPriorities", kPlainMaps).items()) {
      const std::string name = read_entry(&p, "priority", kPlainMaps).text();
      const std::string label = name.empty() ? std::string("a priority") : "priority " + name;
      std::vector<std::string> gaps = missing_fields(&p, {"priority", "responseWithin", "resolutionTarget"});
      if (!gaps.empty()) r.at(read_attribute(&p, "", kPlainMaps), label + " has no " + join_words(gaps));
      Attribute resp = read_entry(&p, "responseWithin", kPlainMaps);
      Attribute reso = read_entry(&p, "resolutionTarget", kPlainMaps);
      auto rs = duration_of(resp);
      auto rz = duration_of(reso);
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
    Attribute metadata = r.require(
        "metadata", "the agreement has no metadata: no manifest of documents and no validity period");
    if (!metadata.present()) return;
    if (!metadata.is_map()) return;
    Attribute documents = read_entry(metadata, "documents", kPlainMaps);
    if (documents.items().empty())
      r.at(documents.node ? documents : metadata,
           "the agreement lists no documents (metadata.documents): the terms it incorporates are unknown");
    for (const Node &doc : documents.items()) {
      std::vector<std::string> missing = missing_fields(&doc, {"type", "uri", "version"});
      if (!missing.empty())
        r.at(read_attribute(&doc, "", kPlainMaps), "a listed document has no " + join_words(missing));
    }
    Attribute from = read_attribute(metadata.node, "effective.from", kPlainMaps);
    Attribute to = read_attribute(metadata.node, "effective.to", kPlainMaps);
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
