#pragma once
// CloudFormation (and SAM) templates normalised into Resources.
#include <vector>

#include "checker/model/document.h"
#include "checker/model/resource.h"

namespace clause {

// One Resource per entry of `Resources` (in every document of `doc.roots`):
// address and name = the logical id, type = `Type`, provider Aws, format
// CloudFormation, span = the logical-id key, body = the resource's Map (so
// rule paths read `Properties.X`, `DeletionPolicy`, `Condition`).
//
// `Parameters` defaults are applied: where a value is exactly {"Ref": P} and
// parameter P has a `Default`, the resource gets an `owned_body` in which
// that map is replaced by the default (located at the Ref; a `Number`
// parameter's string default becomes a number). A Ref to a parameter without
// default, to a pseudo parameter (`AWS::Region`) or to another resource stays
// the {"Ref": ...} map, which rules treat as unknown.
std::vector<Resource> cloudformation_resources(const Document &doc);

}  // namespace clause
