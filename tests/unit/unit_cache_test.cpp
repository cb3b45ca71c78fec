// The cache's unit level (checker/cache/unit_cache.h): its codec keeps
// every field of a finding and the tallies, refuses what it did not write,
// and a root's file (or an entry in it) that is damaged or foreign is
// rejected (and rewritten by the next store).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "checker/cache/entry_file.h"
#include "checker/cache/unit_cache.h"
#include "checker/cache/unit_findings_codec.h"
#include "tests/unit/cli_run.h"

namespace clause {
namespace {

namespace fs = std::filesystem;

Finding full_finding() {
  Finding f;
  f.rule_id = "CL-0901";
  f.severity = Severity::Critical;
  f.location = Location{"infra/db.tf", Span{3, 5, 4, 9, 40, 77}};
  f.message = "aws_db_instance.a is not backed up (backup_retention_period is 3)";
  f.resource = "aws_db_instance.a";
  f.snippet = "  backup_retention_period = 3";
  f.fingerprint = "0123456789abcdef";
  f.related = {
      RelatedLocation{Location{"main.tf", Span{1, 1, 1, 20, 0, 19}}, "instantiated through this module call"},
      RelatedLocation{Location{"", Span{}}, ""}};
  f.suppression =
      Suppression{"external", "accepted until June", Location{".clause.yaml", Span{7, 3, 7, 30, 90, 117}}};
  f.unit = "infra";
  f.undecided = true;
  return f;
}

UnitFindings sample() {
  UnitFindings u;
  u.findings.push_back(full_finding());
  Finding plain;
  plain.rule_id = "CL-0904";
  plain.location.path = "b/main.tf";
  u.findings.push_back(plain);
  u.undecided.push_back(full_finding());
  u.findings_per_resource = {1, 1, 0};
  u.undecided_per_resource = {0, 1, 0};
  u.tallies["CL-0901"] = RuleTally{4, 1, 2, 1};
  u.tallies["CL-0904"] = RuleTally{1ull << 40, 0, 1ull << 40, 0};
  return u;
}

void expect_same(const Finding &a, const Finding &b) {
  EXPECT_EQ(a.rule_id, b.rule_id);
  EXPECT_EQ(a.severity, b.severity);
  EXPECT_EQ(a.location, b.location);
  EXPECT_EQ(a.message, b.message);
  EXPECT_EQ(a.resource, b.resource);
  EXPECT_EQ(a.snippet, b.snippet);
  EXPECT_EQ(a.fingerprint, b.fingerprint);
  ASSERT_EQ(a.related.size(), b.related.size());
  for (size_t i = 0; i < a.related.size(); ++i) {
    EXPECT_EQ(a.related[i].location, b.related[i].location);
    EXPECT_EQ(a.related[i].message, b.related[i].message);
  }
  ASSERT_EQ(a.suppression.has_value(), b.suppression.has_value());
  if (a.suppression) {
    EXPECT_EQ(a.suppression->kind, b.suppression->kind);
    EXPECT_EQ(a.suppression->justification, b.suppression->justification);
    EXPECT_EQ(a.suppression->location, b.suppression->location);
  }
  EXPECT_EQ(a.unit, b.unit);
  EXPECT_EQ(a.undecided, b.undecided);
}

void expect_same(const UnitFindings &a, const UnitFindings &b) {
  ASSERT_EQ(a.findings.size(), b.findings.size());
  for (size_t i = 0; i < a.findings.size(); ++i) expect_same(a.findings[i], b.findings[i]);
  ASSERT_EQ(a.undecided.size(), b.undecided.size());
  for (size_t i = 0; i < a.undecided.size(); ++i) expect_same(a.undecided[i], b.undecided[i]);
  EXPECT_EQ(a.findings_per_resource, b.findings_per_resource);
  EXPECT_EQ(a.undecided_per_resource, b.undecided_per_resource);
  ASSERT_EQ(a.tallies.size(), b.tallies.size());
  for (const auto &[id, t] : a.tallies) {
    ASSERT_TRUE(b.tallies.count(id)) << id;
    const RuleTally &u = b.tallies.at(id);
    EXPECT_EQ(std::tie(t.targets, t.passed, t.failed, t.unknown),
              std::tie(u.targets, u.passed, u.failed, u.unknown))
        << id;
  }
}

TEST(UnitFindingsCodec, EveryFieldRoundTrips) {
  const UnitFindings in = sample();
  UnitFindings out;
  ASSERT_TRUE(decode_unit_findings(encode_unit_findings(in), out));
  expect_same(in, out);
  UnitFindings empty;
  ASSERT_TRUE(decode_unit_findings(encode_unit_findings(UnitFindings{}), empty));
  EXPECT_TRUE(empty.findings.empty() && empty.undecided.empty() && empty.tallies.empty());
}

TEST(UnitFindingsCodec, RefusesEveryTruncationAndTrailingBytes) {
  const std::string bytes = encode_unit_findings(sample());
  for (size_t n = 0; n < bytes.size(); ++n) {
    UnitFindings out;
    EXPECT_FALSE(decode_unit_findings(std::string_view(bytes).substr(0, n), out)) << n;
  }
  UnitFindings out;
  EXPECT_FALSE(decode_unit_findings(bytes + '\0', out));
}

TEST(UnitFindingsCodec, RefusesASeverityOrFlagsItNeverWrites) {
  UnitFindings one;
  Finding f;
  f.rule_id = "R";
  one.findings.push_back(f);
  one.findings_per_resource = {1};
  one.undecided_per_resource = {0};
  const std::string bytes = encode_unit_findings(one);
  UnitFindings out;
  ASSERT_TRUE(decode_unit_findings(bytes, out));
  // The count, the rule id (length and byte), then the severity.
  ASSERT_EQ(bytes[3], static_cast<char>(Severity::Medium));
  std::string bad = bytes;
  bad[3] = 5;
  EXPECT_FALSE(decode_unit_findings(bad, out));
  // Then the path, six span numbers, five empty texts, no related
  // locations, and the flags.
  ASSERT_EQ(bytes[17], 0);
  bad = bytes;
  bad[17] = 4;
  EXPECT_FALSE(decode_unit_findings(bad, out));
}

TEST(UnitFindingsCodec, RefusesCountsPerResourceThatDoNotAddUp) {
  UnitFindings unit = sample();
  unit.findings_per_resource = {1, 0, 0};
  UnitFindings out;
  EXPECT_FALSE(decode_unit_findings(encode_unit_findings(unit), out));
  unit = sample();
  unit.undecided_per_resource = {0, 0, 2};
  EXPECT_FALSE(decode_unit_findings(encode_unit_findings(unit), out));
}

TEST(UnitCacheTest, OneFilePerRootDamagedFilesAreRejectedAndRebuilt) {
  testing::TempTree t;
  const std::string dir = t.path() + "/cache";
  UnitCache cache(dir);
  const std::string root_abs = "/repo";
  const uint64_t run = 7;
  const UnitKey key{0x1234567890abcdefull, 42}, other{5, 6};
  const std::string payload = encode_unit_findings(sample());
  // Nothing yet: a miss, not a rejection.
  EXPECT_FALSE(cache.load(cache.read_root(root_abs, run), key));
  cache.store_root(root_abs, run, {{key, payload}, {other, "x"}});
  const std::string path = cache.root_path(root_abs, run);
  ASSERT_TRUE(fs::exists(path));
  EXPECT_EQ(path, dir + "/units/" + hex16(root_units_key(root_abs, run).id));
  // Another root, or another run of the same root, has its own file.
  EXPECT_NE(cache.root_path("/repo2", run), path);
  EXPECT_NE(cache.root_path(root_abs, run + 1), path);
  RootUnits root = cache.read_root(root_abs, run);
  EXPECT_FALSE(root.damaged);
  ASSERT_EQ(root.entries.size(), 2u);
  std::optional<UnitFindings> back = cache.load(root, key);
  ASSERT_TRUE(back);
  expect_same(sample(), *back);
  // The same name with another check digest is another key; an entry that
  // does not decode is rejected; a key the file lacks is a plain miss.
  EXPECT_FALSE(cache.load(root, UnitKey{key.id, 43}));
  EXPECT_FALSE(cache.load(root, other));
  EXPECT_FALSE(cache.load(root, UnitKey{99, 1}));
  // The file of another root, moved into this one's place, is refused.
  EXPECT_TRUE(cache.read_root("/repo2", run).entries.empty());

  const std::string good = testing::read_file(path);
  const auto damaged = [&](auto change) {
    std::string bytes = good;
    change(bytes);
    std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
    RootUnits r = cache.read_root(root_abs, run);
    return r.damaged && r.entries.empty() && !cache.load(r, key).has_value();
  };
  EXPECT_TRUE(damaged([](std::string &b) { b[b.size() - 3] ^= 0x40; }));  // payload bit flip
  EXPECT_TRUE(damaged([](std::string &b) { b.resize(b.size() / 2); }));   // truncated
  EXPECT_TRUE(damaged([](std::string &b) { b[0] = 'X'; }));               // foreign magic
  EXPECT_TRUE(damaged([](std::string &b) { b.clear(); }));                // empty
  EXPECT_TRUE(damaged([](std::string &b) { b[8] ^= 1; }));                // codec version
  const CacheCounts counts = cache.counts();
  EXPECT_EQ(counts.hits, 1u);
  EXPECT_EQ(counts.misses, 9u);
  EXPECT_EQ(counts.rejected, 7u);  // the other check digest, the entry that does not decode, the five above
  // Stored again, it is read again.
  cache.store_root(root_abs, run, {{key, payload}});
  EXPECT_TRUE(cache.load(cache.read_root(root_abs, run), key));
}

TEST(UnitCacheTest, AnEntryReachingPastItsFileIsRefused) {
  const UnitKey root{1, 2};
  std::string file = encode_root_units(root, {{UnitKey{3, 4}, "abc"}});
  UnitEntries entries;
  ASSERT_TRUE(decode_root_units(file, root, entries));
  EXPECT_EQ(entries.at(3), std::make_pair(uint64_t{4}, std::string_view("abc")));
  // The payload alone: the entry's 24-byte head (id, check, length), then
  // its bytes. A length one past the end, or a head cut short, is refused.
  std::string payload = file.substr(48);
  ASSERT_EQ(payload.size(), 27u);
  ASSERT_EQ(payload[16], 3);
  payload[16] = 4;
  EXPECT_FALSE(split_unit_entries(payload, entries));
  EXPECT_TRUE(entries.empty());
  EXPECT_FALSE(split_unit_entries(file.substr(48, 20), entries));
  EXPECT_TRUE(split_unit_entries("", entries));
  EXPECT_TRUE(entries.empty());
}

}  // namespace
}  // namespace clause
