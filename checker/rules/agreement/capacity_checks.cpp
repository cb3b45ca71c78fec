// Scenario 5.11 (resources): capacity committed per service, bounded
// elasticity, and usage limits with a window.
#include "checker/agreement/vague_terms.h"
#include "checker/rules/agreement/agreement_check.h"

namespace clause::agreement {
namespace {

// CL-1140 cap.commitments: each service has capacity commitments with a
// resource, a positive limit and a unit.
void commitments(const NativeCheckContext &ctx) {
  for_each_agreement(ctx, [&](const AgreementReporter &r) {
    Attribute capacity = read_attribute(&r.root(), "performance.capacity", kPlainMaps);
    if (capacity.items().empty()) {
      if (!capacity.present() || capacity.is_list())
        r.at_path("performance.capacity", "the agreement commits to no capacity (performance.capacity)");
      return;
    }
    std::vector<std::string> served;
    bool applies_to_all = false;
    for (const Node &entry : capacity.items()) {
      Attribute service = read_entry(&entry, "service", kPlainMaps);
      if (service.present()) {
        served.push_back(service.text());
      } else {
        applies_to_all = true;
      }
      std::vector<std::string> missing = missing_fields(&entry, {"resource", "limit", "unit"});
      if (!missing.empty()) {
        r.at(read_attribute(&entry, "", kPlainMaps), "a capacity commitment has no " + join_words(missing));
        continue;
      }
      Attribute limit = read_entry(&entry, "limit", kPlainMaps);
      if (limit.node->kind == NodeKind::Number && limit.node->number <= 0)
        r.at(limit, "capacity limit " + limit.text() + " commits to nothing; give a positive amount");
    }
    if (applies_to_all) return;
    for (const Node &service : read_entry(&r.root(), "services", kPlainMaps).items()) {
      Attribute id = read_entry(&service, "id", kPlainMaps);
      if (id.present() && !contains(served, id.text()))
        r.at(capacity, "no capacity commitment covers service " + quoted(id.text()));
    }
  });
}

// CL-1141 cap.elasticity: an elastic service says how fast and how far it
// scales.
void elasticity(const NativeCheckContext &ctx) {
  for_each_agreement(ctx, [&](const AgreementReporter &r) {
    Attribute bounds = read_attribute(&r.root(), "performance.elasticity", kPlainMaps);
    bool any_elastic = false;
    for (const Node &service : read_entry(&r.root(), "services", kPlainMaps).items()) {
      Attribute elastic = read_entry(&service, "elastic", kPlainMaps);
      if (!is_true(elastic)) continue;
      any_elastic = true;
      if (!bounds.present())
        r.at(elastic,
             item_label(service, "service") +
                 " is elastic, but performance.elasticity gives no bounds (scaleOutWithin, maxScale)");
    }
    if (!any_elastic || !bounds.is_map()) return;
    std::vector<std::string> missing = missing_fields(bounds.node, {"scaleOutWithin", "maxScale"});
    if (!missing.empty()) r.at(bounds, "performance.elasticity has no " + join_words(missing));
    Attribute max_scale = read_entry(bounds, "maxScale", kPlainMaps);
    std::string vague = find_vague_term(max_scale.text());
    if (!vague.empty())
      r.at(max_scale, "maxScale " + quoted(max_scale.text()) +
                          " is not a bound; give a number or a multiple such "
                          "as 4x-baseline");
  });
}

// CL-1142 cap.rate-limits: every rate and quota names what it counts, the
// maximum and the window.
void rate_limits(const NativeCheckContext &ctx) {
  for_each_agreement(ctx, [&](const AgreementReporter &r) {
    for (const Node &service : read_entry(&r.root(), "services", kPlainMaps).items()) {
      for (const Node &plan : read_entry(&service, "plans", kPlainMaps).items()) {
        Attribute limits = read_entry(&plan, "limits", kPlainMaps);
        for (const char *kind : {"rates", "quotas"}) {
          for (const Node &limit : read_entry(limits, kind, kPlainMaps).items()) {
            std::vector<std::string> missing = missing_fields(&limit, {"metric", "max", "per"});
            if (!missing.empty())
              r.at(read_attribute(&limit, "", kPlainMaps),
                   std::string("a ") + (kind[0] == 'r' ? "rate" : "quota") + " limit of " +
                       item_label(plan, "plan") + " has no " + join_words(missing));
          }
        }
      }
    }
  });
}

const NativeCheckRegistrar kCommitments("CL-1140", commitments);
const NativeCheckRegistrar kElasticity("CL-1141", elasticity);
const NativeCheckRegistrar kRateLimits("CL-1142", rate_limits);

}  // namespace
}  // namespace clause::agreement
