#include "checker/cache/model_cache.h"

#include <cstdlib>
#include <cstring>

#include "checker/cache/document_codec.h"
#include "checker/cache/entry_file.h"
#include "checker/cache/hash.h"
#include "checker/model/limits.h"
#include "checker/platform/regular_file.h"
#include "parser_fingerprint.h"

namespace clause {
namespace {

constexpr char kMagic[8] = {'C', 'L', 'A', 'U', 'S', 'E', 'M', 'C'};
constexpr uint64_t kChecksumSeed = 0x6d6f64656c63ull;  // distinct from content hashing

// The fixed-size header in front of every entry's payload.
struct Header {
  char magic[8];
  uint32_t codec_version;
  uint32_t reserved;
  uint64_t key;
  uint64_t content_size;
  uint64_t content_hash;
  uint64_t payload_size;
  uint64_t payload_checksum;
};
static_assert(sizeof(Header) == 56);

// Everything a parse depends on besides the bytes, hashed once a process.
uint64_t parser_identity() {
  static const uint64_t id = [] {
    std::string s = CLAUSE_PARSER_FINGERPRINT;
    s += '/';
    s += std::to_string(kDocumentCodecVersion);
    return hash64(s, 1);
  }();
  return id;
}

}  // namespace

std::string ModelCache::default_dir() {
  const char *xdg = std::getenv("XDG_CACHE_HOME");
  if (xdg && xdg[0] == '/') return std::string(xdg) + "/clause";
  const char *home = std::getenv("HOME");
  if (home && home[0] == '/') return std::string(home) + "/.cache/clause";
  return "";
}

CacheKey ModelCache::key_for(const SourceFile &file, std::string_view bytes, const ParseOptions &opts) const {
  CacheKey k;
  k.size = bytes.size();
  k.content_hash = hash64(bytes);
  std::string_view name = file.rel_path;
  if (size_t slash = name.rfind('/'); slash != std::string_view::npos) name.remove_prefix(slash + 1);
  uint64_t h = parser_identity();
  h = hash_combine(h, hash64(name, 2));
  h = hash_combine(h, static_cast<uint64_t>(file.syntax) << 8 | static_cast<uint64_t>(file.kind_hint));
  h = hash_combine(h, opts.max_depth);
  h = hash_combine(h, opts.max_alias_expansion);
  h = hash_combine(h, opts.max_nodes);
  h = hash_combine(h, opts.keep_unknown_diagnostics);
  h = hash_combine(h, opts.detect_helm_templates);
  h = hash_combine(h, k.size);
  k.id = hash_combine(h, k.content_hash);
  return k;
}

std::string ModelCache::entry_path(const CacheKey &key) const {
  std::string hex = hex16(key.id);
  return dir_ + "/models/" + hex.substr(0, 2) + "/" + hex.substr(2);
}

namespace {

// The model in an entry's bytes (its header, then its payload), or nullptr
// when the entry is not the one for `key` or does not decode.
DocumentPtr decode_entry(const CacheKey &key, std::string_view data) {
  Header h;
  if (data.size() < sizeof h) return nullptr;
  std::memcpy(&h, data.data(), sizeof h);
  const std::string_view payload = data.substr(sizeof h);
  if (std::memcmp(h.magic, kMagic, sizeof kMagic) != 0 || h.codec_version != kDocumentCodecVersion ||
      h.key != key.id || h.content_size != key.size || h.content_hash != key.content_hash ||
      h.payload_size != payload.size() || h.payload_checksum != hash64(payload, kChecksumSeed))
    return nullptr;
  auto doc = std::make_unique<Document>();
  if (!decode_document(payload, *doc)) return nullptr;
  return doc;
}

}  // namespace

DocumentPtr ModelCache::load(const CacheKey &key, std::string *entry) const {
  // An entry is read like a scanned file: without blocking (a FIFO in its
  // place is a miss, not a hang) and only when it is a regular file within
  // the entry limit (a huge one is never read whole).
  std::string data;
  const FileReadResult read = read_regular_file(entry_path(key), limits::kMaxCacheEntrySize, data);
  if (read.status != FileRead::Ok) {
    if (read.status != FileRead::Unreadable) ++rejected_;
    ++misses_;
    return nullptr;
  }
  DocumentPtr doc = decode_entry(key, data);
  if (!doc) {
    ++rejected_;
    ++misses_;
    return nullptr;
  }
  ++hits_;
  if (entry) *entry = std::move(data);
  return doc;
}

DocumentPtr ModelCache::load_from(const CacheKey &key, std::string_view entry) const {
  DocumentPtr doc = decode_entry(key, entry);
  if (doc) ++hits_;
  return doc;
}

void ModelCache::store(const CacheKey &key, const Document &doc, std::string *entry) const {
  if (dir_.empty()) return;
  std::string payload = encode_document(doc);
  if (payload.size() + sizeof(Header) > limits::kMaxCacheEntrySize) return;  // it would never be read
  Header h{};
  std::memcpy(h.magic, kMagic, sizeof kMagic);
  h.codec_version = kDocumentCodecVersion;
  h.key = key.id;
  h.content_size = key.size;
  h.content_hash = key.content_hash;
  h.payload_size = payload.size();
  h.payload_checksum = hash64(payload, kChecksumSeed);

  const std::string_view header(reinterpret_cast<const char *>(&h), sizeof h);
  write_entry_file(entry_path(key), header, payload, temp_counter_);
  if (entry) {
    entry->reserve(header.size() + payload.size());
    entry->assign(header).append(payload);
  }
}

}  // namespace clause
