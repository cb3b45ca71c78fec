#include "checker/model/document.h"

#include "checker/model/limits.h"

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
  if (out.size() > limits::kMaxSnippetBytes) {
    // Cut at a character boundary: never half a UTF-8 sequence.
    size_t cut = limits::kMaxSnippetBytes;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
    out = out.substr(0, cut);
  }
  return out;
}

}  // namespace clause
