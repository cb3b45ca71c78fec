#pragma once
// `related` predicates on CloudFormation: the resources of the same template
// that name this one (`Ref`, `Fn::GetAtt`, or `${Name}` in `Fn::Sub`) under
// a given property path. CloudFormation has no references graph; a
// template's logical names are its references.
#include <string_view>
#include <vector>

#include "checker/project/project.h"

namespace clause {

// Resources of `type` ("*": any) in `self`'s template whose value at `via`
// (a dotted path; lists fan out) refers to `self` by its logical name.
std::vector<const Resource *> cfn_referrers(const Project &project, const Resource &self,
                                            std::string_view type, std::string_view via);

}  // namespace clause
