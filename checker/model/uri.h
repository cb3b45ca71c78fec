#pragma once
// The model's paths as URIs, the way SARIF and version-control provenance
// write them.
#include <string>
#include <string_view>

namespace clause {

// A root-relative, '/'-separated path as a relative URI reference: leading
// "./" dropped, every byte outside unreserved characters, sub-delimiters,
// '@' and '/' percent-encoded (so ':' too: "a:b" must not read as a scheme).
std::string relative_path_uri(std::string_view path);

// An absolute directory path as a file:// URI ending in '/'.
std::string directory_file_uri(std::string_view abs_path);

}  // namespace clause
