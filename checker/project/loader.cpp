#include "checker/project/loader.h"

#include <algorithm>
#include <atomic>
#include <fstream>
#include <sstream>

#include "checker/project/aws_default_tags.h"
#include "checker/project/parallel.h"
#include "checker/project/terraform_resources.h"
#include "parsers/classify.h"
#include "parsers/cloudformation/cfn_resources.h"
#include "parsers/hcl/hcl_parser.h"
#include "parsers/json/json_parser.h"
#include "parsers/kubernetes/k8s_resources.h"
#include "parsers/terraform/plan_resources.h"
#include "parsers/terraform/tf_json.h"
#include "parsers/yaml/yaml_parser.h"

namespace clause {
namespace {

bool read_file(const std::string &path, std::string &out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  in.seekg(0, std::ios::end);
  auto size = in.tellg();
  if (size < 0) return false;
  out.resize(static_cast<size_t>(size));
  in.seekg(0);
  in.read(out.data(), size);
  return static_cast<bool>(in) || in.eof();
}

// An agreement is judged as one pseudo-resource per document, so declarative
// rules can target `agreement: [CloudServiceAgreement]` like any resource.
void add_agreement_resources(const Document &doc, std::vector<Resource> &out) {
  for (const auto &root : doc.roots) {
    if (!root.is_map()) continue;
    Resource r;
    r.type = "CloudServiceAgreement";
    const Node *metadata = root.get("metadata");
    const Node *id = metadata ? metadata->get("id") : nullptr;
    r.name = id && id->is_string() ? id->text : doc.path;
    r.address = "agreement " + r.name;
    r.format = DocKind::Agreement;
    r.document = &doc;
    const MapEntry *kind = root.entry("kind");
    r.span = kind ? Span{kind->key_span.start_line, kind->key_span.start_col,    kind->value.span.end_line,
                         kind->value.span.end_col,  kind->key_span.start_offset, kind->value.span.end_offset}
                  : root.span;
    r.body = &root;
    out.push_back(std::move(r));
  }
}

}  // namespace

DocumentPtr parse_document(const SourceFile &file, std::string bytes, const ParseOptions &opts) {
  auto doc = std::make_unique<Document>();
  doc->path = file.rel_path;
  doc->abs_path = file.abs_path;
  doc->source = std::move(bytes);
  switch (file.syntax) {
    case Syntax::Hcl:
      doc->kind = file.kind_hint;
      parse_hcl(*doc, opts);
      break;
    case Syntax::Json:
      parse_json(*doc, opts);
      if (file.kind_hint == DocKind::Terraform) {
        doc->kind = DocKind::Terraform;
        terraform_json_blocks(*doc);
      } else if (file.kind_hint == DocKind::TerraformVars) {
        doc->kind = DocKind::TerraformVars;
      } else {
        doc->kind = classify_structured(doc->roots, doc->path);
      }
      break;
    case Syntax::Yaml:
      parse_yaml(*doc, opts);
      doc->kind = classify_structured(doc->roots, doc->path);
      break;
  }
  // A JSON or YAML file that is not one of our inputs is skipped silently:
  // its syntax errors are none of the user's concern here.
  if (doc->kind == DocKind::Unknown && file.syntax != Syntax::Hcl) doc->diagnostics.clear();
  return doc;
}

Project load_project(const Discovery &discovery, const LoadOptions &opts) {
  Project project;
  project.root_abs = discovery.root_abs;
  project.diagnostics = discovery.diagnostics;
  const auto &files = discovery.files;
  std::vector<DocumentPtr> docs(files.size());
  std::vector<std::vector<FileDiagnostic>> read_errors(files.size());
  std::atomic<size_t> parsed{0};
  parallel_for(files.size(), opts.jobs, [&](size_t i) {
    std::string bytes;
    if (!read_file(files[i].abs_path, bytes)) {
      read_errors[i].push_back(
          FileDiagnostic{files[i].rel_path,
                         Diagnostic{DiagLevel::Warning, "unreadable", "cannot read this file; skipped", {}}});
    } else {
      docs[i] = parse_document(files[i], std::move(bytes), opts.parse);
    }
    if (opts.on_file_parsed) opts.on_file_parsed(parsed.fetch_add(1) + 1, files.size());
  });
  for (size_t i = 0; i < files.size(); ++i) {
    for (auto &d : read_errors[i]) project.diagnostics.push_back(std::move(d));
    if (!docs[i]) continue;
    Document &doc = *docs[i];
    for (const auto &diag : doc.diagnostics) project.diagnostics.push_back(FileDiagnostic{doc.path, diag});
    if (doc.kind == DocKind::Unknown) {
      ++project.files_by_kind["skipped"];
      continue;  // not an input of ours: counted, not kept
    }
    ++project.files_by_kind[doc_kind_name(doc.kind)];
    project.documents.push_back(std::move(docs[i]));
  }
  for (const auto &doc : project.documents) {
    switch (doc->kind) {
      case DocKind::Terraform: terraform_resources(*doc, project.resources); break;
      case DocKind::TerraformPlan:
        for (auto &r : plan_resources(*doc)) project.resources.push_back(std::move(r));
        break;
      case DocKind::CloudFormation:
        for (auto &r : cloudformation_resources(*doc)) project.resources.push_back(std::move(r));
        break;
      case DocKind::Kubernetes:
        for (auto &r : kubernetes_resources(*doc)) project.resources.push_back(std::move(r));
        break;
      case DocKind::Agreement: add_agreement_resources(*doc, project.resources); break;
      default: break;
    }
  }
  apply_aws_default_tags(project.documents, project.resources);
  if (discovery.ignored) project.files_by_kind["ignored"] = discovery.ignored;
  return project;
}

}  // namespace clause
