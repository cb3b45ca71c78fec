// Scenario 5.1: where data lives must be provable from the code, and a
// preventive control should keep it there.
#include <map>

#include "checker/catalogue/provider_catalogue.h"
#include "checker/rules/infrastructure/infra_support.h"

namespace clause::infra {
namespace {

// CL-0101 ctx.iac-region-resolvable
void region_resolvable(const NativeCheckContext &ctx) {
  const Project &project = ctx.project();
  const auto &modules = local_module_directories(project);
  std::map<std::tuple<std::string, std::string, std::string>, const ProviderBlock *>
      by_key;  // dir, name, alias
  const auto &providers = provider_blocks(project);
  std::set<std::string> configured_dirs;
  for (const auto &p : providers) {
    by_key[{directory_of(p.doc->path), p.name == "google-beta" ? "google" : p.name, p.alias}] = &p;
    configured_dirs.insert(directory_of(p.doc->path));
  }
  for (const auto &doc : project.documents)
    if (doc->kind == DocKind::Terraform)
      for (const auto &b : doc->blocks)
        if (b.type == "terraform" && b.body.get("backend")) configured_dirs.insert(directory_of(doc->path));

  std::set<const Block *> reported_providers;
  for (const auto &r : project.resources) {
    if (r.format != DocKind::Terraform || !r.document) continue;
    std::string dir = directory_of(r.document->path);
    // Child modules take their provider from the caller; directories that
    // configure nothing are reusable modules of some other root.
    if (modules.count(dir) || !configured_dirs.count(dir) || example_or_test_directory(dir)) continue;
    // AWS data stores, and the Google stores whose location may be left to
    // the provider: those the catalogue gives a location attribute of their own.
    const catalogue::ResourceFacts *facts = catalogue::provider_catalogue().find(r.format, r.type);
    std::string provider_name;
    std::vector<std::string>
        keys;  // the resource's own attribute, then what may stand for it in the provider
    if (r.provider == ProviderFamily::Aws && facts && facts->data) {
      provider_name = "aws";
      keys = {"region"};
    } else if (r.provider == ProviderFamily::Google && facts && !facts->location.empty()) {
      provider_name = "google";
      keys = {facts->location.front()};
      if (keys[0] == "region") keys.push_back("zone");
    } else {
      continue;
    }
    // The resource's own attribute (AWS provider 6 `region`, Google
    // `region`/`zone`) decides when written.
    Attribute own = read_attribute(r.body, keys.front(), kBlocksAndDynamic);
    if (own.known()) continue;
    if (own.unknown()) {
      ctx.undecided(*r.document, own.node->span, r.address, own.node->text);
      continue;
    }
    std::string alias = provider_alias_of(r);
    auto it = by_key.find({dir, provider_name, alias});
    if (it == by_key.end()) {
      ctx.report(*r.document, r.span,
                 r.address + " uses the " + provider_name + (alias.empty() ? "" : "." + alias) +
                     " provider configuration, which this root does not declare; its location comes from "
                     "the environment of whoever runs Terraform",
                 r.address);
      continue;
    }
    const ProviderBlock &p = *it->second;
    bool decided = false;
    for (const std::string &k : keys) {
      Attribute v = read_attribute(&p.block->body, k, kBlocksAndDynamic);
      if (v.known()) {
        decided = true;
        break;
      }
      if (v.unknown()) {
        ctx.undecided(*p.doc, v.node->span, "provider." + p.name, v.node->text);
        decided = true;
        break;
      }
    }
    if (decided || !reported_providers.insert(p.block).second) continue;
    ctx.report(*p.doc, p.block->header,
               "The " + p.name + (p.alias.empty() ? "" : "." + p.alias) + " provider sets no " + keys[0] +
                   ", so where " + r.address +
                   " (and every data store using this provider) lives depends on the environment of whoever "
                   "runs Terraform",
               "provider." + p.name);
  }
}

bool aws_region_guardrail(const Project &project, const Resource &r) {
  if (r.type != "aws_organizations_policy" && r.type != "AWS::Organizations::Policy") return false;
  if (mentions(*r.body, "aws:RequestedRegion")) return true;
  // The content often comes from an aws_iam_policy_document data source.
  for (const auto &doc : project.documents)
    if (doc->kind == DocKind::Terraform)
      for (const auto &b : doc->blocks)
        if (b.type == "data" && !b.labels.empty() && b.labels[0] == "aws_iam_policy_document" &&
            mentions(b.body, "aws:RequestedRegion") &&
            mentions(*r.body, "data.aws_iam_policy_document." + b.labels.back()))
          return true;
  return false;
}

// CL-0102 ctx.location-guardrail
void location_guardrail(const NativeCheckContext &ctx) {
  const Project &project = ctx.project();
  report_missing_controls(
      ctx,
      {{ProviderFamily::Aws,
        "No service control policy restricts aws:RequestedRegion; nothing prevents data stores from being "
        "created outside the agreed regions",
        [&project](const Resource &r) { return aws_region_guardrail(project, r); }},
       {ProviderFamily::Azure,
        "No 'Allowed locations' policy is assigned; nothing prevents resources from being created outside "
        "the agreed regions",
        [](const Resource &r) {
          if (r.type.find("policy_assignment") != std::string::npos)
            return mentions(*r.body, "e56962a6-4747-49cd-b67b-bf8b01975c4c") ||
                   mentions(*r.body, "e765b5de-1225-4ba3-bd56-1ac6695af988") ||
                   mentions(*r.body, "listOfAllowedLocations");
          return r.type == "azurerm_policy_definition" && mentions(*r.body, "listOfAllowedLocations");
        }},
       {ProviderFamily::Google,
        "No organisation policy sets constraints/gcp.resourceLocations; nothing prevents resources from "
        "being created outside the agreed locations",
        [](const Resource &r) {
          return (r.type == "google_org_policy_policy" || r.type == "google_organization_policy" ||
                  r.type == "google_folder_organization_policy" ||
                  r.type == "google_project_organization_policy") &&
                 mentions(*r.body, "resourceLocations");
        }}});
}

const NativeCheckRegistrar kRegion("CL-0101", &region_resolvable);
const NativeCheckRegistrar kGuardrail("CL-0102", &location_guardrail);

}  // namespace
}  // namespace clause::infra
