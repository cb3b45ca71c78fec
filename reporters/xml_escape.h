#pragma once
// Escaping for XML 1.0 (JUnit) and HTML5 (the HTML report). Every string
// that reaches markup from a scanned file or a rule pack goes through here.
#include <string>
#include <string_view>

namespace clause {

// `text` escaped for XML 1.0 character data (or, with `attribute`, for a
// double-quoted attribute value, where tab/LF/CR become character
// references). Characters XML 1.0 cannot carry at all (control characters,
// U+FFFE/U+FFFF, invalid UTF-8) become U+FFFD.
std::string xml_escape(std::string_view text, bool attribute);

// `text` safe both as HTML text and inside a double- or single-quoted
// attribute value: & < > " ' escaped, tab and line feed kept, the rest as
// xml_escape does.
std::string html_escape(std::string_view text);

}  // namespace clause
