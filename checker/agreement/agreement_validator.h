#pragma once
// Structural validation of agreement documents, run by the project loader on
// every document classified as an agreement. Problems become Error
// diagnostics with code `agreement-schema` at the offending key or value:
// an unsupported apiVersion, a key the format does not know (with a hint
// where it belongs), a list given as a string, and so on. The agreement
// rules still run; what they cannot read they do not judge.
#include "checker/model/document.h"

namespace clause {

inline constexpr const char *kAgreementSchemaCode = "agreement-schema";

// Validates every root of `doc` whose kind is CloudServiceAgreement.
void validate_agreement(Document &doc);

}  // namespace clause
