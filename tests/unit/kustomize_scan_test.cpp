// Kustomize and Helm in a scan (fixtures/kustomize/): a base with two
// overlays is judged through each overlay, findings stand where the value
// was written (the patch, or the base), a patch file is never judged on its
// own, and a Helm chart's templates give no finding.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "checker/engine/rule_set.h"
#include "checker/scan/scanner.h"

namespace clause {
namespace {

namespace fs = std::filesystem;
const fs::path kFixtures = fs::path(CLAUSE_SOURCE_DIR) / "fixtures" / "kustomize";

RootReport scan(const fs::path &root, std::set<std::string> ids, bool strict = false,
                std::string only_file = "") {
  RuleSet rules = RuleSet::builtin();
  rules.filter([&](const Rule &r) { return ids.count(r.info.id) > 0; });
  ScanOptions opts;
  opts.roots = {root.string()};
  opts.strict = strict;
  if (!only_file.empty())
    opts.reported = [only_file](const std::string &, const std::string &rel, bool) {
      return rel == only_file;
    };
  return run_scan(rules, opts).roots.at(0);
}

std::string related_paths(const Finding &f) {
  std::string out;
  for (const auto &r : f.related)
    out += r.location.path + ":" + std::to_string(r.location.span.start_line) + " ";
  return out;
}

TEST(KustomizeScan, JudgesEachOverlayWhereTheValueWasWritten) {
  RootReport root = scan(kFixtures / "overlays", {"CL-1101", "CL-0906"});
  ASSERT_EQ(root.findings.size(), 2u);
  // The base's replicas: 1 reaches production only through `no-limits`;
  // `scaled` patches it to 3.
  const Finding &single = root.findings[0];
  EXPECT_EQ(single.rule_id, "CL-0906");
  EXPECT_EQ(single.location.path, "base/deployment.yaml");
  EXPECT_EQ(single.location.span.start_line, 8u);
  EXPECT_EQ(
      single.message,
      "Deployment/default/dev-web runs a single replica; any restart, node failure or rollout interrupts it");
  EXPECT_EQ(related_paths(single), "overlays/no-limits/kustomization.yaml:1 ");
  EXPECT_EQ(single.related.at(0).message, "rendered and deployed by this kustomization");
  // The patch that drops the resources is where the gap was written.
  const Finding &sized = root.findings[1];
  EXPECT_EQ(sized.rule_id, "CL-1101");
  EXPECT_EQ(sized.location.path, "overlays/no-limits/drop-resources.yaml");
  EXPECT_EQ(sized.location.span.start_line, 10u);
  EXPECT_EQ(sized.location.span.start_col, 11u);
  EXPECT_EQ(sized.snippet, "          resources: null");
  EXPECT_EQ(sized.message,
            "A container of Deployment/default/dev-web has no resources.requests.cpu; the scheduler reserves "
            "only what "
            "a container requests, and only a memory limit keeps it from taking memory its neighbours need");
  EXPECT_EQ(related_paths(sized), "overlays/no-limits/kustomization.yaml:1 ");
  EXPECT_TRUE(root.diagnostics.empty());
}

TEST(KustomizeScan, ReportsABaseLineOnceWithEveryOverlayThatDeploysIt) {
  RootReport root = scan(kFixtures / "two-overlays", {"CL-0906"});
  ASSERT_EQ(root.findings.size(), 1u);
  const Finding &f = root.findings[0];
  EXPECT_EQ(f.location.path, "base/deployment.yaml");
  EXPECT_EQ(f.location.span.start_line, 6u);
  EXPECT_EQ(
      f.message,
      "Deployment/default/staging-web runs a single replica; any restart, node failure or rollout interrupts "
      "it");
  EXPECT_EQ(related_paths(f), "staging/kustomization.yaml:1 prod/kustomization.yaml:1 ");
}

TEST(KustomizeScan, StrictNotesWhatIsNotRendered) {
  RootReport root = scan(kFixtures / "overlays", {"CL-0906"}, true);
  ASSERT_EQ(root.diagnostics.size(), 1u);
  const FileDiagnostic &note = root.diagnostics[0];
  EXPECT_EQ(note.path, "overlays/scaled/kustomization.yaml");
  EXPECT_EQ(note.diagnostic.level, DiagLevel::Note);
  EXPECT_EQ(note.diagnostic.code, "kustomize-not-rendered");
  EXPECT_EQ(note.diagnostic.span.start_line, 11u);
  EXPECT_EQ(
      note.diagnostic.message,
      "`configMapGenerator` is not rendered by clause: the objects it generates or changes are not judged");
}

TEST(KustomizeScan, AFilteredScanOfAPatchReportsWhatThePatchCauses) {
  // A pre-commit run on the patch alone: the finding stands in it, though
  // the object it belongs to is declared in the base.
  RootReport root =
      scan(kFixtures / "overlays", {"CL-1101", "CL-0906"}, false, "overlays/no-limits/drop-resources.yaml");
  ASSERT_EQ(root.findings.size(), 1u);
  EXPECT_EQ(root.findings[0].rule_id, "CL-1101");
  EXPECT_EQ(root.findings[0].location.path, "overlays/no-limits/drop-resources.yaml");
  EXPECT_EQ(root.findings[0].location.span.start_line, 10u);
}

TEST(KustomizeScan, HelmChartTemplatesAreNotJudged) {
  RootReport root = scan(kFixtures / "helm", {"CL-1101"});
  ASSERT_EQ(root.findings.size(), 1u);
  EXPECT_EQ(root.findings[0].location.path, "plain/deployment.yaml");
  EXPECT_EQ(root.findings[0].location.span.start_line, 10u);  // the container without resources
  ASSERT_EQ(root.diagnostics.size(), 1u);
  const FileDiagnostic &note = root.diagnostics[0];
  EXPECT_EQ(note.path, "chart/Chart.yaml");
  EXPECT_EQ(note.diagnostic.level, DiagLevel::Note);
  EXPECT_EQ(note.diagnostic.code, "helm-chart");
  EXPECT_EQ(note.diagnostic.span.start_line, 2u);
  EXPECT_EQ(
      note.diagnostic.message,
      "Helm chart 'shop' is not rendered: its templates are not judged (render it with `helm template` and "
      "scan the output to judge them)");
}

}  // namespace
}  // namespace clause
