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
//
// Matching is linear: the pattern is compiled into a sequence of tokens
// (repeated `**/` collapsed into one) and the path is read once, keeping the
// set of tokens that could be next, so that a pattern from a repository's
// own configuration (`*a*a*a…b`, `**/**/…`) costs at most path length ×
// pattern length steps, never an exponential search.
#include <cstddef>
#include <string_view>

namespace clause {

bool glob_match(std::string_view pattern, std::string_view path);

namespace glob_detail {
// One character against the bracket expression at the start of `p`
// (p[0] == '['): the length of the expression, 0 when it is not closed (then
// '[' is a literal), and whether `c` is in the set. Never matches '/'.
size_t bracket(std::string_view p, char c, bool &matched);
// The whole path against the pattern as it is written, without the
// adjustments glob_match makes (no '/' -> any depth, trailing '/', leading '/').
bool match_pattern(std::string_view pattern, std::string_view path);
}  // namespace glob_detail

}  // namespace clause
