#pragma once
// Files compiled into the binary by cmake/EmbedFiles.cmake.
#include <string_view>
#include <vector>

namespace clause {

struct EmbeddedFile {
  std::string_view path;  // relative to the source tree, e.g. rules/5.9/CL-0901.yaml
  std::string_view content;
};

const std::vector<EmbeddedFile> &embedded_rule_files();
const std::vector<EmbeddedFile> &embedded_doc_files();
const std::vector<EmbeddedFile> &embedded_catalogue_files();

}  // namespace clause
