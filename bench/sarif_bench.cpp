// SARIF writing for a report of many findings (every built-in rule's
// metadata, help text included, plus the results).
#include <benchmark/benchmark.h>

#include <sstream>

#include "checker/engine/rule_set.h"
#include "checker/model/finding_identity.h"
#include "sarif/sarif_writer.h"

namespace clause::bench {
namespace {

Report synthetic_report(size_t findings) {
  Report report;
  report.rules = RuleSet::builtin().infos();
  RootReport root;
  root.name = ".";
  root.abs_path = "/src/repo";
  for (size_t i = 0; i < findings; ++i) {
    const RuleInfo &rule = report.rules[i % report.rules.size()];
    Finding f;
    f.rule_id = rule.id;
    f.severity = rule.severity;
    f.resource = "aws_s3_bucket.data_" + std::to_string(i);
    f.location = Location{"modules/m" + std::to_string(i / 20) + "/main.tf",
                          Span{uint32_t(10 + i % 300), 3, uint32_t(10 + i % 300), 40, 0, 0}};
    f.message = f.resource + " keeps backups for 3 days; keep at least 7";
    f.snippet = "  backup_retention_period = 3";
    f.fingerprint = finding_fingerprint(f.rule_id, f.resource, f.snippet);
    if (i % 10 == 0)
      f.related.push_back(
          RelatedLocation{Location{"agreement.yaml", Span{4, 1, 4, 20, 0, 0}}, "promised here"});
    root.findings.push_back(std::move(f));
  }
  report.roots.push_back(std::move(root));
  return report;
}

void BM_WriteSarif(benchmark::State &state) {
  Report report = synthetic_report(static_cast<size_t>(state.range(0)));
  size_t bytes = 0;
  for (auto _ : state) {
    std::ostringstream out;
    write_sarif(report, out);
    bytes = out.tellp();
    benchmark::DoNotOptimize(out);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * state.range(0)));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
}

BENCHMARK(BM_WriteSarif)->Arg(100)->Arg(10000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace clause::bench
