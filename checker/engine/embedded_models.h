#pragma once
// The models of the YAML files embedded in the binary (the built-in rule
// packs and the provider catalogue), parsed and encoded when the binary is
// built (tools/encode_embedded): decoding one is about twenty times cheaper
// than parsing its YAML, which was most of a scan's start-up
// (docs/performance.md).
#include <string_view>

#include "checker/model/document.h"

namespace clause {

// The encoded model (checker/cache/document_codec) of the embedded file at
// `path` (e.g. rules/5.9/CL-0901.yaml, catalogue/resources.yaml), or empty
// when this build has none for it (the encoder's own build).
std::string_view embedded_model(std::string_view path);

// The embedded YAML file `text` at `path` as a document: its model decoded
// when the build has one, else parsed (parse_own_yaml).
DocumentPtr embedded_document(std::string_view text, const std::string &path);

}  // namespace clause
