#include "checker/agreement/vague_terms.h"

#include <algorithm>

#include <re2/re2.h>

namespace clause::agreement {
namespace {

// Compiled once. Phrases are grouped by what they leave open: effort,
// time, condition, quantity. Word boundaries keep "promptly" from matching
// inside "impromptu".
const RE2 &vague_regex() {
  static const RE2 re(
      "(?i)\\b("
      // effort without a measure
      "best[- ]efforts?|(?:commercially )?reasonabl[ey](?: efforts?)?|good[- ]faith efforts?|"
      "industry[- ]standard|adequate(?:ly)?|sufficient(?:ly)?|appropriate(?:ly)?|"
      // time without a bound
      "prompt(?:ly)?|timely|in a timely (?:manner|fashion)|as soon as (?:reasonably "
      ")?(?:possible|practicable)|"
      "asap|without undue delay|(?:as )?quickly as possible|expeditiously|periodically|regularly|"
      "from time to time|in due course|"
      // a condition that empties the promise
      "where(?:ver)? (?:possible|feasible|practicable)|when(?:ever)? (?:possible|feasible|practicable)|"
      "if (?:possible|feasible)|as (?:needed|appropriate|required)|subject to availability|"
      // a quantity without a number
      "high(?:ly)? available|minimal downtime|near[- ]zero|virtually no"
      ")\\b");
  return re;
}

}  // namespace

std::string find_vague_term(std::string_view text) {
  std::string found;
  if (!RE2::PartialMatch(text, vague_regex(), &found)) return {};
  return found;
}

bool has_number(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace clause::agreement
