#include "checker/geo/region_pairs.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

namespace clause::geo {
namespace {

// region -> its pair. Most pairs go both ways; a few regions are paired
// with one that is paired elsewhere (westus3 -> eastus, brazilsouth ->
// southcentralus).
constexpr auto kPairs = std::to_array<std::pair<std::string_view, std::string_view>>({
    {"australiacentral", "australiacentral2"},
    {"australiacentral2", "australiacentral"},
    {"australiaeast", "australiasoutheast"},
    {"australiasoutheast", "australiaeast"},
    {"brazilsouth", "southcentralus"},
    {"canadacentral", "canadaeast"},
    {"canadaeast", "canadacentral"},
    {"centralindia", "southindia"},
    {"centralus", "eastus2"},
    {"eastasia", "southeastasia"},
    {"eastus", "westus"},
    {"eastus2", "centralus"},
    {"francecentral", "francesouth"},
    {"francesouth", "francecentral"},
    {"germanynorth", "germanywestcentral"},
    {"germanywestcentral", "germanynorth"},
    {"japaneast", "japanwest"},
    {"japanwest", "japaneast"},
    {"koreacentral", "koreasouth"},
    {"koreasouth", "koreacentral"},
    {"northcentralus", "southcentralus"},
    {"northeurope", "westeurope"},
    {"norwayeast", "norwaywest"},
    {"norwaywest", "norwayeast"},
    {"southafricanorth", "southafricawest"},
    {"southafricawest", "southafricanorth"},
    {"southcentralus", "northcentralus"},
    {"southeastasia", "eastasia"},
    {"southindia", "centralindia"},
    {"swedencentral", "swedensouth"},
    {"swedensouth", "swedencentral"},
    {"switzerlandnorth", "switzerlandwest"},
    {"switzerlandwest", "switzerlandnorth"},
    {"uaecentral", "uaenorth"},
    {"uaenorth", "uaecentral"},
    {"uksouth", "ukwest"},
    {"ukwest", "uksouth"},
    {"westcentralus", "westus2"},
    {"westeurope", "northeurope"},
    {"westindia", "southindia"},
    {"westus", "eastus"},
    {"westus2", "westcentralus"},
    {"westus3", "eastus"},
});

constexpr bool sorted() {
  for (size_t i = 1; i < kPairs.size(); ++i)
    if (!(kPairs[i - 1].first < kPairs[i].first)) return false;
  return true;
}
static_assert(sorted());

}  // namespace

std::optional<std::string> azure_paired_region(std::string_view region) {
  std::string key;
  for (char c : region) {
    if (c == ' ' || c == '-' || c == '_') continue;
    key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  auto it = std::lower_bound(kPairs.begin(), kPairs.end(), key,
                             [](const auto &e, const std::string &k) { return e.first < k; });
  if (it == kPairs.end() || it->first != key) return std::nullopt;
  return std::string(it->second);
}

}  // namespace clause::geo
