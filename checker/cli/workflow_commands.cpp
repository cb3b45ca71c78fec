// `clause baseline` and `clause init`: commands that write project files.
#include <filesystem>
#include <iostream>
#include <memory>

#include "checker/cli/commands.h"
#include "checker/cli/output_file.h"
#include "checker/cli/scan_setup.h"
#include "checker/workflow/baseline.h"
#include "checker/workflow/config.h"

namespace clause::cli {

Command add_baseline_command(CLI::App &app) {
  struct Args {
    ScanInputs in;
    std::string output = ".clause-baseline.json";
  };
  auto args = std::make_shared<Args>();
  CLI::App *cmd =
      app.add_subcommand("baseline", "Write the current findings as a baseline for scan --baseline");
  add_input_options(*cmd, args->in);
  cmd->add_option("-o,--output", args->output, "Baseline file to write (default: .clause-baseline.json)");
  return Command{cmd, [args] {
                   std::optional<ScanOutcome> done = perform_scan_or_explain(args->in);
                   if (!done) return static_cast<int>(kUsage);
                   const ScanOutcome &outcome = *done;
                   for (const std::string &w : outcome.warnings)
                     std::cerr << "clause: warning: " << w << "\n";
                   const Baseline baseline = make_baseline(outcome.report);
                   write_output(args->output, [&](std::ostream &out) { write_baseline(baseline, out); });
                   if (args->output != "-")
                     std::cerr << "clause: wrote " << baseline.entries.size() << " finding"
                               << (baseline.entries.size() == 1 ? "" : "s") << " to " << args->output << "\n";
                   return static_cast<int>(kOk);
                 }};
}

Command add_init_command(CLI::App &app) {
  struct Args {
    std::string dir = ".";
    bool force = false;
  };
  auto args = std::make_shared<Args>();
  CLI::App *cmd = app.add_subcommand("init", "Write a commented starter .clause.yaml");
  cmd->add_option("dir", args->dir, "Directory to write it in (default: .)");
  cmd->add_flag("--force", args->force, "Overwrite an existing .clause.yaml");
  return Command{cmd, [args] {
                   const std::filesystem::path path = std::filesystem::path(args->dir) / kConfigFileName;
                   std::error_code ec;
                   if (std::filesystem::exists(path, ec) && !args->force) {
                     std::cerr << "clause: error: " << path.string()
                               << " already exists; use --force to overwrite it\n";
                     return static_cast<int>(kUsage);
                   }
                   write_output(path.string(), [](std::ostream &out) { out << starter_config(); });
                   std::cout << "wrote " << path.string() << "\n";
                   return static_cast<int>(kOk);
                 }};
}

}  // namespace clause::cli
