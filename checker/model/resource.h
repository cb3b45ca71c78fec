#pragma once
// Infrastructure normalised across formats: what rules of kind I and X read.
#include <memory>
#include <string>
#include <vector>

#include "checker/model/document.h"
#include "checker/model/unit.h"

namespace clause {

enum class ProviderFamily : uint8_t { Aws, Azure, Google, Kubernetes, Other };

const char *provider_family_name(ProviderFamily family);
ProviderFamily provider_family_of_terraform_type(std::string_view type);

struct Resource {
  // Terraform "aws_s3_bucket.logs" (with "module.x." prefixes), CloudFormation
  // the logical id, Kubernetes "Kind/namespace/name".
  std::string address;
  std::string type;  // "aws_s3_bucket", "AWS::S3::Bucket", "Deployment"
  std::string name;
  ProviderFamily provider = ProviderFamily::Other;
  DocKind format = DocKind::Unknown;
  const Document *document = nullptr;  // where `span` and body spans live
  Span span;                           // the header that names the resource
  // Attribute values. Points into the document, or at `owned_body` when
  // evaluation produced a new tree.
  const Node *body = nullptr;
  std::shared_ptr<const Node> owned_body;
  // Module call sites from the root module down to this resource.
  std::vector<Location> call_chain;
  // The deployment unit it belongs to (index into Project::units), kNoUnit
  // for an agreement's pseudo-resource.
  uint32_t unit = kNoUnit;

  Location location() const { return Location{document ? document->path : "", span}; }
};

}  // namespace clause
