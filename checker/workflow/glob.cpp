#include "checker/workflow/glob.h"

#include <string>

namespace clause {
namespace {

// One character against a bracket expression starting at p[0] == '['.
// Returns the length of the expression, 0 when it is not closed (then '['
// is literal), and sets `matched`.
size_t bracket(std::string_view p, char c, bool &matched) {
  size_t i = 1;
  bool negate = false;
  if (i < p.size() && (p[i] == '!' || p[i] == '^')) {
    negate = true;
    ++i;
  }
  bool any = false;
  bool first = true;
  for (; i < p.size(); ++i) {
    if (p[i] == ']' && !first) {
      matched = (any != negate) && c != '/';
      return i + 1;
    }
    first = false;
    if (i + 2 < p.size() && p[i + 1] == '-' && p[i + 2] != ']') {
      if (c >= p[i] && c <= p[i + 2]) any = true;
      i += 2;
    } else if (p[i] == c) {
      any = true;
    }
  }
  return 0;
}

// Matches a pattern without "**" segments handling at this level: `*` and
// `?` never cross '/'; "**" segments are handled by recursion.
bool match(std::string_view p, std::string_view s) {
  while (!p.empty()) {
    // A "**" segment: "**/" at a segment start, or a final "**".
    if (p.starts_with("**") && (p.size() == 2 || p[2] == '/')) {
      if (p.size() == 2) return true;  // "a/**": anything below
      std::string_view rest = p.substr(3);
      // Zero or more whole segments.
      for (size_t i = 0;;) {
        if (match(rest, s.substr(i))) return true;
        size_t slash = s.find('/', i);
        if (slash == std::string_view::npos) return false;
        i = slash + 1;
      }
    }
    const char c = p.front();
    if (c == '*') {
      while (!p.empty() && p.front() == '*') p.remove_prefix(1);
      for (size_t i = 0;; ++i) {
        if (match(p, s.substr(i))) return true;
        if (i >= s.size() || s[i] == '/') return false;
      }
    }
    if (s.empty()) return false;
    if (c == '?') {
      if (s.front() == '/') return false;
    } else if (c == '[') {
      bool matched = false;
      size_t n = bracket(p, s.front(), matched);
      if (n != 0) {
        if (!matched) return false;
        p.remove_prefix(n);
        s.remove_prefix(1);
        continue;
      }
      if (s.front() != '[') return false;
    } else if (c != s.front()) {
      return false;
    }
    p.remove_prefix(1);
    s.remove_prefix(1);
  }
  return s.empty();
}

}  // namespace

bool glob_match(std::string_view pattern, std::string_view path) {
  while (path.starts_with("./")) path.remove_prefix(2);
  std::string p(pattern);
  bool dir_only = false;
  if (p.size() > 1 && p.back() == '/') {
    dir_only = true;
    p.pop_back();
  }
  const bool anchored = p.starts_with('/');
  if (anchored) p.erase(0, 1);
  if (!anchored && p.find('/') == std::string::npos) p = "**/" + p;
  // A directory pattern, or a name that may be a directory: everything below.
  if (match(p + "/**", path)) return true;
  return !dir_only && match(p, path);
}

}  // namespace clause
