#include "checker/geo/regions.h"
#include "checker/model/ascii.h"

#include <algorithm>
#include <array>

namespace clause::geo {
namespace {

// ---------------------------------------------------------------------------
// Tables. As of 2026-11-28. Sorted by their first column (static_asserts
// below), looked up by binary search. A country list is a string of
// blank-separated ISO 3166-1 alpha-2 codes.
// ---------------------------------------------------------------------------

struct Entry {
  std::string_view key;
  std::string_view countries;
};

template <size_t N>
constexpr bool sorted_unique(const std::array<Entry, N> &table) {
  for (size_t i = 1; i < N; ++i)
    if (!(table[i - 1].key < table[i].key)) return false;
  return true;
}

// ISO 3166-1 alpha-2, all 249 officially assigned codes.
constexpr std::string_view kIsoCountries =
    "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV "
    "BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES "
    "ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE "
    "IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY "
    "MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU "
    "NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM "
    "SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE "
    "VG VI VN VU WF WS YE YT ZA ZM ZW";
constexpr size_t kIsoCountryCount = (kIsoCountries.size() + 1) / 3;
static_assert(kIsoCountryCount == 249);

constexpr bool iso_list_sorted() {
  for (size_t i = 1; i < kIsoCountryCount; ++i)
    if (!(kIsoCountries.substr((i - 1) * 3, 2) < kIsoCountries.substr(i * 3, 2))) return false;
  return true;
}
static_assert(iso_list_sorted());

// Spellings used in contracts that are not ISO 3166-1 codes.
constexpr std::array<Entry, 2> kCountryAliases{{
    {"EL", "GR"},  // EU institutions' code for Greece
    {"UK", "GB"},
}};
static_assert(sorted_unique(kCountryAliases));

// The 27 member states of the European Union.
constexpr std::string_view kEuMembers =
    "AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK";

// Named groups an agreement may list in dataManagement.location.allowed.
constexpr std::array<Entry, 3> kGroups{{
    // European Economic Area: the EU plus Iceland, Liechtenstein, Norway.
    {"EEA", "AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IS IT LI LT LU LV MT NL NO PL PT RO SE SI SK"},
    // European Free Trade Association.
    {"EFTA", "CH IS LI NO"},
    {"EU", kEuMembers},
}};
static_assert(sorted_unique(kGroups));

// AWS regions (code -> country).
constexpr auto kAwsRegions = std::to_array<Entry>({
    {"af-south-1", "ZA"},      // Cape Town
    {"ap-east-1", "HK"},       // Hong Kong
    {"ap-east-2", "TW"},       // Taipei
    {"ap-northeast-1", "JP"},  // Tokyo
    {"ap-northeast-2", "KR"},  // Seoul
    {"ap-northeast-3", "JP"},  // Osaka
    {"ap-south-1", "IN"},      // Mumbai
    {"ap-south-2", "IN"},      // Hyderabad
    {"ap-southeast-1", "SG"},  // Singapore
    {"ap-southeast-2", "AU"},  // Sydney
    {"ap-southeast-3", "ID"},  // Jakarta
    {"ap-southeast-4", "AU"},  // Melbourne
    {"ap-southeast-5", "MY"},  // Malaysia
    {"ap-southeast-6", "NZ"},  // New Zealand
    {"ap-southeast-7", "TH"},  // Thailand
    {"ca-central-1", "CA"},    // Canada (Central)
    {"ca-west-1", "CA"},       // Calgary
    {"cn-north-1", "CN"},      // Beijing
    {"cn-northwest-1", "CN"},  // Ningxia
    {"eu-central-1", "DE"},    // Frankfurt
    {"eu-central-2", "CH"},    // Zurich (not EU)
    {"eu-north-1", "SE"},      // Stockholm
    {"eu-south-1", "IT"},      // Milan
    {"eu-south-2", "ES"},      // Spain
    {"eu-west-1", "IE"},       // Ireland
    {"eu-west-2", "GB"},       // London (not EU)
    {"eu-west-3", "FR"},       // Paris
    {"eusc-de-east-1", "DE"},  // European Sovereign Cloud, Brandenburg
    {"il-central-1", "IL"},    // Tel Aviv
    {"me-central-1", "AE"},    // UAE
    {"me-south-1", "BH"},      // Bahrain
    {"mx-central-1", "MX"},    // Mexico (Central)
    {"sa-east-1", "BR"},       // São Paulo
    {"us-east-1", "US"},       // N. Virginia
    {"us-east-2", "US"},       // Ohio
    {"us-gov-east-1", "US"},   // GovCloud (US-East)
    {"us-gov-west-1", "US"},   // GovCloud (US-West)
    {"us-iso-east-1", "US"},   // ISO partition
    {"us-iso-west-1", "US"},   // ISO partition
    {"us-isob-east-1", "US"},  // ISOB partition
    {"us-west-1", "US"},       // N. California
    {"us-west-2", "US"},       // Oregon
});
static_assert(sorted_unique(kAwsRegions));

// Azure regions, keyed by the programmatic name (lower case, no blanks);
// display names normalise to the same key.
constexpr auto kAzureRegions = std::to_array<Entry>({
    {"australiacentral", "AU"}, {"australiacentral2", "AU"},
    {"australiaeast", "AU"},    {"australiasoutheast", "AU"},
    {"austriaeast", "AT"},      {"belgiumcentral", "BE"},
    {"brazilsouth", "BR"},      {"brazilsoutheast", "BR"},
    {"canadacentral", "CA"},    {"canadaeast", "CA"},
    {"centralindia", "IN"},     {"centralus", "US"},
    {"centraluseuap", "US"},    {"chilecentral", "CL"},
    {"chinaeast", "CN"},        {"chinaeast2", "CN"},
    {"chinaeast3", "CN"},       {"chinanorth", "CN"},
    {"chinanorth2", "CN"},      {"chinanorth3", "CN"},
    {"eastasia", "HK"},         {"eastus", "US"},
    {"eastus2", "US"},          {"eastus2euap", "US"},
    {"francecentral", "FR"},    {"francesouth", "FR"},
    {"germanynorth", "DE"},     {"germanywestcentral", "DE"},
    {"indonesiacentral", "ID"}, {"israelcentral", "IL"},
    {"italynorth", "IT"},       {"japaneast", "JP"},
    {"japanwest", "JP"},        {"jioindiacentral", "IN"},
    {"jioindiawest", "IN"},     {"koreacentral", "KR"},
    {"koreasouth", "KR"},       {"malaysiawest", "MY"},
    {"mexicocentral", "MX"},    {"newzealandnorth", "NZ"},
    {"northcentralus", "US"},   {"northeurope", "IE"},
    {"norwayeast", "NO"},       {"norwaywest", "NO"},
    {"polandcentral", "PL"},    {"qatarcentral", "QA"},
    {"southafricanorth", "ZA"}, {"southafricawest", "ZA"},
    {"southcentralus", "US"},   {"southeastasia", "SG"},
    {"southindia", "IN"},       {"spaincentral", "ES"},
    {"swedencentral", "SE"},    {"swedensouth", "SE"},
    {"switzerlandnorth", "CH"}, {"switzerlandwest", "CH"},
    {"uaecentral", "AE"},       {"uaenorth", "AE"},
    {"uksouth", "GB"},          {"ukwest", "GB"},
    {"usdodcentral", "US"},     {"usdodeast", "US"},
    {"usgovarizona", "US"},     {"usgovtexas", "US"},
    {"usgovvirginia", "US"},    {"westcentralus", "US"},
    {"westeurope", "NL"},       {"westindia", "IN"},
    {"westus", "US"},           {"westus2", "US"},
    {"westus3", "US"},
});
static_assert(sorted_unique(kAzureRegions));

// Google Cloud regions (lower case).
constexpr auto kGoogleRegions = std::to_array<Entry>({
    {"africa-south1", "ZA"},            // Johannesburg
    {"asia-east1", "TW"},               // Changhua County
    {"asia-east2", "HK"},               // Hong Kong
    {"asia-northeast1", "JP"},          // Tokyo
    {"asia-northeast2", "JP"},          // Osaka
    {"asia-northeast3", "KR"},          // Seoul
    {"asia-south1", "IN"},              // Mumbai
    {"asia-south2", "IN"},              // Delhi
    {"asia-southeast1", "SG"},          // Singapore
    {"asia-southeast2", "ID"},          // Jakarta
    {"australia-southeast1", "AU"},     // Sydney
    {"australia-southeast2", "AU"},     // Melbourne
    {"europe-central2", "PL"},          // Warsaw
    {"europe-north1", "FI"},            // Hamina
    {"europe-north2", "SE"},            // Stockholm
    {"europe-southwest1", "ES"},        // Madrid
    {"europe-west1", "BE"},             // St. Ghislain
    {"europe-west10", "DE"},            // Berlin
    {"europe-west12", "IT"},            // Turin
    {"europe-west2", "GB"},             // London (not EU)
    {"europe-west3", "DE"},             // Frankfurt
    {"europe-west4", "NL"},             // Eemshaven
    {"europe-west6", "CH"},             // Zurich (not EU)
    {"europe-west8", "IT"},             // Milan
    {"europe-west9", "FR"},             // Paris
    {"me-central1", "QA"},              // Doha
    {"me-central2", "SA"},              // Dammam
    {"me-west1", "IL"},                 // Tel Aviv
    {"northamerica-northeast1", "CA"},  // Montréal
    {"northamerica-northeast2", "CA"},  // Toronto
    {"northamerica-south1", "MX"},      // Querétaro
    {"southamerica-east1", "BR"},       // São Paulo
    {"southamerica-west1", "CL"},       // Santiago
    {"us-central1", "US"},              // Iowa
    {"us-east1", "US"},                 // South Carolina
    {"us-east4", "US"},                 // Northern Virginia
    {"us-east5", "US"},                 // Columbus
    {"us-south1", "US"},                // Dallas
    {"us-west1", "US"},                 // Oregon
    {"us-west2", "US"},                 // Los Angeles
    {"us-west3", "US"},                 // Salt Lake City
    {"us-west4", "US"},                 // Las Vegas
});
static_assert(sorted_unique(kGoogleRegions));

// Cloud Storage / BigQuery multi-regions and predefined dual-regions (lower
// case). Multi-regions are groups: data may sit in any listed country.
constexpr auto kGoogleMultiRegions = std::to_array<Entry>({
    // Multi-region ASIA: the countries of Google's Asian regions.
    {"asia", "HK ID IN JP KR SG TW"},
    {"asia1", "JP"},  // dual-region asia-northeast1 + asia-northeast2
    // Multi-region EU: data centres in EU member states.
    {"eu", kEuMembers},
    {"eur4", "FI NL"},  // dual-region europe-north1 + europe-west4
    {"nam4", "US"},     // dual-region us-central1 + us-east1
    {"us", "US"},
});
static_assert(sorted_unique(kGoogleMultiRegions));

template <size_t N>
const Entry *find(const std::array<Entry, N> &table, std::string_view key) {
  const auto it = std::lower_bound(table.begin(), table.end(), key,
                                   [](const Entry &e, std::string_view k) { return e.key < k; });
  return it != table.end() && it->key == key ? &*it : nullptr;
}

std::vector<std::string> split_sorted(std::string_view list) {
  std::vector<std::string> out;
  while (!list.empty()) {
    const size_t blank = list.find(' ');
    out.emplace_back(list.substr(0, blank));
    list = blank == std::string_view::npos ? std::string_view{} : list.substr(blank + 1);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::string upper(std::string_view s) {
  std::string out(s);
  for (char &c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return out;
}

bool is_iso_country(std::string_view code) {
  if (code.size() != 2) return false;
  size_t lo = 0, hi = kIsoCountryCount;
  while (lo < hi) {
    const size_t mid = (lo + hi) / 2;
    const std::string_view at = kIsoCountries.substr(mid * 3, 2);
    if (at == code) return true;
    if (at < code)
      lo = mid + 1;
    else
      hi = mid;
  }
  return false;
}

// "eu-west-2a" -> "eu-west-2", "europe-west3-a" -> "europe-west3": a single
// trailing zone letter, with or without a '-' before it.
std::optional<std::string_view> strip_zone_letter(std::string_view zone, bool dash) {
  const size_t min = dash ? 3 : 2;
  if (zone.size() < min || zone.back() < 'a' || zone.back() > 'z') return std::nullopt;
  if (dash && zone[zone.size() - 2] != '-') return std::nullopt;
  return zone.substr(0, zone.size() - (dash ? 2 : 1));
}

template <size_t N>
std::optional<std::vector<std::string>> region_or_zone(const std::array<Entry, N> &table,
                                                       const std::string &key, bool zone_dash) {
  if (const Entry *e = find(table, key)) return split_sorted(e->countries);
  if (const auto region = strip_zone_letter(key, zone_dash))
    if (const Entry *e = find(table, *region)) return split_sorted(e->countries);
  return std::nullopt;
}

std::optional<std::vector<std::string>> azure_countries(std::string_view region) {
  std::string key;
  for (char c : ascii_lower(region))
    if (c != ' ' && c != '-' && c != '_') key += c;
  if (const Entry *e = find(kAzureRegions, key)) return split_sorted(e->countries);
  return std::nullopt;
}

std::optional<std::vector<std::string>> google_countries(std::string_view region) {
  const std::string key = ascii_lower(region);
  if (const Entry *e = find(kGoogleMultiRegions, key)) return split_sorted(e->countries);
  return region_or_zone(kGoogleRegions, key, /*zone_dash=*/true);
}

}  // namespace

std::optional<std::vector<std::string>> countries_of_region(ProviderFamily provider,
                                                            std::string_view region) {
  switch (provider) {
    case ProviderFamily::Aws: return region_or_zone(kAwsRegions, ascii_lower(region), /*zone_dash=*/false);
    case ProviderFamily::Azure: return azure_countries(region);
    case ProviderFamily::Google: return google_countries(region);
    case ProviderFamily::Kubernetes:
    case ProviderFamily::Other: return std::nullopt;
  }
  return std::nullopt;
}

std::optional<std::string> normalize_country(std::string_view code) {
  const std::string key = upper(code);
  if (const Entry *alias = find(kCountryAliases, key)) return std::string(alias->countries);
  if (is_iso_country(key)) return key;
  return std::nullopt;
}

bool is_group(std::string_view name) { return find(kGroups, upper(name)) != nullptr; }

std::vector<std::string> group_names() {
  std::vector<std::string> out;
  for (const auto &g : kGroups) out.emplace_back(g.key);
  return out;
}

std::optional<std::vector<std::string>> countries_of_location(std::string_view code) {
  if (const Entry *group = find(kGroups, upper(code))) return split_sorted(group->countries);
  if (auto country = normalize_country(code)) return std::vector<std::string>{std::move(*country)};
  return std::nullopt;
}

bool is_known_location(std::string_view code) { return countries_of_location(code).has_value(); }

bool countries_within(const std::vector<std::string> &countries, const std::vector<std::string> &allowed) {
  std::vector<std::string> permitted;
  for (const auto &entry : allowed)
    if (auto members = countries_of_location(entry))
      permitted.insert(permitted.end(), members->begin(), members->end());
  std::sort(permitted.begin(), permitted.end());
  return std::all_of(countries.begin(), countries.end(), [&](const std::string &c) {
    const auto canonical = normalize_country(c);
    return canonical && std::binary_search(permitted.begin(), permitted.end(), *canonical);
  });
}

bool location_within(std::string_view location_code, const std::vector<std::string> &allowed) {
  const auto countries = countries_of_location(location_code);
  return countries && countries_within(*countries, allowed);
}

}  // namespace clause::geo
