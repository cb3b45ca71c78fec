#pragma once
// A content-addressed, on-disk cache of parsed Documents, so a re-scan
// parses only the files that changed (DESIGN §9).
//
// An entry's key hashes the file's bytes with everything else the parse
// depends on: the parser build (a fingerprint of the parser and model
// sources), the parse options, the syntax and the file name (classification
// reads it). An entry is never trusted over the file: its header repeats the
// key, the file's size and content hash, and a checksum of the payload; an
// entry that is foreign, truncated or corrupt is ignored (and rewritten).
// Entries are written to a temporary file and renamed into place, so
// concurrent scans sharing a cache never read a half-written entry.
#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>

#include "checker/discovery/discover.h"
#include "checker/model/document.h"
#include "parsers/parse_options.h"

namespace clause {

// What a scan took from the cache: entries decoded (hits), files parsed
// (misses) and, among the misses, entries found but invalid (rejected).
struct CacheCounts {
  size_t hits = 0;
  size_t misses = 0;
  size_t rejected = 0;
  CacheCounts &operator+=(const CacheCounts &o) {
    hits += o.hits;
    misses += o.misses;
    rejected += o.rejected;
    return *this;
  }
};

struct CacheKey {
  uint64_t id = 0;            // names the entry
  uint64_t content_hash = 0;  // of the file's bytes
  uint64_t size = 0;          // of the file
};

class ModelCache {
 public:
  explicit ModelCache(std::string dir) : dir_(std::move(dir)) {}

  // $XDG_CACHE_HOME/clause, else $HOME/.cache/clause; empty when neither
  // variable gives an absolute directory.
  static std::string default_dir();

  CacheKey key_for(const SourceFile &file, std::string_view bytes, const ParseOptions &opts) const;
  // The cached parse for `key` (kind, blocks, roots, comments,
  // diagnostics; the caller sets path and source), or nullptr when there is
  // no valid entry. Never fails otherwise. With `entry`, a valid entry's
  // bytes are left there (for a root's pack: model_pack.h).
  DocumentPtr load(const CacheKey &key, std::string *entry = nullptr) const;
  // The parse in `entry`, the bytes of an entry as its file holds them
  // (taken from a root's pack), or nullptr when they are not a valid entry
  // for `key`; counts a hit only (the caller falls back to load()).
  DocumentPtr load_from(const CacheKey &key, std::string_view entry) const;
  // Best effort: a cache that cannot be written is only slower. With
  // `entry`, the entry's bytes are left there (left as they were when the
  // model is too large to be kept).
  void store(const CacheKey &key, const Document &doc, std::string *entry = nullptr) const;
  // Where entries are written from (model_pack.h shares it).
  std::atomic<size_t> &temp_counter() const { return temp_counter_; }

  // Where the entry for `key` lives (for tests and `clause` diagnostics).
  std::string entry_path(const CacheKey &key) const;
  const std::string &dir() const { return dir_; }

  size_t hits() const { return hits_; }
  size_t misses() const { return misses_; }
  size_t rejected() const { return rejected_; }  // entries found but invalid
  CacheCounts counts() const { return CacheCounts{hits_, misses_, rejected_}; }

 private:
  std::string dir_;
  mutable std::atomic<size_t> hits_{0}, misses_{0}, rejected_{0}, temp_counter_{0};
};

}  // namespace clause
