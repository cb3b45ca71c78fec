#include "checker/workflow/directive.h"

#include "checker/workflow/dates.h"

namespace clause {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

// The comment's text after `from`, up to the end of the comment (a block
// comment's closing "*/" excluded).
std::string_view rest_of_comment(std::string_view comment, size_t from) {
  std::string_view rest = comment.substr(from);
  rest = trim(rest);
  if (rest.ends_with("*/")) rest.remove_suffix(2);
  return trim(rest);
}

// A directive keyword counts only at the start of a word: after the comment
// marker, whitespace or the start of the text.
bool at_word_start(std::string_view comment, size_t pos) {
  if (pos == 0) return true;
  const char c = comment[pos - 1];
  return is_space(c) || c == '#' || c == '/' || c == '*' || c == '"';
}

bool peer_id_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

Directive parse_clause(std::string_view comment, size_t after) {
  Directive d;
  d.source = DirectiveSource::Clause;
  std::string_view rest = rest_of_comment(comment, after);
  d.text = "clause:ignore";
  if (!rest.empty()) d.text += " " + std::string(rest);
  std::string_view head = rest;
  size_t dashes = rest.find("--");
  if (dashes != std::string_view::npos) {
    head = rest.substr(0, dashes);
    d.reason = std::string(trim(rest.substr(dashes + 2)));
  }
  size_t i = 0;
  while (i < head.size()) {
    while (i < head.size() && (is_space(head[i]) || head[i] == ',')) ++i;
    size_t j = i;
    while (j < head.size() && !is_space(head[j]) && head[j] != ',') ++j;
    if (j == i) break;
    std::string_view token = head.substr(i, j - i);
    if (token.starts_with("until=")) {
      std::string_view date = token.substr(6);
      if (is_iso_date(date)) {
        d.until = std::string(date);
      } else {
        d.errors.push_back("'" + std::string(token) + "' is not a date written until=YYYY-MM-DD");
      }
    } else {
      d.rules.emplace_back(token);
    }
    i = j;
  }
  if (d.rules.empty()) d.errors.emplace_back("it names no rule");
  return d;
}

// "tfsec:ignore:ID[attr=v][:exp:DATE][:ws:NAME]" and the trivy form.
Directive parse_peer_ignore(std::string_view comment, size_t at, size_t after, DirectiveSource source) {
  Directive d;
  d.source = source;
  size_t j = after;
  while (j < comment.size() && peer_id_char(comment[j])) ++j;
  d.rules.emplace_back(comment.substr(after, j - after));
  // An attribute condition in brackets is not evaluated: the directive then
  // covers its whole location, and its text (kept in the justification) says so.
  if (j < comment.size() && comment[j] == '[') {
    size_t close = comment.find(']', j);
    j = close == std::string_view::npos ? comment.size() : close + 1;
  }
  while (j < comment.size() && comment[j] == ':') {
    size_t k = j + 1;
    while (k < comment.size() && peer_id_char(comment[k])) ++k;
    std::string_view key = comment.substr(j + 1, k - j - 1);
    if (k >= comment.size() || comment[k] != ':') break;
    size_t v = k + 1;
    size_t e = v;
    while (e < comment.size() && (peer_id_char(comment[e]) || comment[e] == '.')) ++e;
    if (key == "exp" && is_iso_date(comment.substr(v, e - v)))
      d.until = std::string(comment.substr(v, e - v));
    j = e;
  }
  d.text = std::string(comment.substr(at, j - at));
  return d;
}

// "checkov:skip=ID[,ID][:reason]"
Directive parse_checkov(std::string_view comment, size_t at, size_t after) {
  Directive d;
  d.source = DirectiveSource::Checkov;
  size_t j = after;
  while (true) {
    size_t k = j;
    while (k < comment.size() && peer_id_char(comment[k])) ++k;
    if (k > j) d.rules.emplace_back(comment.substr(j, k - j));
    j = k;
    if (j < comment.size() && comment[j] == ',') {
      ++j;
      continue;
    }
    break;
  }
  std::string_view written = comment.substr(at, j - at);
  if (j < comment.size() && comment[j] == ':') d.reason = std::string(rest_of_comment(comment, j + 1));
  d.text = std::string(written);
  return d;
}

struct Keyword {
  std::string_view word;
  DirectiveSource source;
};

constexpr Keyword kKeywords[] = {
    {"clause:ignore", DirectiveSource::Clause},
    {"checkov:skip=", DirectiveSource::Checkov},
    {"tfsec:ignore:", DirectiveSource::Tfsec},
    {"trivy:ignore:", DirectiveSource::Trivy},
};

}  // namespace

std::vector<Directive> parse_directives(std::string_view comment) {
  std::vector<Directive> out;
  for (const Keyword &k : kKeywords) {
    for (size_t pos = comment.find(k.word); pos != std::string_view::npos;
         pos = comment.find(k.word, pos + k.word.size())) {
      if (!at_word_start(comment, pos)) continue;
      const size_t after = pos + k.word.size();
      switch (k.source) {
        case DirectiveSource::Clause:
          // "clause:ignore" must end there: "clause:ignores" is no directive.
          if (after < comment.size() && !is_space(comment[after])) continue;
          out.push_back(parse_clause(comment, after));
          // The rest of the comment belongs to this directive (its reason).
          return out;
        case DirectiveSource::Checkov: out.push_back(parse_checkov(comment, pos, after)); break;
        case DirectiveSource::Tfsec:
        case DirectiveSource::Trivy: out.push_back(parse_peer_ignore(comment, pos, after, k.source)); break;
        case DirectiveSource::Guard: break;  // metadata, never a comment
      }
    }
  }
  return out;
}

}  // namespace clause
