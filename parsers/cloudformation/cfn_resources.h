#pragma once
// CloudFormation (and SAM) templates normalised into Resources.
#include <vector>

#include "checker/model/document.h"
#include "checker/model/resource.h"
#include "parsers/cloudformation/cfn_eval.h"

namespace clause {

// One Resource per entry of `Resources` (in every document of `doc.roots`):
// address and name = the logical id, type = `Type`, provider Aws, format
// CloudFormation, span = the logical-id key, body = the resource's Map (so
// rule paths read `Properties.X`, `DeletionPolicy`, `Condition`).
//
// Intrinsics are evaluated where their inputs are known (cfn_eval.h): the
// resource then gets an `owned_body` holding the values (a `Ref` to a
// parameter located at the Ref; a `Number` parameter's value a number),
// with the values its parameters' defaults decided in `assumed_defaults`.
// A resource whose `Condition` is false is left out (it is not created).
// What stays unknown (a Ref to a parameter without value or default, to a
// pseudo parameter the inputs leave open, to another resource) stays the
// intrinsic map, which rules treat as unknown.
std::vector<Resource> cloudformation_resources(const Document &doc, const CfnInputs &inputs = {});

}  // namespace clause
