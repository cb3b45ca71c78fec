// `clause scan [PATH...]`: scan roots and report.
#include <unistd.h>

#include <algorithm>
#include <iostream>
#include <memory>

#include "checker/cli/batch_options.h"
#include "checker/cli/commands.h"
#include "checker/cli/output_file.h"
#include "checker/cli/output_target.h"
#include "checker/cli/provenance.h"
#include "checker/cli/sarif_output.h"
#include "checker/cli/scan_setup.h"
#include "checker/cli/suggest.h"
#include "checker/model/ascii.h"
#include "checker/scan/progress_line.h"
#include "checker/workflow/report_paths.h"
#include "reporters/html_reporter.h"
#include "reporters/json_reporter.h"
#include "reporters/junit_reporter.h"
#include "reporters/markdown_reporter.h"
#include "reporters/text_reporter.h"
#include "sarif/sarif_writer.h"

namespace clause::cli {
namespace {

struct ScanArgs {
  ScanInputs in;
  std::string format = "text";
  std::vector<std::string> outputs;
  CLI::Option *format_opt = nullptr;
  std::string fail_on;  // "" = from the configuration, else "low"
  bool no_color = false;
  bool quiet = false;
  bool show_suppressed = false;
  bool parse_only = false;
  bool report_time = false;  // accepted for compatibility: reports carry the scan time anyway
  bool reproducible = false;
  bool cache_stats = false;
  std::string uri_prefix;
  CLI::Option *uri_prefix_opt = nullptr;
};

// `--cache-stats`: one line on stderr saying what came from the cache's
// two levels: files' models and units' findings.
std::string cache_stats_line(const ScanOutcome &outcome) {
  if (outcome.cache_dir.empty()) return "clause: model cache: not used";
  const CacheCounts &f = outcome.file_cache;
  const CacheCounts &u = outcome.unit_cache;
  return "clause: model cache " + outcome.cache_dir + ": files: " + std::to_string(f.hits) +
         " from the cache, " + std::to_string(f.misses) + " parsed (" + std::to_string(f.rejected) +
         " entries rejected); units: " + std::to_string(u.hits) + " from the cache, " +
         std::to_string(u.misses) + " judged (" + std::to_string(u.rejected) + " entries rejected)";
}

// SARIF URIs relative to the repository: --uri-prefix for every root, or
// each root's path below its git work tree's top level.
Report sarif_view(const Report &report, const ScanArgs &a) {
  std::vector<UriBase> bases;
  for (const RootReport &root : report.roots)
    bases.push_back(a.uri_prefix_opt->count() ? given_uri_base(root.abs_path, a.uri_prefix)
                                              : repository_uri_base(root.abs_path));
  return rebase_report_paths(report, bases);
}

void write_format(const std::string &format, const Report &report, std::ostream &out, bool color,
                  const ScanArgs &a) {
  if (format == "text") {
    TextOptions o;
    o.color = color;
    o.show_suppressed = a.show_suppressed;
    write_text(report, out, o);
  } else if (format == "json") {
    write_json(report, out);
  } else if (format == "junit") {
    write_junit(report, out);
  } else if (format == "markdown") {
    write_markdown(report, out);
  } else if (format == "html") {
    write_html(report, out);
  }
}

// The lowest severity that fails the run as its number, -1 for "never".
// False for anything but a severity or never.
bool parse_fail_on(const std::string &written, int &threshold) {
  threshold = -1;
  const std::string text = ascii_lower(written);
  if (text == "never") return true;
  const auto s = parse_severity(text);
  if (s) threshold = static_cast<int>(*s);
  return s.has_value();
}

// `--parse-only` (hidden, for benchmarks): discovery and parsing, nothing
// else, so a full scan's cost can be compared with its parsers'.
int run_parse_only(const ScanArgs &a) {
  try {
    ParseOnlySummary sum = parse_only(plain_scan_options(a.in));
    if (!a.quiet)
      std::cout << "parsed " << sum.files << " files (" << sum.bytes << " bytes): " << sum.documents
                << " documents, " << sum.diagnostics << " diagnostics\n";
  } catch (const std::runtime_error &e) {
    std::cerr << "clause: error: " << e.what() << "\n";
    return kUsage;
  }
  return kOk;
}

int run_scan_command(const ScanArgs &a) {
  if (a.parse_only) return run_parse_only(a);
  int threshold = -1;
  if (!a.fail_on.empty() && !parse_fail_on(a.fail_on, threshold)) {
    std::cerr << "clause: error: --fail-on: '" << a.fail_on << "' is not a severity or 'never'\n";
    return kUsage;
  }
  std::vector<std::pair<std::string, std::string>> targets;
  try {
    targets = resolve_output_targets(a.outputs, a.format, a.format_opt->count() != 0);
  } catch (const OutputTargetError &e) {
    std::cerr << "clause: error: " << e.what() << "\n";
    return kUsage;
  }

  ScanInputs in = a.in;
  in.text_only = std::all_of(targets.begin(), targets.end(), [](const auto &t) { return t.first == "text"; });
  std::unique_ptr<ProgressLine> progress;
  if (want_progress(in.batch.progress, a.quiet, STDERR_FILENO)) {
    progress = std::make_unique<ProgressLine>(std::cerr);
    in.on_progress = [&](const ScanProgress &p) { progress->update(p); };
  }
  const std::string started = scan_time_now();
  std::optional<ScanOutcome> done = perform_scan_or_explain(in);
  if (progress) progress->finish();
  if (!done) return kUsage;
  ScanOutcome &outcome = *done;
  for (const std::string &w : outcome.warnings) std::cerr << "clause: warning: " << w << "\n";
  if (a.cache_stats) std::cerr << cache_stats_line(outcome) << "\n";
  // Text output shows no provenance: a pre-commit hook does not pay for it.
  if (!a.reproducible && !in.text_only) record_provenance(outcome.report, started);
  const Report &report = outcome.report;
  bool output_failed = false;
  for (const auto &[format, path] : targets) {
    bool to_stdout = path == "-";
    bool color = to_stdout && !a.no_color && want_color(STDOUT_FILENO);
    if (to_stdout && a.quiet && format == "text") continue;
    try {
      if (format == "sarif") {  // one file or a directory of them, within GitHub's limits
        write_sarif_output(path, sarif_view(report, a));
        continue;
      }
      const std::string &fmt = format;  // a structured binding: not capturable before C++20 in clang 14
      write_output(path, [&](std::ostream &out) { write_format(fmt, report, out, color, a); });
    } catch (const OutputError &e) {
      // The other outputs are still written; the run reports the failure.
      std::cerr << "clause: error: " << e.what() << "\n";
      output_failed = true;
    }
  }
  if (output_failed) return kUsage;
  // The command line wins over the configuration; the default is low.
  const std::string level = !a.fail_on.empty()         ? a.fail_on
                            : !outcome.fail_on.empty() ? outcome.fail_on
                                                       : "low";
  parse_fail_on(level, threshold);
  bool fail = false;
  for (const auto &root : report.roots)
    for (const auto &f : root.findings)
      if (!f.suppression && threshold >= 0 && static_cast<int>(f.severity) >= threshold) fail = true;
  return fail ? kFindings : kOk;
}

}  // namespace

Command add_scan_command(CLI::App &app) {
  auto args = std::make_shared<ScanArgs>();
  CLI::App *cmd = app.add_subcommand("scan", "Scan infrastructure and agreements under each PATH");
  add_input_options(*cmd, args->in);
  args->format_opt =
      cmd->add_option("-f,--format", args->format, "Output format")->check(CLI::IsMember(report_formats()));
  cmd->add_option("-o,--output", args->outputs,
                  "Write to FILE instead of stdout (format: -f, else the extension: .sarif .json .xml .md "
                  ".html); repeatable as FORMAT=FILE")
      ->allow_extra_args(false);
  cmd->add_option(
      "--fail-on", args->fail_on,
      "Exit 1 when a finding at or above this severity remains: critical|high|medium|low|info|never "
      "(default: the configuration's fail-on, else low)");
  cmd->add_option("--category", args->in.category, "SARIF automationDetails.id");
  add_filter_options(*cmd, args->in);
  add_batch_options(*cmd, args->in.batch);
  args->uri_prefix_opt =
      cmd->add_option("--uri-prefix", args->uri_prefix,
                      "Put PREFIX before SARIF URIs (default: the root's path in its git repository)");
  cmd->add_flag("--parse-only", args->parse_only, "Only discover and parse (benchmarks)")->group("");
  cmd->add_flag("--show-suppressed", args->show_suppressed, "List suppressed findings in the text output");
  cmd->add_flag("--report-time", args->report_time, "(reports always carry the scan time)")->group("");
  cmd->add_flag("--reproducible", args->reproducible,
                "Leave the scan time and git provenance out of reports: the same files give the same bytes");
  cmd->add_flag("--no-color", args->no_color, "Never colour the text output");
  cmd->add_flag("--cache-stats", args->cache_stats,
                "Say on stderr how many files came from the model cache and how many were parsed");
  cmd->add_flag("-q,--quiet", args->quiet, "Print nothing on stdout for text output; only the exit code");
  return Command{cmd, [args] { return run_scan_command(*args); }};
}

}  // namespace clause::cli
