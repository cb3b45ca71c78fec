#pragma once
// The stylesheet and script the HTML report inlines: the report is one file
// that needs no network (no fonts, no CDN). The script reads data-*
// attributes and never builds markup from strings, so report data cannot
// turn into code.
#include <string_view>

namespace clause {

extern const std::string_view kHtmlReportCss;
extern const std::string_view kHtmlReportJs;
// The small mark in the header, as inline SVG.
extern const std::string_view kHtmlLogoSvg;

}  // namespace clause
