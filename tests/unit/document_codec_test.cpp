// The cache's Document codec: exact round trips of every parser's output,
// and rejection of truncated or damaged encodings without crashing.
#include "checker/cache/document_codec.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "checker/discovery/discover.h"
#include "checker/model/expr.h"
#include "checker/project/loader.h"
#include "tests/unit/model_equal.h"

namespace clause {
namespace {

namespace fs = std::filesystem;

DocumentPtr parse(const std::string &name, std::string source) {
  SourceFile f;
  f.rel_path = name;
  f.abs_path = "/" + name;
  syntax_for_name(name, f.syntax, f.kind_hint);
  return parse_document(f, std::move(source), ParseOptions{});
}

void expect_round_trip(const Document &doc, const std::string &what) {
  std::string bytes = encode_document(doc);
  Document back;
  ASSERT_TRUE(decode_document(bytes, back)) << what;
  EXPECT_EQ(testing::document_difference(doc, back), "") << what;
  EXPECT_EQ(encode_document(back), bytes) << what;
}

const char *kTerraform = R"(# clause:ignore CL-0901 -- reason
variable "days" { default = 7 }
locals {
  name = "${var.prefix}-logs"
  tags = merge(var.tags, { service = "ledger" })
}
resource "aws_db_instance" "main" {
  count                   = var.enabled ? 1 : 0
  backup_retention_period = -var.days * 2
  ids                     = aws_subnet.private[*].id
  zones                   = [for z in var.zones : upper(z)]
  policy                  = <<-EOT
    %{ if var.strict }deny%{ else }allow%{ endif }
  EOT
  ratio = 0.1
  dynamic "ingress" {
    for_each = var.ports
    content { from_port = ingress.value }
  }
  args = concat(var.a, var.b...)
  nothing = null
}
)";

TEST(DocumentCodec, RoundTripsTerraformWithExpressions) {
  DocumentPtr doc = parse("main.tf", kTerraform);
  ASSERT_EQ(doc->blocks.size(), 3u);
  ASSERT_FALSE(doc->comments.empty());
  const Node *count = doc->blocks[2].body.get("count");
  ASSERT_TRUE(count && count->expr);
  EXPECT_EQ(count->expr->op, Expr::Op::Conditional);
  expect_round_trip(*doc, "main.tf");
}

TEST(DocumentCodec, RoundTripsYamlStreamsJsonAndDiagnostics) {
  expect_round_trip(*parse("k8s.yaml",
                           "apiVersion: v1\nkind: Pod\nmetadata: {name: a}\n---\n"
                           "apiVersion: v1\nkind: Service # trailing\nmetadata:\n  name: &n b\n"
                           "spec: {selector: {app: *n}, ports: [80, 443.5, true, ~]}\n"),
                    "k8s.yaml");
  expect_round_trip(*parse("t.json", R"({"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"B": {
    "Type": "AWS::S3::Bucket", "Properties": {"N": 1e300, "M": -0.0, "S": "\u00e9"}}}})"),
                    "t.json");
  DocumentPtr broken = parse("bad.tf", "resource \"x\" \"y\" {\n  a = \n}\n");
  ASSERT_FALSE(broken->diagnostics.empty());
  expect_round_trip(*broken, "bad.tf");
}

TEST(DocumentCodec, RoundTripsEveryFixture) {
  int files = 0;
  for (const auto &e : fs::recursive_directory_iterator(fs::path(CLAUSE_SOURCE_DIR) / "fixtures")) {
    SourceFile f;
    if (!e.is_regular_file() || !syntax_for_name(e.path().filename().string(), f.syntax, f.kind_hint))
      continue;
    std::ifstream in(e.path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    f.rel_path = e.path().filename().string();
    expect_round_trip(*parse_document(f, ss.str(), ParseOptions{}), e.path().string());
    ++files;
  }
  EXPECT_GT(files, 10);
}

// Run with CLAUSE_CORPUS=/path/to/corpus to check every file of a corpus.
TEST(DocumentCodec, RoundTripsTheCorpusWhenGiven) {
  // The shared corpus beside the checkout, or $CLAUSE_CORPUS.
  const char *env = std::getenv("CLAUSE_CORPUS");
  const std::string corpus = env ? env : std::string(CLAUSE_SOURCE_DIR) + "/../shared/corpus";
  if (!std::filesystem::is_directory(corpus))
    GTEST_SKIP() << "skipped: no corpus at " << corpus << " (set CLAUSE_CORPUS)";
  Discovery d = discover(corpus, DiscoveryOptions{});
  for (const auto &f : d.files) {
    std::ifstream in(f.abs_path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    expect_round_trip(*parse_document(f, ss.str(), ParseOptions{}), f.rel_path);
  }
}

TEST(DocumentCodec, RejectsEveryTruncation) {
  std::string bytes = encode_document(*parse("main.tf", kTerraform));
  for (size_t n = 0; n < bytes.size(); ++n) {
    Document doc;
    EXPECT_FALSE(decode_document(std::string_view(bytes).substr(0, n), doc)) << "length " << n;
  }
  Document doc;
  EXPECT_FALSE(decode_document(bytes + '\0', doc)) << "trailing byte";
}

// Damaged bytes either fail to decode or decode to some model: never a
// crash, a hang or a huge allocation (run under the sanitizers in CI).
TEST(DocumentCodec, SurvivesDamagedBytes) {
  std::string bytes = encode_document(*parse("main.tf", kTerraform));
  unsigned seed = 12345;
  for (int round = 0; round < 2000; ++round) {
    std::string damaged = bytes;
    for (int k = 0; k < 1 + round % 4; ++k) {
      seed = seed * 1103515245u + 12345u;
      damaged[(seed >> 8) % damaged.size()] = static_cast<char>(seed >> 24);
    }
    Document doc;
    (void)decode_document(damaged, doc);
  }
  Document doc;
  EXPECT_FALSE(decode_document(std::string("\x00\xff\xff\xff\xff\xff\xff\xff\xff\x0f", 10), doc));
}

}  // namespace
}  // namespace clause
