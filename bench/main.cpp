// The micro-benchmark driver (`build/bench/clause_bench`, run by
// `make bench`): Google Benchmark's own flags apply, e.g.
// --benchmark_filter=Parse.
#include <benchmark/benchmark.h>

#include "bench/rules_bench.h"

int main(int argc, char **argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  clause::bench::register_rule_benchmarks();
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
