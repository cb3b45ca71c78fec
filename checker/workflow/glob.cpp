#include "checker/workflow/glob.h"

#include <string>
#include <vector>

namespace clause {
namespace glob_detail {

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

}  // namespace glob_detail

namespace {

// What one token of a compiled pattern matches.
enum class Kind : unsigned char {
  Literal,   // one given character
  AnyChar,   // `?`: one character other than '/'
  Set,       // `[...]`: one character of the set (never '/')
  Star,      // a run of `*`: any characters other than '/', none included
  Segments,  // `**/`: nothing, or anything that ends with '/' (whole segments)
  Rest,      // a final `**`: anything at all
};

struct Token {
  explicit Token(Kind k, char c = 0, std::string_view s = {}) : kind(k), literal(c), set(s) {}
  Kind kind;
  char literal;          // Literal: the character
  std::string_view set;  // Set: the bracket expression
};

// The tokens of a pattern. `**` is a segment token only where it is followed
// by '/' or ends the pattern; elsewhere a run of stars is one `*`.
std::vector<Token> compile(std::string_view p) {
  std::vector<Token> out;
  size_t i = 0;
  while (i < p.size()) {
    const std::string_view rest = p.substr(i);
    if (rest.starts_with("**") && (rest.size() == 2 || rest[2] == '/')) {
      if (rest.size() == 2) {
        // Whole segments followed by anything is anything.
        while (!out.empty() && out.back().kind == Kind::Segments) out.pop_back();
        out.push_back(Token{Kind::Rest});
        i += 2;
      } else {
        if (out.empty() || out.back().kind != Kind::Segments) out.push_back(Token{Kind::Segments});
        i += 3;
      }
      continue;
    }
    const char c = rest.front();
    if (c == '*') {
      while (i < p.size() && p[i] == '*') ++i;
      out.push_back(Token{Kind::Star});
      continue;
    }
    if (c == '?') {
      out.push_back(Token{Kind::AnyChar});
      ++i;
      continue;
    }
    if (c == '[') {
      bool ignored = false;
      if (size_t n = glob_detail::bracket(rest, '\0', ignored); n != 0) {
        out.push_back(Token{Kind::Set, 0, rest.substr(0, n)});
        i += n;
        continue;
      }
    }
    out.push_back(Token{Kind::Literal, c});
    ++i;
  }
  return out;
}

// The path against the tokens, as a set of states read one character at a
// time. State k (0 <= k <= n) is "token k starts here" (n: the end of the
// pattern); `inside[k]` is "within the `.../` that a Segments token k
// matches", which it leaves only after a '/'.
class Matcher {
 public:
  explicit Matcher(const std::vector<Token> &tokens)
      : tokens_(tokens), at_(tokens.size() + 1), inside_(tokens.size()) {}

  bool matches(std::string_view s) {
    std::fill(at_.begin(), at_.end(), false);
    std::fill(inside_.begin(), inside_.end(), false);
    at_[0] = true;
    close(at_, inside_);
    std::vector<bool> next_at(at_.size()), next_inside(inside_.size());
    for (const char ch : s) {
      std::fill(next_at.begin(), next_at.end(), false);
      std::fill(next_inside.begin(), next_inside.end(), false);
      bool alive = false;
      for (size_t k = 0; k < tokens_.size(); ++k) {
        if (inside_[k]) {
          next_inside[k] = alive = true;
          if (ch == '/') next_at[k + 1] = true;
        }
        if (!at_[k]) continue;
        const Token &t = tokens_[k];
        switch (t.kind) {
          case Kind::Literal:
            if (ch == t.literal) next_at[k + 1] = alive = true;
            break;
          case Kind::AnyChar:
            if (ch != '/') next_at[k + 1] = alive = true;
            break;
          case Kind::Set: {
            bool in = false;
            glob_detail::bracket(t.set, ch, in);
            if (in) next_at[k + 1] = alive = true;
            break;
          }
          case Kind::Star:
            if (ch != '/') next_at[k] = alive = true;
            break;
          case Kind::Rest: next_at[k] = alive = true; break;
          case Kind::Segments: break;  // left through inside_
        }
      }
      if (!alive) return false;
      at_.swap(next_at);
      inside_.swap(next_inside);
      close(at_, inside_);
    }
    return at_[tokens_.size()];
  }

 private:
  // Adds the states reachable without reading: past tokens that may match
  // nothing, and into a Segments token's `.../`. Moves only forwards, so one
  // pass in order is enough.
  void close(std::vector<bool> &at, std::vector<bool> &inside) const {
    for (size_t k = 0; k < tokens_.size(); ++k) {
      if (!at[k]) continue;
      const Kind kind = tokens_[k].kind;
      if (kind == Kind::Star || kind == Kind::Rest || kind == Kind::Segments) at[k + 1] = true;
      if (kind == Kind::Segments) inside[k] = true;
    }
  }

  const std::vector<Token> &tokens_;
  std::vector<bool> at_, inside_;
};

}  // namespace

bool glob_detail::match_pattern(std::string_view pattern, std::string_view path) {
  const std::vector<Token> tokens = compile(pattern);
  return Matcher(tokens).matches(path);
}

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
  if (glob_detail::match_pattern(p + "/**", path)) return true;
  return !dir_only && glob_detail::match_pattern(p, path);
}

}  // namespace clause
