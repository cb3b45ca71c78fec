#pragma once
// The built-in rule packs' models, parsed and encoded when the binary is
// built (tools/encode_rule_packs): decoding one is about twenty times
// cheaper than parsing its YAML, which was most of a scan's start-up
// (docs/performance.md).
#include <string_view>

namespace clause {

// The encoded model (checker/cache/document_codec) of the embedded rule pack
// at `path` (e.g. rules/5.9/CL-0901.yaml), or empty when this build has none
// for it (the encoder's own build), so the pack is parsed instead.
std::string_view embedded_rule_model(std::string_view path);

}  // namespace clause
