#include "checker/cli/sarif_output.h"

#include <filesystem>

#include "checker/cli/output_file.h"
#include "sarif/sarif_writer.h"

namespace clause::cli {

bool names_directory(const std::string &path) {
  std::error_code ec;
  return path != "-" && (path.ends_with('/') || std::filesystem::is_directory(path, ec));
}

void write_sarif_output(const std::string &path, const Report &report) {
  const bool per_root = names_directory(path);
  const std::vector<std::string> problems = sarif_limit_problems(report, per_root);
  if (!problems.empty()) {
    std::string text = (path == "-" ? std::string("SARIF") : path) + ": not written: " + problems.front();
    for (size_t i = 1; i < problems.size(); ++i) text += "; " + problems[i];
    throw OutputError(text);
  }
  if (!per_root) {
    write_output(path, [&](std::ostream &out) { write_sarif(report, out); });
    return;
  }
  std::error_code ec;
  std::filesystem::create_directories(path, ec);
  if (ec) throw OutputError(path + ": cannot create the directory: " + ec.message());
  const std::vector<std::string> names = sarif_file_names(report);
  for (size_t i = 0; i < report.roots.size(); ++i) {
    SarifOptions opts;
    opts.only_root = i;
    write_output((std::filesystem::path(path) / names[i]).string(),
                 [&](std::ostream &out) { write_sarif(report, out, opts); });
  }
}

}  // namespace clause::cli
