#pragma once
// Where each report format of `clause scan` goes: `-o FORMAT=FILE` names
// the format; `-o FILE` takes it from -f when given, else from the file's
// extension (.sarif, .json, .xml, .md, .html), else text. An extension that
// says another format than -f is refused rather than written wrongly.
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace clause::cli {

// The formats `clause scan -f` accepts.
const std::vector<std::string> &report_formats();

// The format a file name's extension says ("out.sarif" -> "sarif",
// "results.sarif.json" -> "sarif", "report.xml" -> "junit"); "" for any other.
std::string format_for_extension(const std::string &path);

// A -o that contradicts -f (a usage error: exit 2).
struct OutputTargetError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// (format, path) for each -o value, or ("FORMAT", "-") without any.
// `format` is -f's value, `format_given` whether -f was on the command line.
std::vector<std::pair<std::string, std::string>> resolve_output_targets(
    const std::vector<std::string> &outputs, const std::string &format, bool format_given);

}  // namespace clause::cli
