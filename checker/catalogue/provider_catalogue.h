#pragma once
// Provider facts as data: catalogue/resources.yaml, embedded in the binary
// and checked when first read (types sorted and unique within a format,
// known fields only; a malformed catalogue is a build defect, reported with
// its line). Adding a resource type the checks know is a change to that file.
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "checker/model/document.h"

namespace clause::catalogue {

struct ResourceFacts {
  std::string type;      // aws_s3_bucket, AWS::S3::Bucket, StatefulSet
  std::string provider;  // Terraform: aws, azurerm, google; "" otherwise
  bool data = false;     // holds customer data (the data-bearing set)
  std::string name;      // the attribute other resources name it by, "" when none
};

class ProviderCatalogue {
 public:
  // Reads a catalogue; throws std::runtime_error naming `origin:line:col`.
  static ProviderCatalogue parse(std::string_view text, const std::string &origin);

  // The facts of `type` in `format`'s catalogue, or nullptr.
  const ResourceFacts *find(DocKind format, std::string_view type) const;
  bool holds_data(DocKind format, std::string_view type) const;

  // The types a rule's `targets:` alias stands for, in catalogue order:
  // "@data-stores" (every type of `format` that holds data) or, for
  // Terraform, "@data-stores/<provider>" (aws, azurerm or google). Throws
  // std::invalid_argument saying which aliases exist for anything else.
  std::vector<std::string> expand_alias(DocKind format, std::string_view alias) const;

 private:
  // terraform (HCL, .tf.json and plans), cloudformation, kubernetes
  std::map<std::string, std::vector<ResourceFacts>, std::less<>> formats_;
};

// The built-in catalogue (catalogue/resources.yaml).
const ProviderCatalogue &provider_catalogue();

}  // namespace clause::catalogue
