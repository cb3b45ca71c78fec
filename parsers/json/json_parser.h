#pragma once
// JSON (RFC 8259) into the located model.
//
// The tree is built straight from nlohmann::json's SAX events on an explicit
// stack (no DOM, no recursion), so nesting depth costs heap, never stack.
// Representation (see docs/parsers/json.md):
//   object -> Map (entries in source order; a repeated key keeps every entry
//             and adds a Warning "duplicate-key"), array -> List, string ->
//             String (decoded), number -> Number (`text` keeps the spelling),
//             true/false -> Bool, null -> Null.
// Positions: every Node::span and MapEntry::key_span is exact. Lines and
// columns are 1-based, columns count bytes, the end is exclusive (the column
// and offset just past the last byte, as SARIF's endColumn). Offsets index
// Document::source. A UTF-8 BOM is skipped and not counted in line 1's
// columns (its offsets still count it).
// Errors: syntax errors give one Error "parse-error" at the start of the
// offending token; limits give "limit-depth" / "limit-nodes". After an error
// Document::roots stays empty: a partial tree would make absent attributes
// look like findings. An empty or whitespace-only input gives no root and no
// diagnostic.
#include "checker/model/document.h"
#include "parsers/parse_options.h"

namespace clause {

void parse_json(Document &doc, const ParseOptions &opts);

}  // namespace clause
