#include "reporters/xml_escape.h"

#include <cstdint>

#include "checker/model/utf8.h"

namespace clause {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

bool xml_allowed(uint32_t cp) {
  if (cp < 0x20) return cp == 0x9 || cp == 0xA || cp == 0xD;
  return cp != 0xFFFE && cp != 0xFFFF;
}

enum class Context { XmlText, XmlAttribute, Html };

std::string escape(std::string_view text, Context ctx) {
  const bool attribute = ctx == Context::XmlAttribute;
  const bool quotes = ctx != Context::XmlText;
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    uint32_t cp = 0;
    const size_t len = utf8_sequence(text, i, cp);
    if (len == 0 || !xml_allowed(cp)) {
      out.append(kReplacement);
      i += len == 0 ? 1 : len;
      continue;
    }
    switch (cp) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += quotes ? "&quot;" : "\""; break;
      case '\'': out += quotes ? "&apos;" : "'"; break;
      case '\t': out += attribute ? "&#9;" : "\t"; break;
      case '\n': out += attribute ? "&#10;" : "\n"; break;
      case '\r': out += "&#13;"; break;
      default: out.append(text.substr(i, len));
    }
    i += len;
  }
  return out;
}

}  // namespace

std::string xml_escape(std::string_view text, bool attribute) {
  return escape(text, attribute ? Context::XmlAttribute : Context::XmlText);
}

std::string html_escape(std::string_view text) { return escape(text, Context::Html); }

}  // namespace clause
