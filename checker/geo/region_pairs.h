#pragma once
// Azure region pairs: where geo-redundant storage (GRS, RA-GRS, GZRS,
// RA-GZRS) and geo-redundant database backups put their second copy. As
// published by Microsoft, dated 2026-11-28; a region missing here (several
// newer regions have no pair) gives nullopt, which callers treat as unknown.
#include <optional>
#include <string>
#include <string_view>

namespace clause::geo {

// The paired region of an Azure region (programmatic or display name;
// case, blanks, '-' and '_' ignored), as a programmatic name.
std::optional<std::string> azure_paired_region(std::string_view region);

}  // namespace clause::geo
