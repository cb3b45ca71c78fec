// `clause rules`, `clause explain`, `clause version`, `clause help`: read-only commands.
#include <unistd.h>

#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "checker/cli/commands.h"
#include "checker/cli/rule_selection.h"
#include "checker/cli/rules_markdown.h"
#include "checker/cli/suggest.h"
#include "checker/engine/native_check.h"
#include "checker/engine/profiles.h"
#include "checker/workflow/meta_rules.h"
#include "checker/workflow/rule_page.h"
#include "checker/workflow/terminal_markdown.h"
#include "clause_version.h"
#include "reporters/text_reporter.h"

namespace clause::cli {
namespace {

std::string join_profiles(const std::vector<std::string> &profiles) {
  std::string out;
  for (const std::string &p : profiles) out += (out.empty() ? "" : ",") + p;
  return out.empty() ? "-" : out;
}

// What `explain` adds below a rule's page: the metadata its YAML carries.
std::string metadata_section(const RuleInfo &info) {
  std::string out = "\n## Profile, severity and peers\n\n";
  out += "- Profiles: " + (info.profiles.empty() ? std::string("always on") : join_profiles(info.profiles)) +
         "\n";
  out += "- Severity: " + std::string(severity_name(info.severity));
  if (!info.severity_rationale.empty()) out += ". " + info.severity_rationale;
  out += "\n";
  for (const char *tool : {"checkov", "trivy"}) {
    std::string ids;
    for (const PeerCheck &p : info.peers) {
      if (p.tool != tool) continue;
      ids += (ids.empty() ? "" : ", ") + p.id + (p.severity.empty() ? "" : " (" + p.severity + ")");
    }
    out += std::string("- Nearest ") + (tool[0] == 'c' ? "Checkov" : "Trivy") +
           " checks: " + (ids.empty() ? "none" : ids) + "\n";
  }
  if (!info.peer_note.empty()) out += "- How they differ: " + info.peer_note + "\n";
  if (!info.guard_rules.empty()) {
    std::string names;
    for (const std::string &g : info.guard_rules) names += (names.empty() ? "" : ", ") + g;
    out += "- cfn-guard waivers that suppress it (Metadata.guard.SuppressedRules): " + names + "\n";
  }
  for (const PeerDirective &d : info.peer_directives) {
    std::string ids;
    for (const std::string &id : d.ids) ids += (ids.empty() ? "" : ", ") + id;
    out += std::string("- ") + (d.tool == "checkov" ? "Checkov skips" : "tfsec/Trivy ignores") +
           " that suppress it: " + ids + " (" + d.check + ")\n";
  }
  return out;
}

}  // namespace

Command add_rules_command(CLI::App &app) {
  struct Args {
    std::string format = "text";
    std::vector<std::string> rule_dirs;
  };
  auto args = std::make_shared<Args>();
  CLI::App *cmd = app.add_subcommand("rules", "List the rules: id, name, scenario, severity, targets");
  cmd->add_option("-f,--format", args->format,
                  "text, json, markdown (the docs/rules/README.md index), severity (docs/severity.md) or "
                  "directives (docs/peer-directives.md)")
      ->check(CLI::IsMember({"text", "json", "markdown", "severity", "directives"}));
  cmd->add_option("--rules", args->rule_dirs, "Directory of extra rule packs (repeatable)")
      ->allow_extra_args(false);
  return Command{cmd, [args] {
                   RuleSelection sel;
                   sel.rule_dirs = args->rule_dirs;
                   sel.profiles = {std::string(kAllProfiles)};
                   RuleSet set = select_rules(sel);
                   if (args->format == "markdown") {
                     std::cout << rules_markdown(set);
                   } else if (args->format == "severity") {
                     std::cout << severity_markdown(set);
                   } else if (args->format == "directives") {
                     std::cout << peer_directives_markdown(set);
                   } else if (args->format == "json") {
                     nlohmann::ordered_json out = nlohmann::ordered_json::array();
                     for (const auto &r : set.rules()) {
                       nlohmann::ordered_json j;
                       j["id"] = r.info.id;
                       j["name"] = r.info.name;
                       j["scenario"] = r.info.scenario;
                       j["kind"] = rule_kind_name(r.info.kind);
                       j["severity"] = severity_name(r.info.severity);
                       j["title"] = r.info.title;
                       j["formats"] = r.info.formats;
                       j["profiles"] = r.info.profiles;
                       nlohmann::ordered_json peers = nlohmann::ordered_json::array();
                       for (const PeerCheck &p : r.info.peers) {
                         nlohmann::ordered_json peer = {{"tool", p.tool}, {"id", p.id}};
                         if (!p.severity.empty()) peer["severity"] = p.severity;
                         peers.push_back(std::move(peer));
                       }
                       j["peers"] = std::move(peers);
                       j["peerNote"] = r.info.peer_note;
                       j["guardRules"] = r.info.guard_rules;
                       nlohmann::ordered_json directives = nlohmann::ordered_json::array();
                       for (const PeerDirective &d : r.info.peer_directives)
                         directives.push_back({{"tool", d.tool}, {"ids", d.ids}, {"check", d.check}});
                       j["directives"] = std::move(directives);
                       j["severityRationale"] = r.info.severity_rationale;
                       nlohmann::ordered_json targets = nlohmann::ordered_json::object();
                       if (r.declarative)
                         for (const auto &[fmt, types] : r.declarative->targets)
                           targets[target_format_name(fmt)] = types;
                       j["targets"] = targets;
                       j["documented"] = !r.info.help_markdown.empty();
                       // Where the rule lives: its YAML, and its check (the
                       // native check's registration, file:line).
                       j["file"] = r.info.source;
                       j["source"] = r.native ? native_check_source(r.info.id) : r.info.source;
                       j["pageHeader"] = rule_page_header(r.info);
                       out.push_back(j);
                     }
                     std::cout << out.dump(2) << "\n";
                   } else {
                     for (const auto &r : set.rules())
                       std::cout << r.info.id << "  " << r.info.scenario
                                 << (r.info.scenario.size() < 4 ? "  " : " ")
                                 << severity_name(r.info.severity) << "\t" << r.info.name << "\t"
                                 << join_profiles(r.info.profiles) << "\t" << r.info.title << "\n";
                   }
                   return static_cast<int>(kOk);
                 }};
}

Command add_explain_command(CLI::App &app) {
  auto key = std::make_shared<std::string>();
  auto dirs = std::make_shared<std::vector<std::string>>();
  CLI::App *cmd = app.add_subcommand("explain", "Print a rule's documentation");
  cmd->add_option("rule", *key, "Rule id or name")->required();
  cmd->add_option("--rules", *dirs, "Directory of extra rule packs (repeatable)")->allow_extra_args(false);
  return Command{cmd, [key, dirs] {
                   RuleSelection sel;
                   sel.rule_dirs = *dirs;
                   sel.profiles = {std::string(kAllProfiles)};
                   RuleSet set = select_rules(sel);
                   const Rule *rule = set.find(*key);
                   const RuleInfo *info = rule ? &rule->info : find_meta_rule(*key);
                   if (!info) {
                     std::cerr << "clause: error: " << unknown_rule(set, *key) << "\n";
                     return static_cast<int>(kUsage);
                   }
                   std::string page = info->help_markdown;
                   if (page.empty()) {
                     page = "# " + info->id + " " + info->name + "\n\n" + info->title + "\n\n" +
                            info->rationale + "\n\nFix: " + info->remediation + "\n";
                   }
                   if (rule) page += metadata_section(*info);
                   // Raw markdown for pipes and files; readable text on a terminal.
                   if (isatty(STDOUT_FILENO) == 1) {
                     std::cout << render_markdown_for_terminal(page, want_color(STDOUT_FILENO));
                   } else {
                     std::cout << page;
                   }
                   return static_cast<int>(kOk);
                 }};
}

std::vector<std::string> command_names(const CLI::App &app) {
  std::vector<std::string> names;
  for (const CLI::App *sub : app.get_subcommands([](const CLI::App *) { return true; }))
    names.push_back(sub->get_name());
  return names;
}

std::string version_line() { return std::string("clause ") + CLAUSE_VERSION + " (" + CLAUSE_REVISION + ")"; }

Command add_version_command(CLI::App &app) {
  auto format = std::make_shared<std::string>("text");
  CLI::App *cmd = app.add_subcommand("version", "Print the version and source revision");
  cmd->add_option("-f,--format", *format, "text or json")->check(CLI::IsMember({"text", "json"}));
  return Command{cmd, [format] {
                   if (*format == "json") {
                     nlohmann::ordered_json j;
                     j["name"] = "clause";
                     j["version"] = CLAUSE_VERSION;
                     j["revision"] = CLAUSE_REVISION;
                     std::cout << j.dump(2) << "\n";
                   } else {
                     std::cout << version_line() << "\n";
                   }
                   return static_cast<int>(kOk);
                 }};
}

Command add_help_command(CLI::App &app) {
  auto topic = std::make_shared<std::string>();
  CLI::App *cmd = app.add_subcommand("help", "Print the help of clause or of one command");
  cmd->add_option("command", *topic, "The command to describe");
  return Command{cmd, [&app, topic] {
                   if (topic->empty()) {
                     // app.help() would describe the command selected: `help` itself.
                     std::cout << app.get_formatter()->make_help(&app, app.get_name(),
                                                                 CLI::AppFormatMode::Normal);
                     return static_cast<int>(kOk);
                   }
                   for (const CLI::App *sub : app.get_subcommands([](const CLI::App *) { return true; })) {
                     if (sub->get_name() == *topic) {
                       std::cout << sub->help(app.get_name());
                       return static_cast<int>(kOk);
                     }
                   }
                   std::cerr << "clause: error: help: unknown command '" << *topic << "'"
                             << did_you_mean(*topic, command_names(app)) << "\n";
                   return static_cast<int>(kUsage);
                 }};
}

}  // namespace clause::cli
