#pragma once
// A compact binary form of a parsed Document, for the model cache: kind,
// blocks, roots, comments, diagnostics, every Node with its span and every
// Expr tree. Path-independent: the path, absolute path and source bytes are
// not stored (the caller has the file). Integers are LEB128 varints, doubles
// their 8 raw bytes, so a model round-trips exactly.
#include <cstdint>
#include <string>
#include <string_view>

#include "checker/model/document.h"

namespace clause {

// Bump whenever the encoding or the model's fields change.
// 3: an Expr no longer holds its source text (its Expression node's text).
inline constexpr uint32_t kDocumentCodecVersion = 3;

std::string encode_document(const Document &doc);

// Fills the parsed parts of `doc` (kind, blocks, roots, comments,
// diagnostics) from `data`. Returns false, leaving `doc` unspecified, when
// the data is truncated, malformed, nested too deeply or has bytes left over.
// Never trusts a count or a length: any input is safe to decode.
bool decode_document(std::string_view data, Document &doc);

}  // namespace clause
