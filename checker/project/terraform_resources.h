#pragma once
// Resources declared by Terraform configuration blocks.
#include <vector>

#include "checker/model/document.h"
#include "checker/model/resource.h"

namespace clause {

// One Resource per `resource` block of the document (data sources are not
// infrastructure the scan judges). Addresses are `type.name`.
void terraform_resources(const Document &doc, std::vector<Resource> &out);

}  // namespace clause
