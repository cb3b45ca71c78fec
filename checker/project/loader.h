#pragma once
// Reads and parses the files of a discovery, in parallel, each exactly once,
// and builds the Project: documents classified by content, resources.
#include "checker/discovery/discover.h"
#include "checker/project/project.h"
#include "parsers/parse_options.h"

namespace clause {

struct LoadOptions {
  unsigned jobs = 1;
  ParseOptions parse;
  uint64_t max_file_size = limits::kMaxFileSize;  // checked again when reading
};

Project load_project(const Discovery &discovery, const LoadOptions &opts);

// Parses one file's bytes into a document (no I/O): the unit the loader, the
// cache and the fuzz targets share.
DocumentPtr parse_document(const SourceFile &file, std::string bytes, const ParseOptions &opts);

// Appends the resources normalised out of one classified document.
void add_document_resources(const Document &doc, std::vector<Resource> &out);

}  // namespace clause
