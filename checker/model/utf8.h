#pragma once
// UTF-8 helpers for text that comes from input files, which may hold any
// bytes: reporters and diagnostics must still produce valid text.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace clause {

// Length of the valid UTF-8 sequence at `s[i]` and its code point, or 0.
size_t utf8_sequence(std::string_view s, size_t i, uint32_t &cp);

// True when all of `s` is valid UTF-8.
bool is_valid_utf8(std::string_view s);

// `s` made safe to print or quote: valid UTF-8 and tabs are kept, control
// characters (line breaks and terminal escapes included) and invalid bytes
// become \xNN, so input text cannot forge output lines or drive a terminal.
// Stops after about `max_bytes`.
std::string printable_text(std::string_view s, size_t max_bytes = std::string_view::npos);

}  // namespace clause
