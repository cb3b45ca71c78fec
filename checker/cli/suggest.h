#pragma once
// "Did you mean ...?": the nearest of a set of known words (commands,
// options, rule ids and names) to a word the user mistyped, by edit
// distance, and case-insensitive comparison of rule ids and severities.
#include <string>
#include <string_view>
#include <vector>

namespace clause::cli {

// Edit distance (insertions, deletions, substitutions and swaps of two
// neighbouring characters), ignoring ASCII case.
size_t edit_distance(std::string_view a, std::string_view b);

// The candidate nearest to `word` when it is close enough to be a typo (at
// most a third of the word's length away, and at least one edit allowed);
// the first of equally near ones; "" when none is.
std::string nearest(std::string_view word, const std::vector<std::string> &candidates);

// "; did you mean 'X'?" for nearest(word, candidates), or "".
std::string did_you_mean(std::string_view word, const std::vector<std::string> &candidates);

}  // namespace clause::cli
