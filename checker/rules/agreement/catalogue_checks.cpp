// Scenario 5.3 (catalogue): complete, uniquely identified entries whose plans
// and objectives refer to each other correctly.
#include <set>

#include "checker/rules/agreement/agreement_check.h"

namespace clause::agreement {
namespace {

// Reports the second and later uses of an id within one list.
void report_duplicate_ids(const AgreementReporter &r, const Attribute &list, const std::string &what) {
  std::set<std::string> seen;
  for (const Node &item : list.items()) {
    Attribute id = read_entry(&item, "id", kPlainMaps);
    if (!id.present()) continue;
    if (!seen.insert(id.text()).second)
      r.at(id, what + " id " + quoted(id.text()) + " is used twice; catalogue ids must be unique");
  }
}

// CL-0340 cat.entry-complete: every service has id, name, description,
// catalogue reference and plans; ids are unique.
void entry_complete(const NativeCheckContext &ctx) {
  for_each_agreement(ctx, [&](const AgreementReporter &r) {
    Attribute services = read_entry(&r.root(), "services", kPlainMaps);
    if (!services.present() || (services.is_list() && services.items().empty())) {
      r.at_path("services", "the agreement covers no service: list the catalogue entries it applies to");
      return;
    }
    for (const Node &service : services.items()) {
      std::vector<std::string> missing =
          missing_fields(&service, {"id", "name", "description", "catalogueRef", "plans"});
      if (!missing.empty())
        r.at(read_attribute(&service, "", kPlainMaps),
             item_label(service, "service") + " lacks " + join_words(missing));
      Attribute plans = read_entry(&service, "plans", kPlainMaps);
      for (const Node &plan : plans.items())
        if (!read_entry(&plan, "id", kPlainMaps).present())
          r.at(read_attribute(&plan, "", kPlainMaps),
               "a plan of " + item_label(service, "service") + " has no id");
      report_duplicate_ids(r, plans, "plan");
    }
    report_duplicate_ids(r, services, "service");
  });
}

// CL-0341 cat.plan-has-slo: each plan promises objectives that exist.
void plan_has_slo(const NativeCheckContext &ctx) {
  for_each_agreement(ctx, [&](const AgreementReporter &r) {
    std::vector<std::string> defined =
        ids_of(read_attribute(&r.root(), "serviceLevels.objectives", kPlainMaps));
    for (const Node &service : read_entry(&r.root(), "services", kPlainMaps).items()) {
      for (const Node &plan : read_entry(&service, "plans", kPlainMaps).items()) {
        Attribute refs = read_entry(&plan, "objectives", kPlainMaps);
        const std::string label = item_label(plan, "plan") + " of " + item_label(service, "service");
        if (refs.items().empty()) {
          r.at(refs.node ? refs : read_attribute(&plan, "", kPlainMaps),
               label + " promises no service level objective");
          continue;
        }
        for (const Node &ref : refs.items())
          if (!contains(defined, ref.scalar_text()))
            r.at(read_attribute(&ref, "", kPlainMaps),
                 label + " refers to objective " + quoted(ref.scalar_text()) +
                     ", which serviceLevels.objectives does not define");
      }
    }
  });
}

// CL-0343 cat.objective-service-known: each objective names a covered
// service.
void objective_service_known(const NativeCheckContext &ctx) {
  for_each_agreement(ctx, [&](const AgreementReporter &r) {
    std::vector<std::string> services = ids_of(read_entry(&r.root(), "services", kPlainMaps));
    for (const Node &obj : read_attribute(&r.root(), "serviceLevels.objectives", kPlainMaps).items()) {
      Attribute service = read_entry(&obj, "service", kPlainMaps);
      if (!service.present()) {
        r.at(read_attribute(&obj, "", kPlainMaps),
             item_label(obj, "objective") + " does not say which service it applies to");
      } else if (!contains(services, service.text())) {
        r.at(service, item_label(obj, "objective") + " applies to service " + quoted(service.text()) +
                          ", which is not in services[]");
      }
    }
  });
}

const NativeCheckRegistrar kEntryComplete("CL-0340", entry_complete);
const NativeCheckRegistrar kPlanHasSlo("CL-0341", plan_has_slo);
const NativeCheckRegistrar kObjectiveServiceKnown("CL-0343", objective_service_known);

}  // namespace
}  // namespace clause::agreement
