#pragma once
// Value formats that cross-document rules meet in attributes. Attributes
// themselves are read with checker/model/attribute.h.
#include <cstdint>
#include <optional>

#include "checker/model/node.h"

namespace clause::crossdoc {

// A number that spells a whole count of days, hours, ... in a string such
// as Google's "604800s" duration; nullopt when it is not one.
std::optional<int64_t> google_duration_seconds(const Node &n);

}  // namespace clause::crossdoc
