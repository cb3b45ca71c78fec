// `clause merge FILE... [-o OUT]`: combines the SARIF or JSON outputs of the
// shards of one batch audit (--shard) into the output an unsharded scan
// writes. The format is read from the files' content.
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "checker/cli/commands.h"
#include "checker/cli/output_file.h"
#include "reporters/json_reader.h"
#include "reporters/json_reporter.h"
#include "reporters/report_merge.h"
#include "sarif/sarif_merge.h"
#include "sarif/sarif_writer.h"

namespace clause::cli {
namespace {

struct MergeArgs {
  std::vector<std::string> inputs;
  std::string output = "-";
};

std::string read_text(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path + ": cannot read");
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

int run_merge(const MergeArgs &a) {
  std::vector<nlohmann::ordered_json> sarif;
  std::vector<Report> reports;
  std::string tool_version;
  try {
    for (const std::string &path : a.inputs) {
      const std::string text = read_text(path);
      auto doc = nlohmann::ordered_json::parse(text, nullptr, false);
      if (doc.is_discarded()) throw std::runtime_error(path + ": not JSON");
      if (is_sarif_log(doc)) {
        sarif.push_back(std::move(doc));
        continue;
      }
      const auto plain = nlohmann::json::parse(text);
      if (!is_clause_json(plain))
        throw std::runtime_error(path + ": neither SARIF 2.1.0 nor clause JSON output");
      try {
        JsonReport r = read_json_report(plain);
        if (!tool_version.empty() && r.tool_version != tool_version)
          throw std::runtime_error("written by clause " + r.tool_version + ", the others by " + tool_version);
        tool_version = r.tool_version;
        reports.push_back(std::move(r.report));
      } catch (const std::runtime_error &e) {
        throw std::runtime_error(path + ": " + e.what());
      }
    }
    if (!sarif.empty() && !reports.empty()) throw std::runtime_error("cannot merge SARIF with JSON outputs");
    if (!sarif.empty()) {
      const nlohmann::ordered_json merged = merge_sarif_logs(sarif);
      const size_t runs = merged["runs"].size();
      if (runs > SarifLimits{}.runs_per_file)
        throw std::runtime_error(std::to_string(runs) +
                                 " SARIF runs, and GitHub code scanning accepts at most " +
                                 std::to_string(SarifLimits{}.runs_per_file) +
                                 " runs in one file: upload the shard files one by one instead");
      write_output(a.output, [&](std::ostream &out) {
        out << merged.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
      });
    } else {
      const Report merged = merge_reports(std::move(reports));
      JsonOptions opts;
      opts.tool_version = tool_version;
      write_output(a.output, [&](std::ostream &out) { write_json(merged, out, opts); });
    }
  } catch (const std::exception &e) {
    std::cerr << "clause: error: merge: " << e.what() << "\n";
    return kUsage;
  }
  return kOk;
}

}  // namespace

Command add_merge_command(CLI::App &app) {
  auto args = std::make_shared<MergeArgs>();
  CLI::App *cmd =
      app.add_subcommand("merge", "Merge the SARIF or JSON outputs of sharded scans (--shard) into one");
  cmd->add_option("files", args->inputs, "Outputs of the shards (all SARIF or all JSON)")->required();
  cmd->add_option("-o,--output", args->output, "Write there instead of stdout");
  return Command{cmd, [args] { return run_merge(*args); }};
}

}  // namespace clause::cli
