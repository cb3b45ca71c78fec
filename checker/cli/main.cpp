// Entry point: dispatches to the subcommands and maps failures to exit codes.
#include <filesystem>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "checker/cache/model_cache.h"
#include "checker/cache/scan_size.h"
#include "checker/cli/commands.h"
#include "checker/cli/output_file.h"
#include "checker/cli/suggest.h"
#include "checker/engine/rule.h"
#include "checker/platform/heap_tuning.h"

namespace {

using namespace clause::cli;

// Every spelling of the options of `cmd` (--fail-on, -f, --format, ...).
std::vector<std::string> option_names(const CLI::App &cmd) {
  std::vector<std::string> names;
  for (const CLI::Option *o : cmd.get_options()) {
    for (const std::string &l : o->get_lnames()) names.push_back("--" + l);
    for (const std::string &s : o->get_snames()) names.push_back("-" + s);
    for (const std::string &f : o->get_fnames()) names.push_back("--" + f);
  }
  return names;
}

// The first word that is not an option: the command. A word that names
// none is reported with the nearest command, where CLI11 would only say
// that a subcommand is required.
bool check_command_word(const CLI::App &app, int argc, char **argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string word = argv[i];
    if (word.rfind('-', 0) == 0) continue;
    const std::vector<std::string> names = command_names(app);
    for (const std::string &n : names)
      if (n == word) return true;
    std::cerr << "clause: error: unknown command '" << word << "'" << did_you_mean(word, names)
              << "\nRun 'clause help' for the list of commands.\n";
    return false;
  }
  return true;
}

// A command-line error, in clause's words, with the nearest option for a
// mistyped one.
int explain_parse_error(CLI::App &app, const CLI::ParseError &e) {
  if (e.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success)) return app.exit(e) == 0 ? kOk : kUsage;
  CLI::App *cmd = nullptr;
  for (CLI::App *sub : app.get_subcommands([](const CLI::App *) { return true; }))
    if (sub->parsed()) cmd = sub;
  const std::string where = cmd ? cmd->get_name() + ": " : "";
  const std::string usage = cmd ? "clause help " + cmd->get_name() : "clause help";
  if (dynamic_cast<const CLI::ExtrasError *>(&e) && cmd) {
    for (const std::string &extra : cmd->remaining()) {
      if (extra.rfind('-', 0) != 0 || extra == "-") continue;
      const std::string flag = extra.substr(0, extra.find('='));
      std::cerr << "clause: error: " << where << "unknown option '" << flag << "'"
                << did_you_mean(flag, option_names(*cmd)) << "\nRun '" << usage << "' for its options.\n";
      return kUsage;
    }
  }
  std::cerr << "clause: error: " << where << e.what() << "\nRun '" << usage << "' for usage.\n";
  return kUsage;
}

int run(int argc, char **argv) {
  CLI::App app{"clause: ISO/IEC 20000-9 conformance checker for cloud services", "clause"};
  app.require_subcommand(0, 1);
  bool version = false;
  app.add_flag("--version", version, "Print the version and source revision (as `clause version`)");
  std::vector<Command> commands = {
      add_scan_command(app),    add_baseline_command(app), add_init_command(app),
      add_merge_command(app),   add_rules_command(app),    add_explain_command(app),
      add_version_command(app), add_dump_command(app),     add_help_command(app)};
  if (!check_command_word(app, argc, argv)) return kUsage;
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError &e) {
    return explain_parse_error(app, e);
  }
  try {
    for (auto &cmd : commands)
      if (cmd.app->parsed()) return cmd.run();
    if (version) {
      std::cout << version_line() << "\n";
      return kOk;
    }
    std::cerr << "clause: error: a command is required\n" << app.help();
    return kUsage;
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
}

}  // namespace

int main(int argc, char **argv) {
  // A whole scan with a cache: the size of its last run decides its heap,
  // and this run's is kept for the next (a filtered scan takes huge pages
  // anyway, and names other files each time).
  const std::vector<std::string_view> args(argv + 1, argv + argc);
  std::string size_file;
  if (!args.empty() && args.front() == "scan" && !clause::is_filtered_scan(args)) {
    std::error_code ec;
    const std::string cwd = std::filesystem::current_path(ec).string();
    if (!ec) size_file = clause::scan_size_path(args, cwd, clause::ModelCache::default_dir());
  }
  clause::tune_heap_for_scan(argc, argv, clause::read_scan_size(size_file));
  const int rc = run(argc, argv);
  clause::write_scan_size(size_file, clause::peak_memory_kib());
  return rc;
}
