#include "checker/project/loader.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iterator>
#include <optional>

#include "checker/agreement/agreement_validator.h"
#include "checker/cache/model_pack.h"
#include "checker/kustomize/applications.h"
#include "checker/kustomize/helm_charts.h"
#include "checker/platform/regular_file.h"
#include "checker/project/parallel.h"
#include "checker/project/units.h"
#include "checker/terraform/terraform_project.h"
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

// Reads a file discovery found. It may have changed since: it is opened
// without blocking (a FIFO swapped in must not hang the scan) and read only
// while it is a regular file within the size limit. Returns the diagnostic
// when it cannot be used. Discovery has seen its size, so it is read
// without a second fstat unless it changed.
std::optional<Diagnostic> read_file(const SourceFile &file, const SizeLimit &max_size, std::string &out) {
  const FileReadResult r = read_regular_file(file.abs_path, max_size.bytes, out, file.size);
  switch (r.status) {
    case FileRead::Ok: return std::nullopt;
    case FileRead::Unreadable:
      return Diagnostic{DiagLevel::Warning,
                        "unreadable",
                        std::string("cannot read this file (") + std::strerror(r.error) + "); skipped",
                        {}};
    case FileRead::NotRegular:
      return Diagnostic{
          DiagLevel::Note, "not-a-file", "not a regular file (FIFO, device or socket); skipped", {}};
    case FileRead::TooLarge:
      return Diagnostic{DiagLevel::Warning, "skipped-size", size_limit_message(r.size, max_size), {}};
  }
  return std::nullopt;
}

