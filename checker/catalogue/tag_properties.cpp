#include "checker/catalogue/tag_properties.h"

namespace clause::catalogue {
namespace {

ProviderFamily family_of(std::string_view provider) {
  if (provider == "aws") return ProviderFamily::Aws;
  if (provider == "azurerm") return ProviderFamily::Azure;
  if (provider == "google") return ProviderFamily::Google;
  return ProviderFamily::Other;
}

}  // namespace

const std::vector<TagProperty> &tag_properties() {
  static const std::vector<TagProperty> kRows = [] {
    const ProviderCatalogue &c = provider_catalogue();
    std::vector<TagProperty> rows;
    for (DocKind format : {DocKind::Terraform, DocKind::CloudFormation, DocKind::Kubernetes}) {
      for (const ProviderFacts &p : c.providers(format))
        for (const TagPath &t : p.tags) rows.push_back({format, family_of(p.provider), "", t.path, t.shape});
      for (const ResourceFacts &r : c.types(format))
        for (const TagPath &t : r.tags)
          rows.push_back({format, family_of(r.provider), r.type, t.path, t.shape});
    }
    return rows;
  }();
  return kRows;
}

}  // namespace clause::catalogue
