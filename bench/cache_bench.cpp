// The model cache's costs: hashing file bytes, encoding and decoding a
// parsed Document (what a warm scan pays instead of a parse).
#include <benchmark/benchmark.h>

#include "bench/inputs.h"
#include "checker/cache/document_codec.h"
#include "checker/cache/hash.h"
#include "checker/project/loader.h"

namespace clause::bench {
namespace {

DocumentPtr parsed_terraform(size_t resources) {
  SourceFile file;
  file.rel_path = "main.tf";
  syntax_for_name(file.rel_path, file.syntax, file.kind_hint);
  return parse_document(file, terraform_file(resources), ParseOptions{});
}

void BM_Hash64(benchmark::State &state) {
  std::string text = terraform_file(static_cast<size_t>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(hash64(text));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}

void BM_EncodeDocument(benchmark::State &state) {
  DocumentPtr doc = parsed_terraform(static_cast<size_t>(state.range(0)));
  size_t size = 0;
  for (auto _ : state) {
    std::string bytes = encode_document(*doc);
    size = bytes.size();
    benchmark::DoNotOptimize(bytes);
  }
  // Throughput in source bytes, comparable with the parse benchmarks.
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * doc->source.size()));
  state.counters["entry_bytes"] = static_cast<double>(size);
  state.counters["source_bytes"] = static_cast<double>(doc->source.size());
}

void BM_DecodeDocument(benchmark::State &state) {
  DocumentPtr doc = parsed_terraform(static_cast<size_t>(state.range(0)));
  std::string bytes = encode_document(*doc);
  for (auto _ : state) {
    Document back;
    if (!decode_document(bytes, back)) state.SkipWithError("decode failed");
    benchmark::DoNotOptimize(back);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * doc->source.size()));
}

BENCHMARK(BM_Hash64)->Arg(1)->Arg(200);
BENCHMARK(BM_EncodeDocument)->Arg(200);
BENCHMARK(BM_DecodeDocument)->Arg(200);

}  // namespace
}  // namespace clause::bench
