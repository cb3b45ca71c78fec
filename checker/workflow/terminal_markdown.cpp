#include "checker/workflow/terminal_markdown.h"

namespace clause {
namespace {

constexpr const char *kBold = "\033[1m";
constexpr const char *kCode = "\033[36m";
constexpr const char *kReset = "\033[0m";

// Inline markup of one line of prose.
std::string inline_text(std::string_view line, bool color) {
  std::string out;
  bool bold = false;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (c == '*' && i + 1 < line.size() && line[i + 1] == '*') {
      bold = !bold;
      if (color) out += bold ? kBold : kReset;
      ++i;
      continue;
    }
    if (c == '`') {
      size_t end = line.find('`', i + 1);
      if (end != std::string_view::npos) {
        std::string_view code = line.substr(i + 1, end - i - 1);
        if (color) {
          out += kCode;
          out += code;
          out += kReset;
          if (bold) out += kBold;
        } else {
          out += '`';
          out += code;
          out += '`';
        }
        i = end;
        continue;
      }
    }
    if (c == '[') {
      size_t close = line.find(']', i + 1);
      if (close != std::string_view::npos && close + 1 < line.size() && line[close + 1] == '(') {
        size_t paren = line.find(')', close + 2);
        if (paren != std::string_view::npos) {
          out += inline_text(line.substr(i + 1, close - i - 1), color);
          out += " <";
          out += line.substr(close + 2, paren - close - 2);
          out += '>';
          i = paren;
          continue;
        }
      }
    }
    out += c;
  }
  if (bold && color) out += kReset;
  return out;
}

// Display width of plain text: UTF-8 continuation bytes take no room.
size_t width(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

}  // namespace

std::string render_markdown_for_terminal(std::string_view md, bool color) {
  std::string out;
  bool in_code = false;
  size_t pos = 0;
  while (pos < md.size()) {
    size_t nl = md.find('\n', pos);
    std::string_view line = md.substr(pos, nl == std::string_view::npos ? md.size() - pos : nl - pos);
    pos = nl == std::string_view::npos ? md.size() : nl + 1;
    if (line.starts_with("```")) {
      in_code = !in_code;
      continue;
    }
    if (in_code) {
      out += "    ";
      out += line;
      out += '\n';
      continue;
    }
    size_t level = 0;
    while (level < line.size() && line[level] == '#') ++level;
    if (level > 0 && level < line.size() && line[level] == ' ') {
      const std::string title = inline_text(line.substr(level + 1), false);
      out += color ? std::string(kBold) + title + kReset : title;
      out += '\n';
      if (level <= 2) out += std::string(width(title), level == 1 ? '=' : '-') + '\n';
      continue;
    }
    out += inline_text(line, color);
    out += '\n';
  }
  return out;
}

}  // namespace clause
