#pragma once
// Every input limit of a scan, in one place: docs/limits.md lists each with
// its diagnostic code and how to override it. Hitting one is reported (code
// "limit-…" or "skipped-size"), never silently truncated. Parsers read theirs
// through ParseOptions (parsers/parse_options.h).
#include <chrono>
#include <cstddef>
#include <cstdint>

namespace clause::limits {

// Discovery: larger files are skipped with a warning (`skipped-size`).
inline constexpr uint64_t kMaxFileSize = 8ull * 1024 * 1024;
// Discovery: the same for HCL (.tf, .tfvars, .hcl). tree-sitter's syntax
// tree of dense HCL (resources and attributes) takes about 55 times the
// file's size, the model built from it about 10 more (docs/limits.md): 2 MiB
// keeps one file's parse near 130 MB. The largest .tf of the shared corpus
// is 127 KB.
inline constexpr uint64_t kMaxHclFileSize = 2ull * 1024 * 1024;
// Parsers: nesting of maps, lists and blocks (`limit-depth`).
inline constexpr size_t kMaxDepth = 256;
// YAML: nodes produced through aliases in one file (`limit-alias`).
inline constexpr size_t kMaxAliasExpansion = 100'000;
// Parsers: model nodes in one file (`limit-nodes`).
inline constexpr size_t kMaxNodes = 5'000'000;
// Parsers: wall-clock time to parse one file (`limit-parse-time`).
inline constexpr std::chrono::milliseconds kParseTimeout{10'000};
// HCL: syntax errors reported for one file (`limit-syntax-errors` after).
inline constexpr size_t kMaxSyntaxDiagnostics = 20;
// Scanner: findings reported for one file (`limit-findings`).
inline constexpr size_t kMaxFindingsPerFile = 1000;
// Findings: bytes of the source line kept as a finding's snippet.
inline constexpr size_t kMaxSnippetBytes = 512;
// Model cache: bytes of one entry. A larger entry (or one that is not a
// regular file) is a miss, and is never written.
inline constexpr uint64_t kMaxCacheEntrySize = 64ull * 1024 * 1024;
// Unit cache: bytes of one scan root's file of unit entries. A larger file
// is a miss for every unit, and is never written.
inline constexpr uint64_t kMaxUnitCacheFileSize = 256ull * 1024 * 1024;
// Baselines (--baseline): bytes of the file, about 250,000 findings.
inline constexpr uint64_t kMaxBaselineSize = 64ull * 1024 * 1024;
// Rule packs: nesting of all / any / not in one check.
inline constexpr int kMaxCheckNesting = 32;

}  // namespace clause::limits
