// Scenario 5.2 (strategy and plan): every service has measurable objectives,
// an accountable owner, and a continuity plan when its targets are high.
#include "checker/agreement/vague_terms.h"
#include "checker/rules/agreement/agreement_check.h"

namespace clause::agreement {
namespace {

// CL-0241 plan.objectives-measurable: each covered service has at least one
// service level objective.
void objectives_measurable(const NativeCheckContext &ctx) {
  for_each_agreement(ctx, [&](const AgreementReporter &r) {
    std::vector<std::string> covered =
        ids_of(read_attribute(&r.root(), "serviceLevels.objectives", kPlainMaps), "service");
    for (const Node &service : read_entry(&r.root(), "services", kPlainMaps).items()) {
      Attribute id = read_entry(&service, "id", kPlainMaps);
      if (!id.present() || contains(covered, id.text())) continue;
      r.at(id, "service " + quoted(id.text()) +
                   " has no service level objective: nothing measurable is promised for it");
    }
  });
}

// CL-0242 plan.service-owner: the provider names a service owner.
void service_owner(const NativeCheckContext &ctx) {
  for_each_agreement(ctx, [&](const AgreementReporter &r) {
    for (const Node &party : read_entry(&r.root(), "parties", kPlainMaps).items()) {
      if (read_entry(&party, "role", kPlainMaps).text() != "cloud-service-provider") continue;
      Attribute contacts = read_entry(&party, "contacts", kPlainMaps);
      if (contains(ids_of(contacts, "function"), "service-owner")) continue;
      r.at(contacts.node ? contacts : read_attribute(&party, "", kPlainMaps),
           "provider " + quoted(read_entry(&party, "id", kPlainMaps).text()) +
               " names no service-owner contact: nobody is accountable for the service as a whole");
    }
  });
}

// CL-0243 plan.dr-strategy: an availability target at or above the
// threshold needs a disaster recovery strategy with RPO and RTO.
void dr_strategy(const NativeCheckContext &ctx) {
  const std::vector<std::string> metrics = param_strings(ctx, "availabilityMetrics");
  const std::optional<double> threshold = param_number(ctx, "availabilityThreshold");
  if (!threshold) return;
  for_each_agreement(ctx, [&](const AgreementReporter &r) {
    const Node *high = nullptr;
    double high_target = 0;
    for (const Node &obj : read_attribute(&r.root(), "serviceLevels.objectives", kPlainMaps).items()) {
      auto t = numeric_target(obj);
      if (measures_one_of(obj, metrics) && is_lower_bound(obj) && t && *t >= *threshold) {
        high = &obj;
        high_target = *t;
        break;
      }
    }
    if (!high) return;
    const std::string promise = item_label(*high, "objective") + " promises " + percent_text(high_target);
    Attribute dr =
        r.require("reliability.disasterRecovery",
                  promise +
                      ", but no disaster recovery strategy (reliability.disasterRecovery) says how the "
                      "service survives the loss of a site");
    if (!dr.present()) return;
    std::vector<std::string> missing = missing_fields(dr.node, {"strategy", "rpo", "rto"});
    if (!missing.empty()) {
      r.at(dr, promise + ", but reliability.disasterRecovery has no " + join_words(missing));
      return;
    }
    Attribute strategy = read_entry(dr, "strategy", kPlainMaps);
    std::string vague = find_vague_term(strategy.text());
    if (!vague.empty())
      r.at(strategy, "the disaster recovery strategy relies on " + quoted(vague) +
                         ": name the mechanism (e.g. multi-az-with-cross-region-backup)");
  });
}

const NativeCheckRegistrar kObjectivesMeasurable("CL-0241", objectives_measurable);
const NativeCheckRegistrar kServiceOwner("CL-0242", service_owner);
const NativeCheckRegistrar kDrStrategy("CL-0243", dr_strategy);

}  // namespace
}  // namespace clause::agreement
