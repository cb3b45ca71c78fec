// Entry point: dispatches to the subcommands and maps failures to exit codes.
#include <iostream>
#include <vector>

#include "checker/cli/commands.h"
#include "checker/cli/output_file.h"
#include "checker/engine/rule.h"
#include "checker/platform/heap_tuning.h"

int main(int argc, char **argv) {
  using namespace clause::cli;
  clause::tune_heap_for_scan(argc, argv);
  CLI::App app{"clause: ISO/IEC 20000-9 conformance checker for cloud services", "clause"};
  app.require_subcommand(1);
  std::vector<Command> commands = {
      add_scan_command(app),  add_baseline_command(app), add_init_command(app),    add_merge_command(app),
      add_rules_command(app), add_explain_command(app),  add_version_command(app), add_dump_command(app)};
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError &e) {
    int rc = app.exit(e);
    return rc == 0 ? kOk : kUsage;
  }
  try {
    for (auto &cmd : commands)
      if (cmd.app->parsed()) return cmd.run();
  } catch (const clause::OutputError &e) {
    std::cerr << "clause: error: " << e.what() << "\n";
    return kUsage;
  } catch (const clause::RulePackError &e) {
    std::cerr << "clause: error: " << e.what() << "\n";
    return kUsage;
  } catch (const std::exception &e) {
    std::cerr << "clause: internal error: " << e.what() << "\n";
    return kInternal;
  }
  return kUsage;
}
