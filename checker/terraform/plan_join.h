#pragma once
// Terraform plan JSON (`terraform show -json`) next to the configuration it
// was made from: one resource per address, at the .tf line.
//
// A plan resource whose address is also a resource evaluated from .tf
// source of the same root module (the plan's directory; when no root module
// was evaluated there, anywhere in the scan root where that address is
// unique) is not kept on its own: the .tf resource stays, located at its .tf
// line, and each value that evaluation left unknown takes the plan's value
// where the plan knows it (located at the .tf expression it replaces). So a
// plan never moves or duplicates a finding of the source; it can only
// decide what the source alone could not. Plan resources without a .tf
// counterpart (resources of remote modules, a plan whose source is not in
// the scan) stay resources of their own, located in the plan.
#include <string>
#include <vector>

#include "checker/model/document.h"
#include "checker/model/resource.h"

namespace clause::tf {

// `roots[i]`: the root module directory of `resources[i]`. Returns the plan
// resources that have no .tf counterpart.
std::vector<Resource> join_plans(std::vector<Resource> &resources, const std::vector<std::string> &roots,
                                 const std::vector<const Document *> &plans);

}  // namespace clause::tf
