#pragma once
// Path globs for `exclude:` and file-based suppressions in .clause.yaml,
// matched against '/'-separated paths relative to the configuration file's
// directory. gitignore-like:
//   *      any run of characters within one path segment
//   ?      one character other than '/'
//   [abc]  one character of a set ([!abc] or [^abc]: not in it; ranges a-z)
//   **     any number of whole segments (`**/x`, `a/**/b`, `a/**`)
//   a pattern with no '/' (other than a trailing one) matches a file or
//   directory name at any depth; a trailing '/' matches only directories
//   (i.e. everything below them); a leading '/' anchors to the config's
//   directory and is otherwise ignored.
#include <string_view>

namespace clause {

bool glob_match(std::string_view pattern, std::string_view path);

}  // namespace clause
