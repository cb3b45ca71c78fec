#pragma once
// Loads declarative rules from YAML text (built-in packs embedded in the
// binary and user packs from --rules DIR go through the same code).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "checker/engine/rule.h"
#include "checker/model/document.h"
#include "parsers/parse_options.h"

namespace clause {

// Whose rule ids a pack holds: clause's own (CL-<scenario><sequence>,
// e.g. CL-0904) or a user's (any PREFIX-NAME outside CL-, e.g. ACME-001:
// [A-Z][A-Z0-9]*-[A-Za-z0-9.-]+), so that a release adding a built-in rule
// never takes a number a user pack already uses.
enum class RuleIds : uint8_t { BuiltIn, User };

// Parses one rule file (one or more YAML documents, each a rule). Throws
// RulePackError naming `origin`:line:col on any problem.
std::vector<Rule> load_rules_from_text(std::string_view text, const std::string &origin,
                                       RuleIds ids = RuleIds::BuiltIn);

// The two halves of load_rules_from_text, for callers that keep parsed
// packs (the built-in rules' models are encoded at build time): parsing with the
// options rule packs are read with, and loading a parsed pack (its path is
// the origin; its parse diagnostics are load errors).
DocumentPtr parse_rule_pack(std::string_view text, const std::string &origin);
// When a pack's checks and regular expressions are compiled: at load, so
// that a bad check or pattern is an error naming its line (the default:
// packs users write), or on first use (the built-in packs, whose checks and
// patterns the tests compile). On first use, the rules read the document
// when they are first judged: it must outlive them (the built-in packs'
// documents live as long as the process).
enum class RegexCompile : uint8_t { AtLoad, OnFirstUse };
std::vector<Rule> load_rules_from_document(const Document &doc, RegexCompile regex = RegexCompile::AtLoad,
                                           RuleIds ids = RuleIds::BuiltIn);

// Every *.yaml / *.yml file below `dir`, sorted by path: a user's pack.
std::vector<Rule> load_rules_from_directory(const std::string &dir);

// Re-reads every `value: {param: NAME}` of the rule's checks from
// `rule.parameters`, after configuration has changed a parameter. Throws
// RulePackError when a new value does not suit its op (e.g. a duration op
// given "soon").
void rebind_rule_parameters(Rule &rule);

}  // namespace clause
