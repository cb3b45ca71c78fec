#include "checker/cli/output_target.h"

#include <algorithm>

#include "checker/cli/suggest.h"
#include "checker/model/ascii.h"

namespace clause::cli {
namespace {

bool ends_with(const std::string &text, const std::string &suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

const std::vector<std::string> &report_formats() {
  static const std::vector<std::string> formats = {"text", "json", "sarif", "junit", "markdown", "html"};
  return formats;
}

std::string format_for_extension(const std::string &path) {
  const std::string name = ascii_lower(path);
  static const std::vector<std::pair<std::string, std::string>> kByExtension = {
      {".sarif.json", "sarif"}, {".sarif", "sarif"}, {".json", "json"}, {".xml", "junit"},
      {".md", "markdown"},      {".html", "html"},   {".htm", "html"},
  };
  for (const auto &[extension, format] : kByExtension)
    if (ends_with(name, extension)) return format;
  return "";
}

std::vector<std::pair<std::string, std::string>> resolve_output_targets(
    const std::vector<std::string> &outputs, const std::string &format, bool format_given) {
  const std::vector<std::string> &formats = report_formats();
  std::vector<std::pair<std::string, std::string>> targets;
  for (const std::string &o : outputs) {
    const size_t eq = o.find('=');
    if (eq != std::string::npos &&
        std::find(formats.begin(), formats.end(), o.substr(0, eq)) != formats.end()) {
      targets.emplace_back(o.substr(0, eq), o.substr(eq + 1));
      continue;
    }
    const std::string said = o == "-" ? "" : format_for_extension(o);
    if (!format_given) {
      targets.emplace_back(said.empty() ? format : said, o);
    } else if (said.empty() || said == format) {
      targets.emplace_back(format, o);
    } else {
      throw OutputTargetError("-o " + o + ": the file name says " + said + " but -f says " + format +
                              "; write -o " + format + "=" + o + " to put " + format + " there anyway");
    }
  }
  if (targets.empty()) targets.emplace_back(format, "-");
  return targets;
}

}  // namespace clause::cli
