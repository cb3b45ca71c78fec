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
    Field capacity = field_at(r.root(), "performance.capacity");
    if (capacity.items().empty()) {
      if (!capacity.present() || capacity.is_list())
        r.at_path("performance.capacity", "the agreement commits to no capacity (performance.capacity)");
      return;
    }
    std::vector<std::string> served;
    bool applies_to_all = false;
    for (const Node &entry : capacity.items()) {
      Field service = field(&entry, "service");
      if (service.present()) {
        served.push_back(service.text());
      } else {
        applies_to_all = true;
      }
      std::vector<std::string> missing = missing_fields(&entry, {"resource", "limit", "unit"});
      if (!missing.empty()) {
        r.at(item_field(entry), "a capacity commitment has no " + join_words(missing));
        continue;
      }
      Field limit = field(&entry, "limit");
      if (limit.node->kind == NodeKind::Number && limit.node->number <= 0)
        r.at(limit, "capacity limit " + limit.text() + " commits to nothing; give a positive amount");
    }
    if (applies_to_all) return;
    for (const Node &service : field(&r.root(), "services").items()) {
      Field id = field(&service, "id");
      if (id.present() && !contains(served, id.text()))
        r.at(capacity, "no capacity commitment covers service " + quoted(id.text()));
    }
  });
}

// CL-1141 cap.elasticity: an elastic service says how fast and how far it
// scales.
void elasticity(const NativeCheckContext &ctx) {
  for_each_agreement(ctx, [&](const AgreementReporter &r) {
    Field bounds = field_at(r.root(), "performance.elasticity");
    bool any_elastic = false;
    for (const Node &service : field(&r.root(), "services").items()) {
      Field elastic = field(&service, "elastic");
      if (!elastic.is_true()) continue;
      any_elastic = true;
      if (!bounds.present())
        r.at(elastic,
             item_label(service, "service") +
                 " is elastic, but performance.elasticity gives no bounds (scaleOutWithin, maxScale)");
    }
    if (!any_elastic || !bounds.is_map()) return;
    std::vector<std::string> missing = missing_fields(bounds.node, {"scaleOutWithin", "maxScale"});
    if (!missing.empty()) r.at(bounds, "performance.elasticity has no " + join_words(missing));
    Field max_scale = field(bounds, "maxScale");
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
    for (const Node &service : field(&r.root(), "services").items()) {
      for (const Node &plan : field(&service, "plans").items()) {
        Field limits = field(&plan, "limits");
        for (const char *kind : {"rates", "quotas"}) {
          for (const Node &limit : field(limits, kind).items()) {
            std::vector<std::string> missing = missing_fields(&limit, {"metric", "max", "per"});
            if (!missing.empty())
              r.at(item_field(limit), std::string("a ") + (kind[0] == 'r' ? "rate" : "quota") + " limit of " +
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
