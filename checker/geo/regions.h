#pragma once
// Where cloud regions are, as ISO 3166-1 alpha-2 country codes, and which
// countries named location groups (EU, EEA, ...) contain. Every answer comes
// from an explicit table: a region name is never interpreted by its prefix
// (AWS eu-west-2 is London, eu-central-2 Zurich; neither is in the EU).
//
// The tables are as of 2026-11-28. A region missing from them gives nullopt,
// which callers must treat as "location unknown", never as a violation.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "checker/model/resource.h"

namespace clause::geo {

// The countries a provider region, zone or multi-region may hold data in,
// sorted and unique:
//  - Aws: region codes (commercial, GovCloud, China, ISO partitions, the
//    European Sovereign Cloud) and availability-zone names ("eu-west-2a").
//    Local and Wavelength Zones are unknown (they can sit in another country
//    than their parent region).
//  - Azure: programmatic names ("westeurope") and display names ("West
//    Europe"); case, blanks, '-' and '_' are ignored.
//  - Google: regions ("europe-west3"), zones ("europe-west3-a"), Cloud
//    Storage / BigQuery multi-regions ("EU", "US", "ASIA") and predefined
//    dual-regions ("EUR4", "NAM4", "ASIA1"), case-insensitive.
//  - Kubernetes, Other: always nullopt (the cluster's region comes from
//    checker configuration).
std::optional<std::vector<std::string>> countries_of_region(ProviderFamily provider, std::string_view region);

// A location code as written in an agreement: a country code ("DE"; "UK" and
// "EL" are accepted for GB and GR) or a group name ("EU", "EEA", "EFTA"),
// case-insensitive. Returns its countries, or nullopt when the code is
// neither a known ISO 3166-1 alpha-2 code nor a group.
std::optional<std::vector<std::string>> countries_of_location(std::string_view code);

// The canonical upper-case country code for a known alpha-2 code or alias.
std::optional<std::string> normalize_country(std::string_view code);
bool is_known_location(std::string_view code);
bool is_group(std::string_view name);
// Group names known to the checker, in table order.
std::vector<std::string> group_names();

// True when every country of `location_code` (see countries_of_location) is
// in the union of the `allowed` entries (country codes or group names). An
// unknown location_code gives false; unknown allowed entries contribute no
// countries. Callers that must distinguish "unknown" from "outside" check
// is_known_location first.
bool location_within(std::string_view location_code, const std::vector<std::string> &allowed);
// The same test for a set of countries, e.g. from countries_of_region. An
// empty `countries` is vacuously within.
bool countries_within(const std::vector<std::string> &countries, const std::vector<std::string> &allowed);

}  // namespace clause::geo
