#pragma once
// A scan root's models in one file (`packs/` in the cache directory): the
// entries of its files, as `models/` holds them, one after the other. A warm
// scan reads the pack with one read instead of opening an entry file for
// each file of the root (four system calls a file: most of what a warm
// pre-commit scan of a few hundred small files spent in the kernel).
//
// A pack is never trusted over the entries' own checks: each entry in it
// is the bytes of a `models/` entry, with its header (key, the file's size
// and content hash, payload checksum), and is decoded only when its key is
// the one the file's bytes give now. A file whose entry is not in the pack
// (it changed since) is looked up in `models/` as before. The pack is
// written again, whole and atomically, only when it served fewer than nine
// in ten of the root's files or more than a tenth of its entries served
// none, so an edit to one file does not rewrite it. Only roots of at most
// kMaxPackedRootBytes of input are packed: a scan keeps every entry of the
// root in memory to write one.
#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "checker/cache/model_cache.h"
#include "checker/cache/unit_cache.h"

namespace clause {

inline constexpr uint64_t kMaxPackedRootBytes = 8ull << 20;

struct ModelPack {
  std::string bytes;     // the whole file; `entries` point into it
  UnitEntries entries;   // by entry key id: the file's content hash, then the entry's bytes
  bool present = false;  // read and accepted
};

// The bytes of a pack holding `entries` (each keyed by the entry key id and
// the file's content hash) for the root `root_abs`, in this order.
std::string encode_model_pack(const std::string &root_abs,
                              const std::vector<std::pair<UnitKey, std::string_view>> &entries);
// Fills `pack.entries` from `pack.bytes` when they are a pack of the root
// `root_abs` for this build's codec; false (and no entries) otherwise.
bool decode_model_pack(const std::string &root_abs, ModelPack &pack);

// Where the pack of the root `root_abs` lives in the cache at `dir`.
std::string model_pack_path(const std::string &dir, const std::string &root_abs);

// Whether a pack that served `served` of a root's `cached` files (those
// with an entry) and holds `held` entries is worth writing again.
bool model_pack_is_stale(bool present, size_t served, size_t cached, size_t held);

// One root's pack while the root's files are loaded: the cache as the
// loader sees it for that root. Each file (by its discovery index) is
// looked up in the pack, then in its own entry file; what each file's entry
// is, is kept, so that finish() can write the pack again when it has gone
// stale. load() and store() may be called from several threads, each file
// from one.
class RootPack {
 public:
  RootPack(const ModelCache &cache, std::string root_abs, size_t files);
  // The model of file `index` with `key`, or nullptr when neither the pack
  // nor its entry file has a valid one (the caller parses and stores).
  DocumentPtr load(size_t index, const CacheKey &key);
  // Stores a parsed model through the cache, keeping its entry.
  void store(size_t index, const CacheKey &key, const Document &doc);
  // Writes the pack again when it has gone stale; best effort.
  void finish();

 private:
  const ModelCache &cache_;
  std::string root_abs_;
  ModelPack pack_;
  std::vector<UnitKey> keys_;
  std::vector<std::string_view> from_pack_;  // the file's entry, in pack_.bytes
  std::vector<std::string> other_;           // else read from its file, or just written
  std::atomic<size_t> served_{0}, cached_{0};
};

}  // namespace clause
