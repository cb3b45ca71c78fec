#pragma once
// Rule pages for a terminal (`clause explain` when stdout is a TTY):
// headings underlined, `**` emphasis stripped (bold with colour), fenced
// code shown indented by four spaces without its fences, links as
// "text <url>". Other text passes through unchanged.
#include <string>
#include <string_view>

namespace clause {

std::string render_markdown_for_terminal(std::string_view markdown, bool color);

}  // namespace clause
