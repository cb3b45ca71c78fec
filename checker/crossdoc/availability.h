#pragma once
// What the availability rules share: which resources stand behind a high
// availability objective, and whether a data store has a standby that
// takes over when its zone fails.
#include <string>
#include <vector>

#include "checker/crossdoc/binding.h"
#include "checker/model/attribute.h"

namespace clause::crossdoc {

// The highest availability objective at or above `threshold` (percent)
// whose service a resource belongs to.
struct HighAvailability {
  const IndexedResource *resource = nullptr;
  const Objective *objective = nullptr;
  Membership membership;
};

template <typename Keep>
std::vector<HighAvailability> high_availability_scope(const Binding &binding, double threshold, Keep keep) {
  std::vector<HighAvailability> out;
  auto objectives = binding.agreement().availability_objectives();
  for (const auto &r : binding.index().resources()) {
    if (!keep(r)) continue;
    HighAvailability best;
    for (const Objective *o : objectives) {
      if (o->target->value < threshold) continue;
      Membership m = binding.in_service(o->service, r);
      if (m.no()) continue;
      bool better = !best.objective || (m.yes() && !best.membership.yes()) ||
                    (m.yes() == best.membership.yes() && o->target->value > best.objective->target->value);
      if (better) best = HighAvailability{&r, o, m};
    }
    if (best.objective) out.push_back(best);
  }
  return out;
}

// The availability threshold of a rule (parameter `availabilityThreshold`,
// percent; 99.9 when the rule sets none).
double availability_threshold(const Node *param);

// Whether a data store survives the loss of its zone.
struct Standby {
  enum class State : uint8_t { NotApplicable, Yes, No, Unknown };
  State state = State::NotApplicable;
  Attribute setting;    // the deciding attribute (absent: not written)
  std::string actual;   // "multi_az is false", "availability_type is not set (ZONAL)"
  std::string blocked;  // Unknown
};

// `promotable_replicas`: read replicas count as standby (recovery time),
// or not (automatic failover for availability).
Standby zone_standby(const ResourceIndex &index, const IndexedResource &r, bool promotable_replicas);

// Types zone_standby judges.
bool has_zone_standby_rule(const std::string &type);

}  // namespace clause::crossdoc
