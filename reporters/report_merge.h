#pragma once
// Combines the reports of the shards of one batch audit into the report an
// unsharded scan would have made: roots in batch order (root_order_less),
// rules united by id. Shards must come from the same rule set and category.
#include <stdexcept>
#include <vector>

#include "checker/model/report.h"

namespace clause {

// Throws std::runtime_error when the parts disagree (category) or overlap (a
// root in two parts).
Report merge_reports(std::vector<Report> parts);

}  // namespace clause
