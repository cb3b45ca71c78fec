#pragma once
// String helpers for HCL literals.
#include <string>
#include <string_view>

namespace clause {

// Resolves HCL quoted-string escapes (\n \t \r \" \\ \uNNNN \UNNNNNNNN) and
// the template escapes $${ and %%{. Unknown escapes are kept verbatim.
std::string unescape_hcl(std::string_view raw);

// The value of a heredoc body: `indented` (<<-) removes the smallest common
// leading whitespace of the non-blank lines.
std::string heredoc_body(std::string_view raw, bool indented);

}  // namespace clause
