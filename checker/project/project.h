#pragma once
// Everything known about one scan root after parsing: its documents and the
// infrastructure resources normalised out of them.
#include <vector>

#include "checker/model/document.h"
#include "checker/model/report.h"
#include "checker/model/resource.h"

namespace clause {

struct Project {
  std::string root_abs;
  std::vector<DocumentPtr> documents;  // sorted by path
  std::vector<Resource> resources;     // sorted by document path, then position
  std::vector<FileDiagnostic> diagnostics;
  std::map<std::string, size_t> files_by_kind;

  const Document *find_document(std::string_view path) const;
};

}  // namespace clause
