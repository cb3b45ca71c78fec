#pragma once
// Wording that sounds like a commitment but cannot be measured: "best
// effort", "promptly", "as soon as possible", "commercially reasonable", ...
// Agreement rules look for it where a number, a duration or a verifiable
// statement is due. One list, used by the `vague` predicate op and by the
// native agreement checks alike.
#include <string>
#include <string_view>

namespace clause::agreement {

// The first vague phrase in `text` (case-insensitive, whole words), as it is
// spelled there; empty when there is none.
std::string find_vague_term(std::string_view text);

// True when `text` holds a digit: "within 4 hours" is measurable, "promptly"
// is not.
bool has_number(std::string_view text);

}  // namespace clause::agreement
