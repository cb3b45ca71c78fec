#pragma once
// A finding's identity across scans: what baselines match on, what SARIF
// writes as partialFingerprints and JSON as "fingerprint". make_finding
// (finding.h) sets it on every finding a check builds.
//
// Fingerprints identify a finding independently of where in the file it
// moved: a digest of the rule id, the resource address (or the
// document path for agreement rules) and the offending source text with its
// whitespace normalised. The line number is deliberately not part of it.
//
// Digest: two FNV-1a 64-bit hashes over the same length-prefixed input, one
// from the standard offset basis and one from a second, fixed basis, printed
// as 32 lower-case hex digits (128 bits). FNV-1a is not cryptographic; the
// fingerprint only has to be stable and rarely collide. The format is
// versioned by the SARIF key it is written under ("clause/v1"): changing the
// input or the hash means a new key.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "checker/model/finding.h"

namespace clause {

// The fingerprint's version, and the key under which SARIF
// `partialFingerprints` carries the value.
inline constexpr const char *kFingerprintKey = "clause/v1";

// Whitespace runs (space, tab, CR, LF, VT, FF) collapsed to one space, trimmed.
std::string normalize_offending_text(std::string_view text);

// FNV-1a 64-bit over `data`, starting from `basis` (also what assigns scan
// roots to shards).
uint64_t fnv1a64(std::string_view data, uint64_t basis = 0xcbf29ce484222325ULL);

std::string finding_fingerprint(std::string_view rule_id, std::string_view resource_or_path,
                                std::string_view offending_text);

// A finding's fingerprint: `Finding::fingerprint` when the engine set one,
// otherwise computed from its rule id, resource (or path) and snippet.
std::string fingerprint_of(const Finding &finding);

// Makes `fingerprints` unique in place: the first occurrence of a value stays
// as it is, later ones get ":2", ":3", ... in the order given (pass them in
// report order, which is sorted, so the result is deterministic).
void make_fingerprints_unique(std::vector<std::string> &fingerprints);

// fingerprint_of() for each finding, in order, made unique.
std::vector<std::string> run_fingerprints(const std::vector<Finding> &findings);

}  // namespace clause
