// `clause merge FILE... [-o OUT]`: combines the SARIF or JSON outputs of the
// shards of one batch audit (--shard) into the output an unsharded scan
// writes. The format is read from the files' content.
#include <iostream>
#include <limits>
#include <map>
#include <memory>

#include "checker/cli/commands.h"
#include "checker/cli/output_file.h"
#include "checker/cli/output_target.h"
#include "checker/model/limits.h"
#include "checker/platform/regular_file.h"
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
  std::string text;
  const FileReadResult read = read_regular_file(path, std::numeric_limits<uint64_t>::max(), text);
  if (read.status != FileRead::Ok) throw std::runtime_error(path + ": " + describe_file_read(read, 0));
  return text;
}

// A shard as JSON, refused when it nests deeper than the depth limit: what
// clause writes nests about ten levels, and merging copies, compares and
// writes values recursively, which a 50,000-deep array would overflow. The
// parse itself keeps its own stack, and builds nothing past the limit.
nlohmann::ordered_json parse_shard(const std::string &path, const std::string &text) {
  using Json = nlohmann::ordered_json;
  bool too_deep = false;
  const Json::parser_callback_t guard = [&too_deep](int depth, Json::parse_event_t event, Json &) {
    if (event != Json::parse_event_t::object_start && event != Json::parse_event_t::array_start) return true;
    if (depth < static_cast<int>(limits::kMaxDepth)) return true;
    too_deep = true;
    return false;  // skipped, not built
  };
  Json doc = Json::parse(text, guard, false);
  if (doc.is_discarded()) throw std::runtime_error(path + ": not JSON");
  if (too_deep)
    throw std::runtime_error(path + ": nesting deeper than " + std::to_string(limits::kMaxDepth) +
                             " levels: not an output of clause");
  return doc;
}

// Each rule's description, with the shard it came from. Shards of one scan
// describe every rule alike (same rules, same configuration); one described
// differently by two shards is an error naming both, since the merged output
// can carry only one description and neither is the unsharded scan's.
class RuleDescriptions {
 public:
  template <typename Json>
  void add(const Json &rules, const std::string &path) {
    if (!rules.is_array()) return;
    for (const auto &rule : rules) {
      if (!rule.is_object() || !rule.contains("id") || !rule.at("id").is_string()) continue;
      const std::string id = rule.at("id").template get<std::string>();
      const std::string text =
          nlohmann::json::parse(rule.dump()).dump();  // keys sorted: order is no difference
      auto [it, fresh] = seen_.try_emplace(id, text, path);
      if (!fresh && it->second.first != text)
        throw std::runtime_error("rule " + id + " is described differently by " + it->second.second +
                                 " and " + path +
                                 ": shards must be scanned with the same rules and configuration");
    }
  }

 private:
  std::map<std::string, std::pair<std::string, std::string>> seen_;  // id -> description, shard
};

int run_merge(const MergeArgs &a) {
  std::vector<nlohmann::ordered_json> sarif;
  std::vector<Report> reports;
  std::string tool_version;
  RuleDescriptions sarif_rules, json_rules;  // each format describes rules its own way
  try {
    for (const std::string &path : a.inputs) {
      const std::string text = read_text(path);
      auto doc = parse_shard(path, text);
      if (is_sarif_log(doc)) {
        for (const auto &run : doc.at("runs"))
          if (run.is_object() && run.contains("tool") && run.at("tool").contains("driver"))
            sarif_rules.add(run.at("tool").at("driver").value("rules", nlohmann::ordered_json()), path);
        sarif.push_back(std::move(doc));
        continue;
      }
      const auto plain = nlohmann::json::parse(text);
      if (!is_clause_json(plain))
        throw std::runtime_error(path + ": neither SARIF 2.1.0 nor clause JSON output");
      json_rules.add(plain.value("rules", nlohmann::json()), path);
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
    // Merging keeps the shards' format: an output file named for another
    // one would hold what its name does not say.
    const std::string inputs_are = sarif.empty() ? "json" : "sarif";
    const std::string named = a.output == "-" ? "" : format_for_extension(a.output);
    if (!named.empty() && named != inputs_are)
      throw std::runtime_error("the shards are " + std::string(sarif.empty() ? "clause JSON" : "SARIF") +
                               " outputs and the merged output keeps their format, but " + a.output +
                               " is named for " + named + ": name it ." + (sarif.empty() ? "json" : "sarif") +
                               " or merge the " + named + " outputs of the shards");
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
