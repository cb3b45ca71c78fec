#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "checker/geo/regions.h"

namespace clause::geo {
namespace {

using Countries = std::vector<std::string>;

std::optional<Countries> aws(std::string_view r) { return countries_of_region(ProviderFamily::Aws, r); }
std::optional<Countries> azure(std::string_view r) { return countries_of_region(ProviderFamily::Azure, r); }
std::optional<Countries> gcp(std::string_view r) { return countries_of_region(ProviderFamily::Google, r); }

const Countries kEu27{"AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU",
                      "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK"};

TEST(Regions, AwsTrickyRegions) {
  EXPECT_EQ(aws("eu-west-2"), Countries{"GB"});
  EXPECT_EQ(aws("eu-central-2"), Countries{"CH"});
  EXPECT_EQ(aws("eu-south-2"), Countries{"ES"});
  EXPECT_EQ(aws("me-central-1"), Countries{"AE"});
  EXPECT_EQ(aws("me-south-1"), Countries{"BH"});
  EXPECT_EQ(aws("il-central-1"), Countries{"IL"});
  EXPECT_EQ(aws("ca-west-1"), Countries{"CA"});
  EXPECT_EQ(aws("ap-southeast-5"), Countries{"MY"});
  EXPECT_EQ(aws("ap-southeast-7"), Countries{"TH"});
  EXPECT_EQ(aws("ap-east-1"), Countries{"HK"});
  EXPECT_EQ(aws("ap-east-2"), Countries{"TW"});
  EXPECT_EQ(aws("mx-central-1"), Countries{"MX"});
  EXPECT_EQ(aws("eu-central-1"), Countries{"DE"});
  EXPECT_EQ(aws("eu-west-1"), Countries{"IE"});
  EXPECT_EQ(aws("eu-north-1"), Countries{"SE"});
  EXPECT_EQ(aws("us-east-1"), Countries{"US"});
  EXPECT_EQ(aws("sa-east-1"), Countries{"BR"});
  EXPECT_EQ(aws("af-south-1"), Countries{"ZA"});
}

TEST(Regions, AwsGovCloudChinaAndZones) {
  EXPECT_EQ(aws("us-gov-west-1"), Countries{"US"});
  EXPECT_EQ(aws("us-gov-east-1"), Countries{"US"});
  EXPECT_EQ(aws("cn-north-1"), Countries{"CN"});
  EXPECT_EQ(aws("cn-northwest-1"), Countries{"CN"});
  EXPECT_EQ(aws("eu-west-2a"), Countries{"GB"});
  EXPECT_EQ(aws("EU-CENTRAL-1"), Countries{"DE"});
  // Local Zones can be in another country than their parent region.
  EXPECT_EQ(aws("af-south-1-los-1a"), std::nullopt);
  EXPECT_EQ(aws("us-east-1-bos-1a"), std::nullopt);
}

TEST(Regions, AwsUnknown) {
  EXPECT_EQ(aws("eu-west-9"), std::nullopt);
  EXPECT_EQ(aws("eu-central-3"), std::nullopt);  // not inferred from the "eu" prefix
  EXPECT_EQ(aws(""), std::nullopt);
  EXPECT_EQ(aws("${var.region}"), std::nullopt);
  EXPECT_EQ(aws("westeurope"), std::nullopt);
}

TEST(Regions, AzureNamesAndDisplayNames) {
  EXPECT_EQ(azure("westeurope"), Countries{"NL"});
  EXPECT_EQ(azure("West Europe"), Countries{"NL"});
  EXPECT_EQ(azure("northeurope"), Countries{"IE"});
  EXPECT_EQ(azure("uksouth"), Countries{"GB"});
  EXPECT_EQ(azure("UK South"), Countries{"GB"});
  EXPECT_EQ(azure("switzerlandnorth"), Countries{"CH"});
  EXPECT_EQ(azure("norwayeast"), Countries{"NO"});
  EXPECT_EQ(azure("germanywestcentral"), Countries{"DE"});
  EXPECT_EQ(azure("Germany West Central"), Countries{"DE"});
  EXPECT_EQ(azure("West US 2"), Countries{"US"});
  EXPECT_EQ(azure("Australia Central 2"), Countries{"AU"});
  EXPECT_EQ(azure("eastasia"), Countries{"HK"});
  EXPECT_EQ(azure("chinanorth3"), Countries{"CN"});
  EXPECT_EQ(azure("usgovvirginia"), Countries{"US"});
  EXPECT_EQ(azure("atlantis"), std::nullopt);
  EXPECT_EQ(azure("eu-west-1"), std::nullopt);
}

TEST(Regions, GoogleRegionsAndZones) {
  EXPECT_EQ(gcp("europe-west2"), Countries{"GB"});
  EXPECT_EQ(gcp("europe-west6"), Countries{"CH"});
  EXPECT_EQ(gcp("europe-west3"), Countries{"DE"});
  EXPECT_EQ(gcp("europe-west1"), Countries{"BE"});
  EXPECT_EQ(gcp("europe-west10"), Countries{"DE"});
  EXPECT_EQ(gcp("europe-west12"), Countries{"IT"});
  EXPECT_EQ(gcp("me-central2"), Countries{"SA"});
  EXPECT_EQ(gcp("europe-west3-a"), Countries{"DE"});
  EXPECT_EQ(gcp("europe-west2-c"), Countries{"GB"});
  EXPECT_EQ(gcp("US-CENTRAL1"), Countries{"US"});
  EXPECT_EQ(gcp("europe-west5"), std::nullopt);
  EXPECT_EQ(gcp("europe-west3-"), std::nullopt);
  EXPECT_EQ(gcp("global"), std::nullopt);
}

TEST(Regions, GoogleMultiAndDualRegions) {
  EXPECT_EQ(gcp("EU"), kEu27);
  EXPECT_EQ(gcp("eu"), kEu27);
  EXPECT_EQ(gcp("US"), Countries{"US"});
  EXPECT_EQ(gcp("ASIA"), (Countries{"HK", "ID", "IN", "JP", "KR", "SG", "TW"}));
  EXPECT_EQ(gcp("EUR4"), (Countries{"FI", "NL"}));
  EXPECT_EQ(gcp("NAM4"), Countries{"US"});
  EXPECT_EQ(gcp("ASIA1"), Countries{"JP"});
  EXPECT_EQ(gcp("EUR99"), std::nullopt);
}

TEST(Regions, OtherProvidersUnknown) {
  EXPECT_EQ(countries_of_region(ProviderFamily::Kubernetes, "eu-west-1"), std::nullopt);
  EXPECT_EQ(countries_of_region(ProviderFamily::Other, "eu-west-1"), std::nullopt);
}

TEST(Locations, Groups) {
  EXPECT_EQ(countries_of_location("EU"), kEu27);
  EXPECT_EQ(countries_of_location("EU")->size(), 27u);
  Countries eea = kEu27;
  eea.insert(eea.end(), {"IS", "LI", "NO"});
  std::sort(eea.begin(), eea.end());
  EXPECT_EQ(countries_of_location("EEA"), eea);
  EXPECT_EQ(countries_of_location("eea")->size(), 30u);
  EXPECT_EQ(countries_of_location("EFTA"), (Countries{"CH", "IS", "LI", "NO"}));
  EXPECT_TRUE(is_group("EU"));
  EXPECT_FALSE(is_group("DE"));
  EXPECT_EQ(group_names(), (Countries{"EEA", "EFTA", "EU"}));
}

TEST(Locations, Countries) {
  EXPECT_EQ(countries_of_location("DE"), Countries{"DE"});
  EXPECT_EQ(countries_of_location("de"), Countries{"DE"});
  EXPECT_EQ(normalize_country("UK"), "GB");
  EXPECT_EQ(normalize_country("EL"), "GR");
  EXPECT_EQ(normalize_country("ZW"), "ZW");
  EXPECT_EQ(normalize_country("XX"), std::nullopt);
  EXPECT_EQ(normalize_country("DEU"), std::nullopt);
  EXPECT_FALSE(is_known_location("Europe"));
  EXPECT_TRUE(is_known_location("AD"));
}

TEST(Locations, WithinAllowed) {
  const std::vector<std::string> eu{"EU"};
  EXPECT_TRUE(location_within("DE", eu));
  EXPECT_TRUE(location_within("IE", eu));
  EXPECT_FALSE(location_within("GB", eu));
  EXPECT_FALSE(location_within("CH", eu));
  EXPECT_FALSE(location_within("NO", eu));
  EXPECT_TRUE(location_within("NO", {"EEA"}));
  EXPECT_FALSE(location_within("CH", {"EEA"}));
  EXPECT_TRUE(location_within("CH", {"EEA", "CH"}));
  EXPECT_TRUE(location_within("GB", {"EU", "UK"}));
  EXPECT_TRUE(location_within("EU", {"EEA"}));
  EXPECT_FALSE(location_within("EEA", {"EU"}));
  EXPECT_FALSE(location_within("EU", {"DE"}));
  EXPECT_FALSE(location_within("DE", {}));
  EXPECT_FALSE(location_within("XX", {"EU"}));
  EXPECT_TRUE(location_within("DE", {"bogus", "DE"}));
}

TEST(Locations, RegionCountriesWithinAllowed) {
  const std::vector<std::string> eu{"EU"};
  EXPECT_TRUE(countries_within(*aws("eu-central-1"), eu));
  EXPECT_FALSE(countries_within(*aws("eu-west-2"), eu));
  EXPECT_FALSE(countries_within(*aws("eu-central-2"), eu));
  EXPECT_FALSE(countries_within(*azure("norwayeast"), eu));
  EXPECT_TRUE(countries_within(*azure("norwayeast"), {"EEA"}));
  EXPECT_FALSE(countries_within(*gcp("europe-west2"), eu));
  EXPECT_TRUE(countries_within(*gcp("EU"), eu));
  EXPECT_TRUE(countries_within(*gcp("EUR4"), eu));
  EXPECT_FALSE(countries_within(*gcp("EU"), {"DE"}));
  EXPECT_TRUE(countries_within({}, eu));
}

}  // namespace
}  // namespace clause::geo
