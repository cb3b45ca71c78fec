#pragma once
// The `tags_all` attribute the AWS provider computes for every resource: its
// `tags` merged over the provider configuration's `default_tags`. When either
// side is not static, or the provider configuration cannot be found (a caller
// outside the scan configures it), `tags_all` is unknown, so tag rules stay
// silent instead of guessing.
#include "checker/model/node.h"

namespace clause::tf {

// The provider configuration a resource uses, as far as tags_all needs it.
struct ProviderDefaultTags {
  bool found = false;          // the configuration was found in the scan
  bool has_block = false;      // it has a default_tags block
  const Node *tags = nullptr;  // its evaluated `tags` (a Map, or unknown)
};

// Adds `tags_all` to an evaluated resource body (unless it sets one itself).
void add_tags_all(Node &body, const Span &header, const ProviderDefaultTags &provider);

// The provider configuration's name a resource selects: "" for the default
// one, "west" for `provider = aws.west`.
std::string provider_alias(const Node &body);

}  // namespace clause::tf
