#pragma once
// The subcommands of the `clause` binary. Each registers its options on the
// CLI11 app and returns the exit code of its run (DESIGN §7).
#include <CLI/CLI.hpp>
#include <functional>
#include <string>
#include <vector>

namespace clause::cli {

enum ExitCode : int { kOk = 0, kFindings = 1, kUsage = 2, kInternal = 3 };

struct Command {
  CLI::App *app = nullptr;   // the subcommand, to ask whether it was given
  std::function<int()> run;  // runs it after parsing
};

Command add_scan_command(CLI::App &app);
Command add_rules_command(CLI::App &app);
Command add_explain_command(CLI::App &app);
Command add_version_command(CLI::App &app);
Command add_dump_command(CLI::App &app);
Command add_baseline_command(CLI::App &app);
Command add_init_command(CLI::App &app);
Command add_merge_command(CLI::App &app);
// `clause help [COMMAND]`: the top-level help, or a command's.
Command add_help_command(CLI::App &app);

// The names of the commands of `app`, in the order they were added.
std::vector<std::string> command_names(const CLI::App &app);

// "clause VERSION (REVISION)", as `clause version` and `--version` print it.
std::string version_line();

}  // namespace clause::cli
