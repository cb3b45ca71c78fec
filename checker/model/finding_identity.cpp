#include "checker/model/finding_identity.h"

#include <cstdint>
#include <deque>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>

namespace clause {
namespace {

constexpr uint64_t kFnvPrime = 0x100000001b3ULL;
constexpr uint64_t kFnvBasis = 0xcbf29ce484222325ULL;

constexpr uint64_t fnv1a64_of(std::string_view data, uint64_t h) {
  for (char c : data) {
    h ^= static_cast<unsigned char>(c);
    h *= kFnvPrime;
  }
  return h;
}

// Second basis: FNV-1a of "clause/fingerprint" from the standard basis, so
// that the two halves start from unrelated states.
constexpr uint64_t kSecondBasis = fnv1a64_of("clause/fingerprint", kFnvBasis);

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

// Feeds `field` preceded by its length (8 bytes, little-endian) so that field
// boundaries are unambiguous.
uint64_t feed(uint64_t h, std::string_view field) {
  uint64_t n = field.size();
  for (int i = 0; i < 8; ++i) {
    h ^= (n >> (8 * i)) & 0xffU;
    h *= kFnvPrime;
  }
  return fnv1a64_of(field, h);
}

void append_hex(std::string &out, uint64_t v) {
  static constexpr char kDigits[] = "0123456789abcdef";
  for (int shift = 60; shift >= 0; shift -= 4) out.push_back(kDigits[(v >> shift) & 0xfU]);
}

}  // namespace

std::string normalize_offending_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (char c : text) {
    if (is_space(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(c);
  }
  return out;
}

uint64_t fnv1a64(std::string_view data, uint64_t basis) { return fnv1a64_of(data, basis); }

std::string finding_fingerprint(std::string_view rule_id, std::string_view resource_or_path,
                                std::string_view offending_text) {
  const std::string text = normalize_offending_text(offending_text);
  uint64_t a = kFnvBasis;
  uint64_t b = kSecondBasis;
  for (std::string_view field : {rule_id, resource_or_path, std::string_view(text)}) {
    a = feed(a, field);
    b = feed(b, field);
  }
  std::string out;
  out.reserve(32);
  append_hex(out, a);
  append_hex(out, b);
  return out;
}

std::string fingerprint_of(const Finding &finding) {
  if (!finding.fingerprint.empty()) return finding.fingerprint;
  const std::string &where = finding.resource.empty() ? finding.location.path : finding.resource;
  return finding_fingerprint(finding.rule_id, where, finding.snippet);
}

void make_fingerprints_unique(std::vector<std::string> &fingerprints) {
  // Every original value stays reserved, so that a suffixed value never
  // takes the place of a first occurrence that comes later. The originals
  // are looked at in place (views), and changed only at the end.
  std::unordered_set<std::string_view> used(fingerprints.begin(), fingerprints.end());
  std::unordered_map<std::string_view, size_t> seen;
  seen.reserve(fingerprints.size());
  std::deque<std::string> made;  // the suffixed values: `used` views them
  std::vector<std::pair<size_t, std::string *>> changes;
  for (size_t i = 0; i < fingerprints.size(); ++i) {
    const std::string &fp = fingerprints[i];
    size_t &count = seen[fp];
    if (++count == 1) continue;
    std::string candidate = fp + ":" + std::to_string(count);
    while (used.contains(candidate)) candidate = fp + ":" + std::to_string(++count);
    made.push_back(std::move(candidate));
    used.insert(made.back());
    changes.emplace_back(i, &made.back());
  }
  for (const auto &[i, value] : changes) fingerprints[i] = std::move(*value);
}

std::vector<std::string> run_fingerprints(const std::vector<Finding> &findings) {
  std::vector<std::string> out;
  out.reserve(findings.size());
  for (const Finding &f : findings) out.push_back(fingerprint_of(f));
  make_fingerprints_unique(out);
  return out;
}

}  // namespace clause
