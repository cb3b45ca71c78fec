// `clause scan [PATH...]`: scan roots and report.
#include <unistd.h>

#include <ctime>
#include <iostream>
#include <memory>
#include <thread>

#include "checker/cli/batch_options.h"
#include "checker/cli/commands.h"
#include "checker/cli/output_file.h"
#include "checker/cli/rule_selection.h"
#include "checker/scan/progress_line.h"
#include "checker/scan/scanner.h"
#include "reporters/html_reporter.h"
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
  uint64_t max_file_size = 8ull * 1024 * 1024;
  BatchArgs batch;
  bool report_time = false;
};

const std::vector<std::string> kFormats = {"text", "json", "sarif", "junit", "markdown", "html"};

// Now, in UTC, as ISO 8601 (for --report-time only: outputs are otherwise
// free of timestamps, so the same scan gives the same bytes).
std::string utc_now() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

void write_format(const std::string &format, const Report &report, std::ostream &out, bool color,
                  const ScanArgs &a) {
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
  } else if (format == "html") {
    HtmlOptions o;
    if (a.report_time) o.report_time = utc_now();
    write_html(report, out, o);
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
  BatchRoots batch;
  try {
    batch = resolve_roots(a.paths, a.batch);
  } catch (const std::runtime_error &e) {
    std::cerr << "clause: error: " << e.what() << "\n";
    return kUsage;
  }
  opts.roots = batch.roots;
  opts.jobs = a.jobs ? a.jobs : std::max(1u, std::thread::hardware_concurrency());
  opts.strict = a.strict;
  opts.category = a.category;
  opts.discovery.max_file_size = a.max_file_size;
  std::unique_ptr<ProgressLine> progress;
  if (want_progress(a.batch.progress, a.quiet, STDERR_FILENO)) {
    progress = std::make_unique<ProgressLine>(std::cerr);
    opts.on_progress = [&](const ScanProgress &p) { progress->update(p); };
  }
  Report report;
  try {
    report = run_scan(rules, opts);
  } catch (const std::runtime_error &e) {
    if (progress) progress->finish();
    std::cerr << "clause: error: " << e.what() << "\n";
    return kUsage;
  }
  if (progress) progress->finish();
  report.batch_roots = batch.total;
  for (const auto &[format, path] : targets) {
    bool to_stdout = path == "-";
    bool color = to_stdout && !a.no_color && want_color(STDOUT_FILENO);
    if (to_stdout && a.quiet && format == "text") continue;
    write_output(path, [&](std::ostream &out) { write_format(format, report, out, color, a); });
  }
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
  cmd->add_flag("--strict", args->strict, "Report, as notes, checks that unknown values kept from deciding");
  add_batch_options(*cmd, args->batch);
  cmd->add_flag("--report-time", args->report_time, "Print the time of the scan in the HTML report");
  cmd->add_flag("--no-color", args->no_color, "Never colour the text output");
  cmd->add_flag("-q,--quiet", args->quiet, "Print nothing on stdout for text output; only the exit code");
  return Command{cmd, [args] { return run_scan_command(*args); }};
}

}  // namespace clause::cli
