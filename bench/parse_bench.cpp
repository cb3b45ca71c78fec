// Parser throughput per format on generated inputs (bytes/s is the figure
// to compare with DESIGN §9's measurements of the libraries underneath).
#include <benchmark/benchmark.h>

#include "bench/inputs.h"
#include "checker/project/loader.h"

namespace clause::bench {
namespace {

void run_parse(benchmark::State &state, const std::string &name, const std::string &text) {
  SourceFile file;
  file.rel_path = name;
  syntax_for_name(name, file.syntax, file.kind_hint);
  size_t nodes = 0;
  for (auto _ : state) {
    DocumentPtr doc = parse_document(file, text, ParseOptions{});
    nodes = doc->blocks.size() + doc->roots.size();
    benchmark::DoNotOptimize(doc);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
  state.counters["top_level"] = static_cast<double>(nodes);
}

void BM_ParseHcl(benchmark::State &state) {
  run_parse(state, "main.tf", terraform_file(static_cast<size_t>(state.range(0))));
}
// A body of N comment lines: bytes/s must stay flat as N grows (reading a
// node's children by index made this quadratic: 50,000 lines took 50 s).
void BM_ParseHclComments(benchmark::State &state) {
  std::string text;
  for (int64_t i = 0; i < state.range(0); ++i) text += "# comment " + std::to_string(i) + "\n";
  run_parse(state, "main.tf", text);
}
void BM_ParseYamlCloudFormation(benchmark::State &state) {
  run_parse(state, "stack.yaml", cloudformation_yaml(static_cast<size_t>(state.range(0))));
}
void BM_ParseYamlKubernetes(benchmark::State &state) {
  run_parse(state, "app.yaml", kubernetes_yaml(static_cast<size_t>(state.range(0))));
}
void BM_ParseJsonCloudFormation(benchmark::State &state) {
  run_parse(state, "stack.json", cloudformation_json(static_cast<size_t>(state.range(0))));
}

BENCHMARK(BM_ParseHcl)->Arg(10)->Arg(200);
BENCHMARK(BM_ParseHclComments)->Arg(1000)->Arg(20000);
BENCHMARK(BM_ParseYamlCloudFormation)->Arg(10)->Arg(200);
BENCHMARK(BM_ParseYamlKubernetes)->Arg(10)->Arg(200);
BENCHMARK(BM_ParseJsonCloudFormation)->Arg(10)->Arg(200);

}  // namespace
}  // namespace clause::bench
