#pragma once
// Gives every AWS Terraform resource the `tags_all` attribute the provider
// computes: its `tags` merged over the provider block's `default_tags`. When
// either side is not static, or the provider is configured outside the
// resource's module (a caller passes it in), `tags_all` is unknown, so tag
// rules stay silent instead of guessing.
#include <vector>

#include "checker/model/document.h"
#include "checker/model/resource.h"

namespace clause {

void apply_aws_default_tags(const std::vector<DocumentPtr> &documents, std::vector<Resource> &resources);

}  // namespace clause
