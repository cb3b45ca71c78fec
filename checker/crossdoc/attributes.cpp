#include "checker/crossdoc/attributes.h"

#include <charconv>
#include <cmath>
#include <string_view>

namespace clause::crossdoc {

std::optional<int64_t> google_duration_seconds(const Node &n) {
  if (!n.is_string() || n.text.size() < 2 || n.text.back() != 's') return std::nullopt;
  std::string_view digits = std::string_view(n.text).substr(0, n.text.size() - 1);
  double v = 0;
  auto r = std::from_chars(digits.data(), digits.data() + digits.size(), v);
  if (r.ec != std::errc() || r.ptr != digits.data() + digits.size() || !std::isfinite(v) || v < 0 ||
      v != std::floor(v))
    return std::nullopt;
  return static_cast<int64_t>(v);
}

}  // namespace clause::crossdoc
