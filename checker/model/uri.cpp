#include "checker/model/uri.h"

namespace clause {
namespace {

bool uri_byte_allowed(unsigned char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("-._~!$&'()*+,;=@/").find(static_cast<char>(c)) != std::string_view::npos;
}

std::string percent_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (unsigned char c : text) {
    if (uri_byte_allowed(c)) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0xfU]);
    }
  }
  return out;
}

}  // namespace

std::string relative_path_uri(std::string_view path) {
  while (path.starts_with("./")) path.remove_prefix(2);
  return percent_encode(path);
}

std::string directory_file_uri(std::string_view abs_path) {
  std::string out = "file://";
  if (!abs_path.starts_with('/')) out.push_back('/');
  out += percent_encode(abs_path);
  if (out.back() != '/') out.push_back('/');
  return out;
}

}  // namespace clause
