// `clause scan --parse-only` (the benchmarks' parse row) counts what the
// loader builds and drops each model at once; its counts must be those of
// the loader that keeps every model.
#include <gtest/gtest.h>
#include <string>

#include "checker/discovery/discover.h"
#include "checker/project/loader.h"
#include "checker/scan/scanner.h"
#include "tests/unit/cli_run.h"

namespace clause {
namespace {

TEST(ParseOnly, CountsWhatTheLoaderBuildsWithoutKeepingIt) {
  testing::TempTree tree;
  tree.write("main.tf", "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"x\"\n}\n");
  tree.write("broken.tf", "resource \"aws_s3_bucket\" \"c\" {\n  bucket = \n");
  tree.write("k8s/deploy.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n");
  tree.write("notes.yaml", "just: a map\n");
  tree.write("blob.tf", std::string("\0\0\0binary", 9));

  ScanOptions opts;
  opts.roots = {tree.path()};
  opts.jobs = 2;
  const ParseOnlySummary sum = parse_only(opts);

  // The same files through the loader that keeps every document.
  const Discovery discovery = discover(tree.path(), opts.discovery);
  std::vector<FileDiagnostic> read_diagnostics;
  LoadOptions load;
  const std::vector<DocumentPtr> docs = parse_files(discovery, load, read_diagnostics);
  size_t documents = 0, diagnostics = read_diagnostics.size();
  uint64_t bytes = 0;
  for (const auto &d : docs) {
    if (!d) continue;
    diagnostics += d->diagnostics.size();
    if (d->kind != DocKind::Unknown) ++documents;
  }
  for (const auto &f : discovery.files) bytes += f.size;

  EXPECT_EQ(sum.files, 5u);
  EXPECT_EQ(sum.files, discovery.files.size());
  EXPECT_EQ(sum.bytes, bytes);
  // main.tf, broken.tf and the Deployment; notes.yaml is none of ours and
  // blob.tf is not read (binary).
  EXPECT_EQ(sum.documents, 3u);
  EXPECT_EQ(sum.documents, documents);
  EXPECT_GE(sum.diagnostics, 2u);  // the binary file and broken.tf's syntax error
  EXPECT_EQ(sum.diagnostics, diagnostics);
}

}  // namespace
}  // namespace clause
