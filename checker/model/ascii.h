#pragma once
// Case folding of ASCII letters, for ids, names and keywords compared
// without regard to case. Other bytes (UTF-8 included) are kept as they are.
#include <string>
#include <string_view>

namespace clause {

inline std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char &c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

}  // namespace clause
