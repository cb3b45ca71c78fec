// The references graph of one root module whose N buckets all share a name,
// beside N split resources that name it too (issue 23: these were N² links,
// 23 GB at 20,000). Links and time per resource must stay flat as N doubles.
#include <benchmark/benchmark.h>

#include <memory>
#include <string>
#include <vector>

#include "checker/terraform/module_eval.h"
#include "checker/terraform/references.h"
#include "parsers/hcl/hcl_parser.h"

namespace clause::bench {
namespace {

void BM_ReferencesSameName(benchmark::State &state) {
  const size_t n = static_cast<size_t>(state.range(0));
  auto doc = std::make_unique<Document>();
  doc->kind = DocKind::Terraform;
  doc->path = "main.tf";
  for (size_t i = 0; i < n; ++i) {
    const std::string id = std::to_string(i);
    doc->source += "resource \"aws_s3_bucket\" \"b" + id + "\" {\n  bucket = \"x\"\n}\n";
    doc->source += "resource \"aws_s3_bucket_versioning\" \"v" + id + "\" {\n  bucket = \"x\"\n}\n";
  }
  parse_hcl(*doc, ParseOptions{});
  std::vector<DocumentPtr> docs;
  docs.push_back(std::move(doc));
  const tf::TerraformEvaluation ev = tf::evaluate_terraform(docs, {});
  size_t links = 0;
  for (auto _ : state) {
    ResourceReferences refs = tf::build_references(ev.resources, ev.instance, 1);
    links = refs.links.size();
    benchmark::DoNotOptimize(refs);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * ev.resources.size()));
  state.counters["links"] = static_cast<double>(links);
}

BENCHMARK(BM_ReferencesSameName)->Arg(10000)->Arg(20000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace clause::bench
