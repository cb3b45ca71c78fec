#pragma once
// Rule benchmarks are registered at run time, from main(): native checks
// register themselves in static initialisers, so the rule set may only be
// loaded once those have run.
namespace clause::bench {

void register_rule_benchmarks();

}  // namespace clause::bench
