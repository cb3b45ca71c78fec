#pragma once
// Reads and parses the files of a discovery, in parallel, each exactly once,
// and builds the Project: documents classified by content, resources.
#include <functional>

#include "checker/discovery/discover.h"
#include "checker/project/project.h"
#include "parsers/parse_options.h"

namespace clause {

struct LoadOptions {
  unsigned jobs = 1;
  ParseOptions parse;
  // Called from the parse workers after each file (done counts this root's
  // files so far, total its file count), for progress display. Must be
  // thread-safe and cheap.
  std::function<void(size_t done, size_t total)> on_file_parsed;
};

Project load_project(const Discovery &discovery, const LoadOptions &opts);

// Parses one file's bytes into a document (no I/O): the unit the loader, the
// cache and the fuzz targets share.
DocumentPtr parse_document(const SourceFile &file, std::string bytes, const ParseOptions &opts);

}  // namespace clause
