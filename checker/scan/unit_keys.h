#pragma once
// The keys of the cache's unit level (checker/cache/unit_cache.h): for each
// deployment unit of an evaluated project, a digest of everything the
// resource-by-resource rules can read when they judge the unit's resources
// (docs/caching.md, "The unit level"):
//   - every document the unit holds (its path and bytes: the files of its
//     directories, each resource's document, the module calls on its way and
//     the patches that rendered it), and the unit's kind, path and dirs;
//   - every evaluated resource of the unit, whole: address, type, name,
//     format, spans, every attribute value with its span, the configuration
//     of a plan, the defaults that decided values, the rendering;
//   - for every link of the references graph that joins one of its
//     resources to a resource of another unit (either direction, by
//     reference or by name), the link itself and that other unit's digest
//     (a `related` check reads the other resource's body);
//   - the run: the engine's build (a fingerprint of its sources), the rule
//     set (ids, names, severities, sources, parameters, messages), --strict
//     and what the caller adds (the configuration's and rule packs' bytes).
#include <cstdint>
#include <vector>

#include "checker/cache/unit_cache.h"
#include "checker/engine/rule_set.h"
#include "checker/project/project.h"

namespace clause {

// The run's share of every unit's key: the engine's build, `rules`, strict
// and `configuration` (ScanOptions::configuration_digest).
uint64_t unit_run_digest(const RuleSet &rules, bool strict, uint64_t configuration);

// One key per unit of `project` (by index into Project::units).
std::vector<UnitKey> unit_keys(const Project &project, uint64_t run_digest);

}  // namespace clause
