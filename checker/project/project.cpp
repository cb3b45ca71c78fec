#include "checker/project/project.h"

namespace clause {

const Document *Project::find_document(std::string_view path) const {
  for (const auto &d : documents)
    if (d->path == path) return d.get();
  return nullptr;
}

}  // namespace clause