// No text input of ours holds a NUL byte; a file with one in its first
// 8 KiB is binary (or UTF-16), as git and grep judge it.
bool looks_binary(std::string_view bytes) {
  return bytes.substr(0, 8192).find('\0') != std::string_view::npos;
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

// A document's own resources (CloudFormation, Kubernetes, agreements) read
// that document alone, so the parse workers build them as each file is
// parsed: nothing waits for them once the parse is done. A Kubernetes
// file's are dropped later when a kustomization renders it.
std::vector<Resource> own_resources(const Document &doc, const LoadOptions &opts) {
  std::vector<Resource> out;
  switch (doc.kind) {
    case DocKind::CloudFormation:
      out = cloudformation_resources(doc, opts.cfn_inputs ? opts.cfn_inputs(doc.abs_path) : CfnInputs{});
      break;
    case DocKind::Kubernetes: out = kubernetes_resources(doc); break;
    case DocKind::Agreement: add_agreement_resources(doc, out); break;
    default: break;  // Terraform and plans: evaluated across files, after the parse
  }
  return out;
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
  if (doc->kind == DocKind::Agreement) validate_agreement(*doc);
  // A JSON or YAML file that is not one of our inputs is skipped silently:
  // its syntax errors are none of the user's concern here. One that did not
  // parse but reads like one of ours is kept, so its errors are reported.
  if (doc->kind == DocKind::Unknown && file.syntax != Syntax::Hcl && doc->has_errors())
    doc->kind = sniff_structured(doc->source);
  if (doc->kind == DocKind::Unknown && file.syntax != Syntax::Hcl && !opts.keep_unknown_diagnostics)
    doc->diagnostics.clear();
  return doc;
}

namespace {

// A parse cut short by its deadline depends on the machine's load, not on
// the file: never cached.
bool cacheable(const Document &doc) {
  return std::none_of(doc.diagnostics.begin(), doc.diagnostics.end(),
                      [](const Diagnostic &d) { return d.code == "limit-parse-time"; });
}

// Through the model cache when there is one (and the root's pack, when
// the root has one): a valid entry replaces the parse; a miss parses and
// stores.
DocumentPtr parse_or_load(const SourceFile &file, size_t index, std::string bytes, const LoadOptions &opts) {
  if (!opts.cache) return parse_document(file, std::move(bytes), opts.parse);
  CacheKey key = opts.cache->key_for(file, bytes, opts.parse);
  if (DocumentPtr doc = opts.pack ? opts.pack->load(index, key) : opts.cache->load(key)) {
    doc->path = file.rel_path;
    doc->abs_path = file.abs_path;
    doc->source = std::move(bytes);
    return doc;
  }
  DocumentPtr doc = parse_document(file, std::move(bytes), opts.parse);
  if (cacheable(*doc)) {
    if (opts.pack)
      opts.pack->store(index, key, *doc);
    else
      opts.cache->store(key, *doc);
  }
  return doc;
}

}  // namespace

void parse_files_each(const Discovery &discovery, const LoadOptions &opts,
                      std::vector<FileDiagnostic> &diagnostics,
                      const std::function<void(size_t index, DocumentPtr doc)> &consume) {
  const auto &files = discovery.files;
  std::vector<std::optional<Diagnostic>> read_errors(files.size());
  std::atomic<size_t> parsed{0};
  parallel_for(files.size(), opts.jobs, [&](size_t i) {
    std::string bytes;
    if (auto problem = read_file(
            files[i], size_limit_for(files[i].syntax, opts.max_file_size, opts.max_hcl_file_size), bytes)) {
      read_errors[i] = std::move(problem);
    } else if (looks_binary(bytes)) {
      read_errors[i] =
          Diagnostic{DiagLevel::Note, "binary-file", "binary or UTF-16 content (NUL bytes); skipped", {}};
    } else {
      consume(i, parse_or_load(files[i], i, std::move(bytes), opts));
    }
    if (opts.on_file_parsed) opts.on_file_parsed(parsed.fetch_add(1) + 1, files.size());
  });
  for (size_t i = 0; i < files.size(); ++i)
    if (read_errors[i]) diagnostics.push_back(FileDiagnostic{files[i].rel_path, std::move(*read_errors[i])});
}

std::vector<DocumentPtr> parse_files(const Discovery &discovery, const LoadOptions &opts,
                                     std::vector<FileDiagnostic> &diagnostics) {
  std::vector<DocumentPtr> docs(discovery.files.size());
  parse_files_each(discovery, opts, diagnostics,
                   [&](size_t i, DocumentPtr doc) { docs[i] = std::move(doc); });
  return docs;
}

Project load_project(const Discovery &discovery, const LoadOptions &opts) {
  Project project;
  project.root_abs = discovery.root_abs;
  project.diagnostics = discovery.diagnostics;
  std::vector<DocumentPtr> docs(discovery.files.size());
  std::vector<std::vector<Resource>> own(docs.size());
  // A small directory root's models come from its pack when the cache has
  // one (a file root shares its directory with the directory's own scans,
  // and one file gains nothing from a pack).
  uint64_t root_bytes = 0;
  for (const SourceFile &f : discovery.files) root_bytes += f.size;
  std::optional<RootPack> pack;
  LoadOptions mine = opts;
  if (opts.cache && !opts.cache->dir().empty() && !discovery.file_root && root_bytes <= kMaxPackedRootBytes)
    mine.pack = &pack.emplace(*opts.cache, discovery.root_abs, docs.size());
  parse_files_each(discovery, mine, project.diagnostics, [&](size_t i, DocumentPtr doc) {
    own[i] = own_resources(*doc, opts);
    docs[i] = std::move(doc);
  });
  if (pack) pack->finish();
  pack.reset();
  std::vector<size_t> slot_of;  // project.documents[d] is file slot_of[d]
  // Helm chart templates are not rendered: skipped, the chart noted once.
  const kustomize::HelmCharts charts(docs);
  std::vector<DocumentPtr> unclassified;  // kustomizations and patches may be among them
  for (size_t i = 0; i < docs.size(); ++i) {
    if (!docs[i]) continue;
    Document &doc = *docs[i];
    if (charts.holds_template(doc.path)) {
      ++project.files_by_kind["skipped"];
      continue;
    }
    for (const auto &diag : doc.diagnostics) project.diagnostics.push_back(FileDiagnostic{doc.path, diag});
    if (doc.kind == DocKind::Unknown) {
      ++project.files_by_kind["skipped"];
      if (doc.roots.empty()) continue;
      unclassified.push_back(std::move(docs[i]));
      continue;  // not an input of ours: counted, not kept
    }
    ++project.files_by_kind[doc_kind_name(doc.kind)];
    project.documents.push_back(std::move(docs[i]));
    slot_of.push_back(i);
  }
  for (auto &note : charts.notes()) project.diagnostics.push_back(std::move(note));
  // Kustomizations rendered into their objects (checker/kustomize/); the
  // files they read are judged through them, not on their own.
  kustomize::Applications apps =
      kustomize::render_applications(project.root_abs, project.documents, unclassified);
  unclassified.clear();
  project.support_documents = std::move(apps.support_documents);
  for (auto &w : apps.warnings) project.diagnostics.push_back(std::move(w));
  project.strict_notes = std::move(apps.strict_notes);
  for (size_t d = 0; d < project.documents.size(); ++d) {
    const Document &doc = *project.documents[d];
    if (doc.kind == DocKind::Kubernetes && apps.consumed.count(&doc)) continue;
    std::vector<Resource> &mine = own[slot_of[d]];
    std::move(mine.begin(), mine.end(), std::back_inserter(project.resources));
  }
  own.clear();
  for (auto &r : apps.resources) project.resources.push_back(std::move(r));
  // Terraform: modules, variables, locals, count/for_each, dynamic blocks
  // and module calls evaluated into resources, plans joined to them
  // (checker/terraform/).
  std::vector<DocumentPtr> var_files = tf::load_var_files(opts.var_files, opts.parse);
  std::vector<const Document *> var_file_ptrs;
  for (const auto &f : var_files) var_file_ptrs.push_back(f.get());
  tf::add_terraform_resources(project, var_file_ptrs, opts.jobs, opts.eval_budget);
  UnitOptions units;
  units.application_dirs = application_directories(discovery.files);
  if (opts.declared_unit) {
    std::string root = std::filesystem::path(project.root_abs).lexically_normal().generic_string();
    while (root.size() > 1 && root.back() == '/') root.pop_back();
    units.declared = [&opts, root](const std::string &dir) -> std::optional<std::string> {
      const std::string declared = opts.declared_unit(dir.empty() ? root : root + "/" + dir);
      if (declared.empty()) return std::nullopt;
      // A unit declared above the root takes in the whole root.
      if (declared.size() <= root.size()) return std::string();
      return declared.substr(root.size() + 1);
    };
  }
  assign_units(project, units);
  if (discovery.ignored) project.files_by_kind["ignored"] = discovery.ignored;
  return project;
}

}  // namespace clause
