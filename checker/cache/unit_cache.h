#pragma once
// The cache's second level: what the resource-by-resource rules found in
// one deployment unit (UnitFindings), keyed by a digest of everything those
// findings can depend on (checker/scan/unit_keys.h), so that a warm scan
// judges again only the units an edit reached. It lives beside the model
// cache, in the `units/` subdirectory of the same cache directory.
//
// The entries of one scan root (for one run digest: rules, options,
// configuration, engine) share ONE file, read once per scan and written
// again, whole and atomically, when any unit was judged. As with the models,
// nothing is trusted on its name alone: the file's header repeats the
// root's digests, the codec version and a checksum of the payload; every
// entry repeats its key (two independent 64-bit digests) and its length,
// and each is decoded with every count and length checked. A file that is
// foreign, truncated or corrupt is ignored (every unit looked up in it is a
// rejected entry) and rewritten.
#include <array>
#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "checker/cache/model_cache.h"
#include "checker/model/unit_findings.h"

namespace clause {

struct UnitKey {
  uint64_t id = 0;     // names the entry
  uint64_t check = 0;  // a second digest of the same inputs, with another seed
  bool operator==(const UnitKey &) const = default;
};

// The encoded entries of a root's file by key id: the check digest, then
// the payload (an encoded UnitFindings).
using UnitEntries = std::unordered_map<uint64_t, std::pair<uint64_t, std::string_view>>;

// One root's file of unit entries, as read.
struct RootUnits {
  std::string bytes;     // the whole file; `entries` point into it
  bool damaged = false;  // present but refused: every lookup is a rejection
  UnitEntries entries;
};

// The digests that name the file of the root `root_abs` for a run and
// that its header repeats.
UnitKey root_units_key(const std::string &root_abs, uint64_t run_digest);
// The bytes of a root's file holding `entries`, in this order.
std::string encode_root_units(const UnitKey &root,
                              const std::vector<std::pair<UnitKey, std::string_view>> &entries);
// Fills `entries` (pointing into `bytes`) from the bytes of the file of
// `root`. Returns false when the header, the checksum or an entry's bounds
// are wrong; never reads out of bounds. The entries' payloads are decoded
// later, each on its own (decode_unit_findings).
bool decode_root_units(std::string_view bytes, const UnitKey &root, UnitEntries &entries);
// The entries of a file's payload (what follows the header): false when
// an entry's bounds are wrong (then `entries` is empty).
bool split_unit_entries(std::string_view payload, UnitEntries &entries);

// A root's file of keyed entries, of one kind: the unit level's (below) or
// the model pack's (model_pack.h). Its header names the kind (magic and
// codec version), the root (two digests) and the payload's length, and,
// when the entries carry no checksum of their own, a checksum of the
// payload.
struct RootFileFormat {
  std::array<char, 8> magic;
  uint32_t version = 0;
  bool checksummed = true;
  uint64_t checksum_seed = 0;
};
// The bytes of a file of `format` for `root` holding `entries`, in order.
std::string encode_root_file(const RootFileFormat &format, const UnitKey &root,
                             const std::vector<std::pair<UnitKey, std::string_view>> &entries);
// Fills `entries` (pointing into `data`) when `data` is such a file of
// `root`; false (and no entries) when the header, the checksum or an
// entry's bounds are wrong. Never reads out of bounds.
bool decode_root_file(const RootFileFormat &format, std::string_view data, const UnitKey &root,
                      UnitEntries &entries);

class UnitCache {
 public:
  explicit UnitCache(std::string dir) : dir_(std::move(dir)) {}

  // Reads the file of the root `root_abs` for the run `run_digest`. Never
  // fails: a missing or refused file has no entries.
  RootUnits read_root(const std::string &root_abs, uint64_t run_digest) const;
  // The findings of the entry for `key` in `root`, decoded, or nullopt when
  // there is no valid entry. Safe to call from several threads.
  std::optional<UnitFindings> load(const RootUnits &root, const UnitKey &key) const;
  // Best effort (a cache that cannot be written is only slower): replaces
  // the root's file with these entries, each an encoded UnitFindings
  // (encode_unit_findings), in this order.
  void store_root(const std::string &root_abs, uint64_t run_digest,
                  const std::vector<std::pair<UnitKey, std::string_view>> &entries) const;

  // Where the file of a root lives (for tests).
  std::string root_path(const std::string &root_abs, uint64_t run_digest) const;

  // Units taken from the cache (hits), judged (misses) and, among the
  // misses, entries found but invalid (rejected).
  CacheCounts counts() const { return CacheCounts{hits_, misses_, rejected_}; }

 private:
  std::string dir_;
  mutable std::atomic<size_t> hits_{0}, misses_{0}, rejected_{0}, temp_counter_{0};
};

}  // namespace clause
