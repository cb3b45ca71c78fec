#include "checker/cache/unit_findings_codec.h"

#include "checker/cache/byte_codec.h"

namespace clause {
namespace {

// The fewest bytes each element can encode to: a span is six varints, a
// location a path and a span, a finding eleven fields of at least a byte.
constexpr size_t kMinSpan = 6;
constexpr size_t kMinLocation = 1 + kMinSpan;
constexpr size_t kMinRelated = kMinLocation + 1;
constexpr size_t kMinFinding = 2 + kMinLocation + 6 + 3;
constexpr size_t kMinTally = 1 + 4;

enum : uint8_t { kUndecided = 1u << 0, kSuppressed = 1u << 1, kFlagsEnd = 1u << 2 };

class Writer : public cache_codec::ByteWriter {
 public:
  void span(const Span &s) {
    var(s.start_line);
    var(s.start_col);
    var(s.end_line);
    var(s.end_col);
    var(s.start_offset);
    var(s.end_offset);
  }
  void location(const Location &l) {
    str(l.path);
    span(l.span);
  }
  void finding(const Finding &f) {
    str(f.rule_id);
    u8(static_cast<uint8_t>(f.severity));
    location(f.location);
    str(f.message);
    str(f.resource);
    str(f.snippet);
    str(f.fingerprint);
    str(f.unit);
    var(f.related.size());
    for (const RelatedLocation &r : f.related) {
      location(r.location);
      str(r.message);
    }
    uint8_t flags = 0;
    if (f.undecided) flags |= kUndecided;
    if (f.suppression) flags |= kSuppressed;
    u8(flags);
    if (f.suppression) {
      str(f.suppression->kind);
      str(f.suppression->justification);
      location(f.suppression->location);
    }
  }
  void findings(const std::vector<Finding> &list) {
    var(list.size());
    for (const Finding &f : list) finding(f);
  }
};

class Reader : public cache_codec::ByteReader {
 public:
  using ByteReader::ByteReader;

  Span span() {
    Span s;
    s.start_line = u32();
    s.start_col = u32();
    s.end_line = u32();
    s.end_col = u32();
    s.start_offset = u32();
    s.end_offset = u32();
    return s;
  }
  void location(Location &l) {
    str(l.path);
    l.span = span();
  }
  void finding(Finding &f) {
    str(f.rule_id);
    const uint8_t severity = u8();
    if (severity > static_cast<uint8_t>(Severity::Critical)) return fail();
    f.severity = static_cast<Severity>(severity);
    location(f.location);
    str(f.message);
    str(f.resource);
    str(f.snippet);
    str(f.fingerprint);
    str(f.unit);
    f.related.resize(count(kMinRelated));
    for (RelatedLocation &r : f.related) {
      if (!ok()) return;
      location(r.location);
      str(r.message);
    }
    const uint8_t flags = u8();
    if (flags >= kFlagsEnd) return fail();
    f.undecided = flags & kUndecided;
    if (flags & kSuppressed) {
      Suppression s;
      str(s.kind);
      str(s.justification);
      location(s.location);
      f.suppression = std::move(s);
    }
  }
  void findings(std::vector<Finding> &list) {
    list.resize(count(kMinFinding));
    for (Finding &f : list) {
      if (!ok()) return;
      finding(f);
    }
  }
};

}  // namespace

std::string encode_unit_findings(const UnitFindings &unit) {
  Writer w;
  w.findings(unit.findings);
  w.findings(unit.undecided);
  w.var(unit.findings_per_resource.size());
  for (size_t i = 0; i < unit.findings_per_resource.size(); ++i) {
    w.var(unit.findings_per_resource[i]);
    w.var(i < unit.undecided_per_resource.size() ? unit.undecided_per_resource[i] : 0);
  }
  w.var(unit.tallies.size());
  for (const auto &[id, t] : unit.tallies) {
    w.str(id);
    w.var(t.targets);
    w.var(t.passed);
    w.var(t.failed);
    w.var(t.unknown);
  }
  return std::move(w.out);
}

bool decode_unit_findings(std::string_view data, UnitFindings &unit) {
  Reader r(data);
  r.findings(unit.findings);
  r.findings(unit.undecided);
  // Per resource, how many findings and notes: they add up to the lists.
  const size_t resources = r.count(2);
  unit.findings_per_resource.resize(resources);
  unit.undecided_per_resource.resize(resources);
  uint64_t findings = 0, undecided = 0;
  for (size_t i = 0; i < resources && r.ok(); ++i) {
    unit.findings_per_resource[i] = r.u32();
    unit.undecided_per_resource[i] = r.u32();
    findings += unit.findings_per_resource[i];
    undecided += unit.undecided_per_resource[i];
  }
  if (findings != unit.findings.size() || undecided != unit.undecided.size()) return false;
  const size_t tallies = r.count(kMinTally);
  for (size_t i = 0; i < tallies && r.ok(); ++i) {
    std::string id;
    r.str(id);
    RuleTally t;
    t.targets = r.var();
    t.passed = r.var();
    t.failed = r.var();
    t.unknown = r.var();
    // Written from a map: ids ascending and unique.
    if (!unit.tallies.empty() && !(unit.tallies.rbegin()->first < id)) return false;
    unit.tallies.emplace_hint(unit.tallies.end(), std::move(id), t);
  }
  return r.ok() && r.at_end();
}

}  // namespace clause
