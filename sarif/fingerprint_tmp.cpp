#include "sarif/fingerprint.h"
namespace clause {
std::string finding_fingerprint(std::string_view a, std::string_view b, std::string_view c) {
  return std::string(a) + "|" + std::string(b) + "|" + std::string(c);
}
}  // namespace clause
