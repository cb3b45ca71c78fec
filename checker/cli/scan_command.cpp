// `clause scan [PATH...]`: scan roots and report.
#include <unistd.h>

#include <chrono>
#include <iostream>
#include <memory>
#include <thread>

#include "checker/cli/commands.h"
#include "checker/cli/output_file.h"
#include "checker/cli/rule_selection.h"
#include "checker/scan/scanner.h"
#include "reporters/json_reporter.h"
#include "reporters/junit_reporter.h"
#include "reporters/markdown_reporter.h"
#include "reporters/text_reporter.h"
#include "sarif/sarif_writer.h"

namespace clause::cli {
namespace {

struct ScanArgs {
  std::vector<std::string> paths;
  std::string format = "text";
  std::vector<std::string> outputs;
  std::vector<std::string> rule_dirs;
  std::string fail_on = "low";
  std::vector<std::string> enable, disable, scenarios;
  std::string severity_min;
  unsigned jobs = 0;
  std::string category;
  bool strict = false;
  bool no_color = false;
  bool quiet = false;
  uint64_t max_file_size = limits::kMaxFileSize;
  size_t max_findings_per_file = limits::kMaxFindingsPerFile;
  double parse_timeout = std::chrono::duration<double>(limits::kParseTimeout).count();  // seconds
};

const std::vector<std::string> kFormats = {"text", "json", "sarif", "junit", "markdown"};

void write_format(const std::string &format, const Report &report, std::ostream &out, bool color) {
  if (format == "text") {
    TextOptions o;
    o.color = color;
    write_text(report, out, o);
  } else if (format == "json") {
    write_json(report, out);
  } else if (format == "sarif") {
    write_sarif(report, out);
  } else if (format == "junit") {
    write_junit(report, out);
  } else if (format == "markdown") {
    write_markdown(report, out);
  }
}

int run_scan_command(const ScanArgs &a) {
  std::optional<Severity> fail_on;
  if (a.fail_on != "never") {
    fail_on = parse_severity(a.fail_on);
    if (!fail_on) {
      std::cerr << "clause: error: --fail-on: '" << a.fail_on << "' is not a severity or 'never'\n";
      return kUsage;
    }
  }
  // Resolve where each format goes: -o FILE uses -f; -o FORMAT=FILE names it.
  std::vector<std::pair<std::string, std::string>> targets;
  for (const auto &o : a.outputs) {
    size_t eq = o.find('=');
    if (eq != std::string::npos &&
        std::find(kFormats.begin(), kFormats.end(), o.substr(0, eq)) != kFormats.end()) {
      targets.emplace_back(o.substr(0, eq), o.substr(eq + 1));
    } else {
      targets.emplace_back(a.format, o);
    }
  }
  if (targets.empty()) targets.emplace_back(a.format, "-");

  RuleSelection sel{a.rule_dirs, split_list(a.enable), split_list(a.disable), split_list(a.scenarios),
                    a.severity_min};
  RuleSet rules = select_rules(sel);

  ScanOptions opts;
  opts.roots = a.paths.empty() ? std::vector<std::string>{"."} : a.paths;
  opts.jobs = a.jobs ? a.jobs : std::max(1u, std::thread::hardware_concurrency());
  opts.strict = a.strict;
  opts.category = a.category;
  opts.discovery.max_file_size = a.max_file_size;
  opts.max_findings_per_file = a.max_findings_per_file;
  opts.parse.timeout = std::chrono::milliseconds(static_cast<int64_t>(a.parse_timeout * 1000));
  Report report;
  try {
    report = run_scan(rules, opts);
  } catch (const std::runtime_error &e) {
    std::cerr << "clause: error: " << e.what() << "\n";
    return kUsage;
  }
  bool output_failed = false;
  for (const auto &[format, path] : targets) {
    bool to_stdout = path == "-";
    bool color = to_stdout && !a.no_color && want_color(STDOUT_FILENO);
    if (to_stdout && a.quiet && format == "text") continue;
    try {
      write_output(path, [&](std::ostream &out) { write_format(format, report, out, color); });
    } catch (const std::runtime_error &e) {
      // The other outputs are still written; the run reports the failure.
      std::cerr << "clause: error: " << e.what() << "\n";
      output_failed = true;
    }
  }
  if (output_failed) return kUsage;
  bool fail = false;
  for (const auto &root : report.roots)
    for (const auto &f : root.findings)
      if (!f.suppression && fail_on && f.severity >= *fail_on) fail = true;
  return fail ? kFindings : kOk;
}

}  // namespace

Command add_scan_command(CLI::App &app) {
  auto args = std::make_shared<ScanArgs>();
  CLI::App *cmd = app.add_subcommand("scan", "Scan infrastructure and agreements under each PATH");
  cmd->add_option("paths", args->paths, "Scan roots (default: .)");
  cmd->add_option("-f,--format", args->format, "Output format")->check(CLI::IsMember(kFormats));
  cmd->add_option("-o,--output", args->outputs, "Write to FILE instead of stdout; repeatable as FORMAT=FILE")
      ->allow_extra_args(false);
  cmd->add_option("--rules", args->rule_dirs, "Directory of extra rule packs (repeatable)")
      ->allow_extra_args(false);
  cmd->add_option(
      "--fail-on", args->fail_on,
      "Exit 1 when a finding at or above this severity remains: critical|high|medium|low|info|never");
  cmd->add_option("--enable", args->enable, "Run only these rules (ids or names, comma-separated)")
      ->allow_extra_args(false);
  cmd->add_option("--disable", args->disable, "Do not run these rules (ids or names, comma-separated)")
      ->allow_extra_args(false);
  cmd->add_option("--scenario", args->scenarios, "Run only rules of these scenarios, e.g. 5.7,5.13")
      ->allow_extra_args(false);
  cmd->add_option("--severity-min", args->severity_min, "Run only rules of at least this severity");
  cmd->add_option("-j,--jobs", args->jobs, "Parallel jobs (default: hardware threads)");
  cmd->add_option("--category", args->category, "SARIF automationDetails.id");
  cmd->add_option("--max-file-size", args->max_file_size,
                  "Skip files larger than this many bytes (default 8 MiB)");
  cmd->add_option("--max-findings-per-file", args->max_findings_per_file,
                  "Report at most this many findings per file, the most severe first (default 1000; 0: "
                  "no limit)");
  cmd->add_option("--parse-timeout", args->parse_timeout,
                  "Give up parsing a file after this many seconds (default 10; 0: no limit)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_flag("--strict", args->strict, "Report, as notes, checks that unknown values kept from deciding");
  cmd->add_flag("--no-color", args->no_color, "Never colour the text output");
  cmd->add_flag("-q,--quiet", args->quiet, "Print nothing on stdout for text output; only the exit code");
  return Command{cmd, [args] { return run_scan_command(*args); }};
}

}  // namespace clause::cli
