// The encoder itself is built before any model is encoded: it has none and
// parses the embedded files (checker/engine/embedded_models.h).
#include "checker/engine/embedded_models.h"

namespace clause {

std::string_view embedded_model(std::string_view) { return {}; }

}  // namespace clause
