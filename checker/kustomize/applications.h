#pragma once
// The Kubernetes load step's view of kustomize: which kustomizations are
// deployed (those no other kustomization of the scan uses as a base or
// component), their rendered objects as Resources, and which files are
// therefore not judged on their own (kustomization files, files used as
// resources or patches).
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "checker/model/document.h"
#include "checker/model/report.h"
#include "checker/model/resource.h"

namespace clause::kustomize {

struct Applications {
  std::vector<Resource> resources;             // rendered objects, by kustomization then order
  std::set<const Document *> consumed;         // documents judged only through a rendering
  std::vector<DocumentPtr> support_documents;  // files locations point into that are not inputs of their own
  std::vector<FileDiagnostic> warnings;        // problems in kustomizations
  std::vector<FileDiagnostic> strict_notes;    // what was not rendered (--strict)
};

// `documents`: the scan's classified documents; `unclassified`: its other
// YAML/JSON files (kustomizations and patches often are), of which the ones
// a rendering needs are moved into the result.
Applications render_applications(const std::string &root_abs, const std::vector<DocumentPtr> &documents,
                                 std::vector<DocumentPtr> &unclassified);

}  // namespace clause::kustomize
