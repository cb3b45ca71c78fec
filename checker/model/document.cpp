#include "checker/model/document.h"

namespace clause {

bool Document::has_errors() const {
  for (const auto &d : diagnostics)
    if (d.level == DiagLevel::Error) return true;
  return false;
}

std::string_view Document::line_text(uint32_t line) const {
  if (line == 0) return {};
  std::string_view s = source;
  size_t pos = 0;
  for (uint32_t l = 1; l < line; ++l) {
    size_t nl = s.find('\n', pos);
    if (nl == std::string_view::npos) return {};
    pos = nl + 1;
  }
  size_t end = s.find('\n', pos);
  std::string_view out = s.substr(pos, end == std::string_view::npos ? s.size() - pos : end - pos);
  if (!out.empty() && out.back() == '\r') out.remove_suffix(1);
  return out;
}

}  // namespace clause
