#pragma once
// A compact binary form of UnitFindings (checker/model/unit_findings.h), for
// the unit level of the cache: every field of every Finding (rule id,
// severity, location, message, resource, snippet, fingerprint, related
// locations, suppression, unit, undecided), how many each resource built,
// and the unit's rule tallies.
// Integers are LEB128 varints, spans six of them, strings length-prefixed,
// so the findings round-trip exactly.
#include <cstdint>
#include <string>
#include <string_view>

#include "checker/model/unit_findings.h"

namespace clause {

// Bump whenever the encoding or Finding's fields change.
inline constexpr uint32_t kUnitFindingsCodecVersion = 1;

std::string encode_unit_findings(const UnitFindings &unit);

// Fills `unit` from `data`. Returns false, leaving `unit` unspecified, when
// the data is truncated, malformed or has bytes left over, or the counts
// per resource do not add up to the findings. Never trusts a
// count or a length: any input is safe to decode.
bool decode_unit_findings(std::string_view data, UnitFindings &unit);

}  // namespace clause
