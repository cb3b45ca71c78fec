#pragma once
// Moving a value to where it is used.
#include "checker/model/node.h"

namespace clause {

// Gives the value and everything inside it `span`: a value that flowed from
// elsewhere (a Terraform variable default, another file, a CloudFormation
// parameter or mapping) is reported where it is used.
void restamp(Node &n, const Span &span);

}  // namespace clause
