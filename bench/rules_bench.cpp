// Rule evaluation per family on one parsed repository: all declarative
// rules, all native (C++) rules, and everything. Parsing is done once,
// outside the timing: these figures are what the rules add to a scan.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "bench/inputs.h"
#include "bench/rules_bench.h"
#include "checker/engine/evaluator.h"
#include "checker/engine/rule_set.h"
#include "checker/project/loader.h"

namespace clause::bench {
namespace {

namespace fs = std::filesystem;

struct Fixture {
  RuleSet rules = RuleSet::builtin();
  Project project;
  size_t resources = 0;

  Fixture() {
    fs::path dir = fs::temp_directory_path() / ("clause-bench-rules-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    write_repository(dir.string(), 200);
    fs::copy_file(fs::path(CLAUSE_SOURCE_DIR) / "fixtures/agreements/complete.yaml", dir / "agreement.yaml");
    project = load_project(discover(dir.string(), DiscoveryOptions{}), LoadOptions{1, {}});
    resources = project.resources.size();
    // Documents are in memory: the directory is no longer needed.
    fs::remove_all(dir);
  }
};

const Fixture &fixture() {
  static const Fixture f;
  return f;
}

void run_rules(benchmark::State &state, bool want_declarative, bool want_native) {
  const Fixture &f = fixture();
  RuleSet rules = f.rules;
  rules.filter([&](const Rule &r) { return r.native ? want_native : want_declarative; });
  if (rules.rules().empty()) {
    state.SkipWithError("no rule of this family in this build");
    return;
  }
  size_t findings = 0;
  for (auto _ : state) {
    Evaluation ev = evaluate_rules(rules, f.project, EvaluationOptions{});
    findings = ev.findings.size();
    benchmark::DoNotOptimize(ev);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * f.resources));
  state.counters["rules"] = static_cast<double>(rules.rules().size());
  state.counters["resources"] = static_cast<double>(f.resources);
  state.counters["findings"] = static_cast<double>(findings);
}

void BM_RulesDeclarative(benchmark::State &state) { run_rules(state, true, false); }
void BM_RulesNative(benchmark::State &state) { run_rules(state, false, true); }
void BM_RulesAll(benchmark::State &state) { run_rules(state, true, true); }

// One Terraform file of N buckets, every rule: resources/s must stay flat as
// N grows (a snippet found by counting lines from the top of its file, and
// open references read one by one per query, each made this quadratic).
void BM_RulesOneLargeFile(benchmark::State &state) {
  const size_t n = static_cast<size_t>(state.range(0));
  fs::path dir = fs::temp_directory_path() / ("clause-bench-large-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::string text;
  for (size_t i = 0; i < n; ++i)
    text += "resource \"aws_s3_bucket\" \"b" + std::to_string(i) + "\" {\n  bucket = \"b" +
            std::to_string(i) + "\"\n  tags   = var.tags\n}\n";
  std::ofstream(dir / "main.tf") << text;
  const Project project = load_project(discover(dir.string(), DiscoveryOptions{}), LoadOptions{1, {}});
  fs::remove_all(dir);
  const RuleSet &rules = fixture().rules;
  size_t findings = 0;
  for (auto _ : state) {
    Evaluation ev = evaluate_rules(rules, project, EvaluationOptions{});
    findings = ev.findings.size();
    benchmark::DoNotOptimize(ev);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * project.resources.size()));
  state.counters["findings"] = static_cast<double>(findings);
}

void BM_LoadBuiltinRules(benchmark::State &state) {
  size_t n = 0;
  for (auto _ : state) {
    RuleSet rules = RuleSet::builtin();
    n = rules.rules().size();
    benchmark::DoNotOptimize(rules);
  }
  state.counters["rules"] = static_cast<double>(n);
}

}  // namespace

void register_rule_benchmarks() {
  benchmark::RegisterBenchmark("BM_LoadBuiltinRules", BM_LoadBuiltinRules)->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("BM_RulesDeclarative", BM_RulesDeclarative)->Unit(benchmark::kMicrosecond);
  benchmark::RegisterBenchmark("BM_RulesNative", BM_RulesNative)->Unit(benchmark::kMicrosecond);
  benchmark::RegisterBenchmark("BM_RulesAll", BM_RulesAll)->Unit(benchmark::kMicrosecond);
  benchmark::RegisterBenchmark("BM_RulesOneLargeFile", BM_RulesOneLargeFile)
      ->Arg(1000)
      ->Arg(4000)
      ->Unit(benchmark::kMillisecond);
}

}  // namespace clause::bench
