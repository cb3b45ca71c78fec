#pragma once
// One parsed input file. Parsers fill it; nothing downstream re-reads the
// file, except reporters that quote the offending source line (kept here).
#include <memory>
#include <string>
#include <vector>

#include "checker/model/location.h"
#include "checker/model/node.h"

namespace clause {

enum class DocKind : uint8_t {
  Unknown,
  Terraform,      // .tf / .tf.json
  TerraformVars,  // .tfvars / .tfvars.json
  TerraformPlan,  // `terraform show -json`
  CloudFormation,
  Kubernetes,
  Agreement,  // kind: CloudServiceAgreement
};

const char *doc_kind_name(DocKind kind);

enum class DiagLevel : uint8_t { Error, Warning, Note };

// A problem with the input itself (syntax error, limit hit), never a rule
// finding. Reported as a warning line / SARIF toolExecutionNotification.
struct Diagnostic {
  DiagLevel level = DiagLevel::Error;
  std::string code;  // "parse-error", "limit-depth", "skipped-size", ...
  std::string message;
  Span span;  // may be invalid when the problem has no position
};

// An HCL block: `type "label" "label" { body }`. tf.json produces the same.
struct Block {
  std::string type;
  std::vector<std::string> labels;
  Node body;    // a Map with from_block = true
  Span span;    // the whole block
  Span header;  // from the type keyword to the last label
};

// A comment, kept for inline suppressions (`clause:ignore ...`).
struct Comment {
  Span span;
  std::string text;  // including the comment marker
};

struct Document {
  DocKind kind = DocKind::Unknown;
  std::string path;      // relative to the scan root, '/'-separated
  std::string abs_path;  // as opened
  std::string source;    // the file's bytes (for snippets and comments)

  std::vector<Block> blocks;  // Terraform
  std::vector<Node> roots;    // YAML/JSON documents (one per stream entry)
  std::vector<Comment> comments;
  std::vector<Diagnostic> diagnostics;

  bool has_errors() const;
  // The text of 1-based line `line` without its line terminator, at most
  // limits::kMaxSnippetBytes of it: it becomes a finding's snippet, and a
  // minified plan or template is one line of megabytes.
  std::string_view line_text(uint32_t line) const;
  // The text of the line where `span` starts, as above; found from the
  // span's offset when it agrees with the source (in constant time, where
  // counting lines from the top takes time in proportion to the file).
  std::string_view line_text(const Span &span) const;
  Location location(const Span &span) const { return Location{path, span}; }
};

using DocumentPtr = std::unique_ptr<Document>;

}  // namespace clause
