#pragma once
// Everything known about one scan root after parsing: its documents and the
// infrastructure resources normalised out of them.
#include <memory>
#include <vector>

#include "checker/model/document.h"
#include "checker/model/report.h"
#include "checker/model/resource.h"

namespace clause {

namespace crossdoc {
class ResourceIndex;
}

struct Project {
  std::string root_abs;
  std::vector<DocumentPtr> documents;  // sorted by path
  std::vector<Resource> resources;     // sorted by document path, then position
  std::vector<FileDiagnostic> diagnostics;
  std::map<std::string, size_t> files_by_kind;
  // Where documents that do not name their region are deployed
  // (CloudFormation stacks, Kubernetes clusters): region by document path,
  // from configuration. A document not listed has an unknown location.
  std::map<std::string, std::string> deployment_regions;
  // The cross-document resource index, built on first use by
  // crossdoc::resource_index() and shared by every cross-document rule.
  mutable std::shared_ptr<const crossdoc::ResourceIndex> resource_index;

  const Document *find_document(std::string_view path) const;
};

}  // namespace clause
