#pragma once
// The cache's second level: what the resource-by-resource rules found in
// one deployment unit (UnitFindings), keyed by a digest of everything those
// findings can depend on (checker/scan/unit_keys.h), so that a warm scan
// judges again only the units an edit reached. It lives beside the model
// cache, in the `units/` subdirectory of the same cache directory.
//
// As with the models, an entry is never trusted on its name alone: its
// header repeats the key (two independent 64-bit digests), the codec
// version and a checksum of the payload, and the payload is decoded with
// every count and length checked; an entry that is foreign, truncated or
// corrupt is ignored (and rewritten).
#include <atomic>
#include <cstdint>
#include <optional>
#include <string>

#include "checker/cache/model_cache.h"
#include "checker/model/unit_findings.h"

namespace clause {

struct UnitKey {
  uint64_t id = 0;     // names the entry
  uint64_t check = 0;  // a second digest of the same inputs, with another seed
  bool operator==(const UnitKey &) const = default;
};

class UnitCache {
 public:
  explicit UnitCache(std::string dir) : dir_(std::move(dir)) {}

  // The cached findings for `key`, or nullopt when there is no valid entry.
  // Never fails otherwise.
  std::optional<UnitFindings> load(const UnitKey &key) const;
  // Best effort: a cache that cannot be written is only slower.
  void store(const UnitKey &key, const UnitFindings &unit) const;

  // Where the entry for `key` lives (for tests).
  std::string entry_path(const UnitKey &key) const;

  // Units taken from the cache (hits), judged (misses) and, among the
  // misses, entries found but invalid (rejected).
  CacheCounts counts() const { return CacheCounts{hits_, misses_, rejected_}; }

 private:
  std::string dir_;
  mutable std::atomic<size_t> hits_{0}, misses_{0}, rejected_{0}, temp_counter_{0};
};

}  // namespace clause
