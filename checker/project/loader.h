#pragma once
// Reads and parses the files of a discovery, in parallel, each exactly once,
// and builds the Project: documents classified by content, resources.
#include <functional>
#include <string>
#include <vector>

#include "checker/cache/model_cache.h"
#include "checker/discovery/discover.h"
#include "checker/project/project.h"
#include "checker/terraform/budget.h"
#include "parsers/cloudformation/cfn_eval.h"
#include "parsers/parse_options.h"

namespace clause {

struct LoadOptions {
  unsigned jobs = 1;
  ParseOptions parse;
  std::vector<std::string> var_files;             // --var-file, applied to every root module
  const ModelCache *cache = nullptr;              // none: parse every file
  uint64_t max_file_size = limits::kMaxFileSize;  // checked again when reading
  uint64_t max_hcl_file_size = limits::kMaxHclFileSize;
  tf::EvalBudgetSize eval_budget;  // of each Terraform root module
  // What a CloudFormation template's deployment fixes (region, account,
  // parameter values), by the template's absolute path; none: only the
  // template's own defaults are known.
  std::function<CfnInputs(const std::string &abs_path)> cfn_inputs;
  // Called from the parse workers after each file (done counts this root's
  // files so far, total its file count), for progress display. Must be
  // thread-safe and cheap.
  std::function<void(size_t done, size_t total)> on_file_parsed;
  // The unit `.clause.yaml` declares for a directory (ScanOptions::declared_unit):
  // absolute directory in, absolute directory of the declared unit or "" out.
  std::function<std::string(const std::string &abs_dir)> declared_unit;
  // Set by load_project for the root it loads: the root's pack of models
  // (checker/cache/model_pack.h), through which the cache is then read.
  class RootPack *pack = nullptr;
};

Project load_project(const Discovery &discovery, const LoadOptions &opts);

// Reads and parses every file of a discovery, in parallel (through the cache
// when there is one): slot i holds file i's document, or null when the file
// could not be read (a diagnostic is appended). Builds nothing else.
std::vector<DocumentPtr> parse_files(const Discovery &discovery, const LoadOptions &opts,
                                     std::vector<FileDiagnostic> &diagnostics);

// The same, handing each document to `consume` (from the parse workers, so
// it must be thread-safe) as soon as it is built, with its file's index:
// what the caller does not keep is freed at once. parse_files is this with a
// consumer that stores each document in its slot.
void parse_files_each(const Discovery &discovery, const LoadOptions &opts,
                      std::vector<FileDiagnostic> &diagnostics,
                      const std::function<void(size_t index, DocumentPtr doc)> &consume);

// Parses one file's bytes into a document (no I/O): the unit the loader, the
// cache and the fuzz targets share.
DocumentPtr parse_document(const SourceFile &file, std::string bytes, const ParseOptions &opts);

}  // namespace clause
