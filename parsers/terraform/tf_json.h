#pragma once
// Terraform JSON configuration syntax (`*.tf.json`) into the same Blocks the
// HCL parser produces. Call after parse_json() filled `doc.roots[0]`; the
// JSON tree stays in `doc.roots`, the blocks are copies.
//
// Representation:
//   {"resource": {"aws_s3_bucket": {"logs": {...}}}}
//       -> Block{type "resource", labels {"aws_s3_bucket", "logs"}, body}
//   Labels per block type: resource, data -> 2; module, variable, output,
//   provider, check -> 1; locals, terraform, moved, import, removed -> 0.
//   Other top-level keys are ignored.
//   Wherever the syntax allows, an array of objects stands for repeated
//   objects: `"resource": [{...}, {...}]`, `"provider": {"aws": [{...}, {...}]}`
//   (two provider configurations), each body object giving one Block.
//   body:   a Map with from_block = true holding the body object's entries;
//           nested blocks stay as JSON gives them (an object or an array of
//           objects), as plan JSON does. The "//" comment property is not an
//           attribute: it is dropped from bodies and recorded in
//           doc.comments (so `clause:ignore` works in tf.json).
//   header: the span of the key that carries the last label (the block-type
//           key for blocks without labels): the line that names the block.
//   span:   from the header to the end of the body object.
//   Strings: a string holding an interpolation or directive (`${`, `%{`) is
//           an Expression node whose text is the template as written (no Expr
//           structure); `$${` and `%%{` escapes in other strings are undone.
//           Keys stay keys.
// Structure problems (a block type whose value is not an object, a label
// level that is not an object) add a Warning "tf-json-structure" and skip
// that part. `.tfvars.json` needs no conversion: its root map is the values.
#include "checker/model/document.h"

namespace clause {

void terraform_json_blocks(Document &doc);

// Exposed for tests: the value a tf.json string stands for (String or
// Expression), with `$${`/`%%{` escapes handled.
Node terraform_json_string(const Node &string_node);

}  // namespace clause
