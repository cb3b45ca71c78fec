#include "checker/model/document.h"

#include "checker/model/limits.h"

namespace clause {

bool Document::has_errors() const {
  for (const auto &d : diagnostics)
    if (d.level == DiagLevel::Error) return true;
  return false;
}

namespace {

// The line that starts at byte `pos` of `source`, as line_text gives it.
std::string_view line_from(std::string_view source, size_t pos) {
  // Only as far as a snippet can reach: a minified file is one line of
  // megabytes, and each of its findings would read all of it.
  const std::string_view window = source.substr(pos, limits::kMaxSnippetBytes + 2);
  const size_t end = window.find('\n');
  std::string_view out = end == std::string_view::npos ? window : window.substr(0, end);
  if (!out.empty() && out.back() == '\r') out.remove_suffix(1);
  if (out.size() > limits::kMaxSnippetBytes) {
    // Cut at a character boundary: never half a UTF-8 sequence.
    size_t cut = limits::kMaxSnippetBytes;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
    out = out.substr(0, cut);
  }
  return out;
}

}  // namespace

std::string_view Document::line_text(uint32_t line) const {
  if (line == 0) return {};
  std::string_view s = source;
  size_t pos = 0;
  for (uint32_t l = 1; l < line; ++l) {
    size_t nl = s.find('\n', pos);
    if (nl == std::string_view::npos) return {};
    pos = nl + 1;
  }
  return line_from(s, pos);
}

std::string_view Document::line_text(const Span &span) const {
  // The line begins start_col - 1 bytes before the span's offset. When the
  // source agrees (a line break just before it, or the file's start on line
  // 1), that is the line, found in one step instead of counting every line
  // above it, which made a finding per resource quadratic in the file size.
  if (span.start_line != 0 && span.start_col != 0 && span.start_col - 1 <= span.start_offset &&
      span.start_offset <= source.size()) {
    const size_t begin = span.start_offset - (span.start_col - 1);
    if (begin == 0 ? span.start_line == 1 : source[begin - 1] == '\n') return line_from(source, begin);
  }
  return line_text(span.start_line);
}

}  // namespace clause
