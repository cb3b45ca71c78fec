#include "checker/catalogue/provider_catalogue.h"

#include <algorithm>
#include <set>
#include <stdexcept>

#include "checker/engine/embedded_files.h"
#include "parsers/yaml/yaml_parser.h"

namespace clause::catalogue {
namespace {

[[noreturn]] void fail(const std::string &origin, const Span &at, const std::string &message) {
  throw std::runtime_error(origin + ":" + std::to_string(at.start_line) + ":" + std::to_string(at.start_col) +
                           ": " + message);
}

std::string_view format_key(DocKind format) {
  switch (format) {
    case DocKind::Terraform:
    case DocKind::TerraformPlan: return "terraform";
    case DocKind::CloudFormation: return "cloudformation";
    case DocKind::Kubernetes: return "kubernetes";
    default: return "";
  }
}

}  // namespace

ProviderCatalogue ProviderCatalogue::parse(std::string_view text, const std::string &origin) {
  Document doc;
  doc.path = origin;
  doc.source = std::string(text);
  ParseOptions opts;
  opts.detect_helm_templates = false;
  parse_yaml(doc, opts);
  if (!doc.diagnostics.empty()) fail(origin, doc.diagnostics.front().span, doc.diagnostics.front().message);
  if (doc.roots.size() != 1 || !doc.roots.front().is_map())
    fail(origin, Span{}, "the catalogue is one mapping of formats");
  static const std::set<std::string, std::less<>> kFormats = {"terraform", "cloudformation", "kubernetes"};
  static const std::set<std::string, std::less<>> kProviders = {"aws", "azurerm", "google"};
  ProviderCatalogue out;
  for (const MapEntry &format : doc.roots.front().entries) {
    if (!kFormats.count(format.key)) fail(origin, format.key_span, "unknown format '" + format.key + "'");
    if (!format.value.is_list()) fail(origin, format.value.span, "a format holds a list of resource types");
    std::vector<ResourceFacts> &facts = out.formats_[format.key];
    for (const Node &item : format.value.items) {
      if (!item.is_map())
        fail(origin, item.span, "an entry is a mapping such as {type: aws_s3_bucket, data: true}");
      ResourceFacts f;
      for (const MapEntry &field : item.entries) {
        const Node &v = field.value;
        if (field.key == "type" && v.is_string()) {
          f.type = v.text;
        } else if (field.key == "provider" && v.is_string() && format.key == "terraform" &&
                   kProviders.count(v.text)) {
          f.provider = v.text;
        } else if (field.key == "data" && v.kind == NodeKind::Bool) {
          f.data = v.boolean;
        } else if (field.key == "name" && v.is_string()) {
          f.name = v.text;
        } else {
          fail(origin, field.key_span, "unexpected field or value '" + field.key + "'");
        }
      }
      if (f.type.empty()) fail(origin, item.span, "an entry needs its type");
      if (format.key == "terraform" && f.provider.empty())
        fail(origin, item.span, f.type + " needs its provider (aws, azurerm or google)");
      if (!facts.empty() && facts.back().type >= f.type)
        fail(origin, item.span,
             f.type + " is out of order or listed twice: types are sorted within a format");
      facts.push_back(std::move(f));
    }
  }
  return out;
}

const ResourceFacts *ProviderCatalogue::find(DocKind format, std::string_view type) const {
  auto it = formats_.find(format_key(format));
  if (it == formats_.end()) return nullptr;
  const std::vector<ResourceFacts> &facts = it->second;
  auto at = std::lower_bound(facts.begin(), facts.end(), type,
                             [](const ResourceFacts &f, std::string_view t) { return f.type < t; });
  return at != facts.end() && at->type == type ? &*at : nullptr;
}

bool ProviderCatalogue::holds_data(DocKind format, std::string_view type) const {
  const ResourceFacts *f = find(format, type);
  return f && f->data;
}

std::vector<std::string> ProviderCatalogue::expand_alias(DocKind format, std::string_view alias) const {
  constexpr std::string_view kDataStores = "@data-stores";
  const std::string_view key = format_key(format);
  if (key.empty())
    throw std::invalid_argument("'" + std::string(alias) +
                                "': aliases name resource types of terraform, cloudformation or kubernetes");
  bool known = alias.starts_with(kDataStores);
  std::string_view provider = known ? alias.substr(kDataStores.size()) : std::string_view();
  if (!provider.empty()) {
    known = key == "terraform" && provider.size() > 1 && provider.front() == '/';
    provider.remove_prefix(1);
  }
  std::vector<std::string> out;
  auto it = formats_.find(key);
  if (known && it != formats_.end())
    for (const ResourceFacts &f : it->second)
      if (f.data && (provider.empty() || f.provider == provider)) out.push_back(f.type);
  if (out.empty())
    throw std::invalid_argument(
        "unknown alias '" + std::string(alias) + "' for " + std::string(key) +
        ": the catalogue names \"@data-stores\"" +
        (key == "terraform" ? " and \"@data-stores/<provider>\" (aws, azurerm, google)" : ""));
  return out;
}

const ProviderCatalogue &provider_catalogue() {
  static const ProviderCatalogue catalogue = [] {
    for (const EmbeddedFile &f : embedded_catalogue_files())
      if (f.path == "catalogue/resources.yaml")
        return ProviderCatalogue::parse(f.content, std::string(f.path));
    throw std::runtime_error("catalogue/resources.yaml is not embedded in this build");
  }();
  return catalogue;
}

}  // namespace clause::catalogue
