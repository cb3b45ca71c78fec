#include "checker/engine/embedded_models.h"

#include <memory>
#include <string>

#include "checker/cache/document_codec.h"
#include "parsers/yaml/yaml_parser.h"

namespace clause {

DocumentPtr embedded_document(std::string_view text, const std::string &path) {
  if (const std::string_view model = embedded_model(path); !model.empty()) {
    auto doc = std::make_unique<Document>();
    if (decode_document(model, *doc)) {
      doc->path = path;
      doc->source = std::string(text);
      return doc;
    }
  }
  return parse_own_yaml(text, path);
}

}  // namespace clause
