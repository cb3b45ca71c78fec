#include "parsers/hcl/hcl_strings.h"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace clause {
namespace {

void append_utf8(std::string &out, uint32_t cp) {
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

bool parse_hex(std::string_view s, uint32_t &out) {
  out = 0;
  for (char c : s) {
    out <<= 4;
    if (c >= '0' && c <= '9') {
      out |= static_cast<uint32_t>(c - '0');
    } else if (c >= 'a' && c <= 'f') {
      out |= static_cast<uint32_t>(c - 'a' + 10);
    } else if (c >= 'A' && c <= 'F') {
      out |= static_cast<uint32_t>(c - 'A' + 10);
    } else {
      return false;
    }
  }
  return true;
}

}  // namespace

std::string unescape_hcl(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  for (size_t i = 0; i < raw.size(); ++i) {
    char c = raw[i];
    if ((c == '$' || c == '%') && i + 2 < raw.size() && raw[i + 1] == c && raw[i + 2] == '{') {
      out += c;
      out += '{';
      i += 2;
      continue;
    }
    if (c != '\\' || i + 1 >= raw.size()) {
      out += c;
      continue;
    }
    char e = raw[++i];
    switch (e) {
      case 'n': out += '\n'; break;
      case 't': out += '\t'; break;
      case 'r': out += '\r'; break;
      case '"': out += '"'; break;
      case '\\': out += '\\'; break;
      case 'u':
      case 'U': {
        size_t len = e == 'u' ? 4 : 8;
        uint32_t cp = 0;
        if (i + 1 + len <= raw.size() && parse_hex(raw.substr(i + 1, len), cp)) {
          append_utf8(out, cp);
          i += len;
        } else {
          out += '\\';
          out += e;
        }
        break;
      }
      default: out += '\\'; out += e;
    }
  }
  return out;
}

std::string heredoc_body(std::string_view raw, bool indented) {
  // The grammar's literal runs from after the opening line's newline to the
  // start of the closing marker's line; drop the indentation of that line.
  std::vector<std::string_view> lines;
  size_t pos = 0;
  while (pos <= raw.size()) {
    size_t nl = raw.find('\n', pos);
    if (nl == std::string_view::npos) {
      lines.push_back(raw.substr(pos));
      break;
    }
    lines.push_back(raw.substr(pos, nl - pos + 1));
    pos = nl + 1;
  }
  // A trailing run of blanks before the closing identifier is indentation.
  if (!lines.empty() && lines.back().find_first_not_of(" \t") == std::string_view::npos) lines.pop_back();
  if (!indented) {
    std::string out;
    for (auto l : lines) out += l;
    return out;
  }
  size_t common = SIZE_MAX;
  for (auto l : lines) {
    size_t ws = l.find_first_not_of(" \t");
    if (ws == std::string_view::npos || l[ws] == '\n' || l[ws] == '\r') continue;  // blank line
    common = std::min(common, ws);
  }
  if (common == SIZE_MAX) common = 0;
  std::string out;
  for (auto l : lines) {
    size_t ws = l.find_first_not_of(" \t");
    size_t cut = std::min(common, ws == std::string_view::npos ? l.size() : ws);
    out += l.substr(cut);
  }
  return out;
}

}  // namespace clause
