#include "checker/cache/model_cache.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "checker/cache/document_codec.h"
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

bool write_all(int fd, const char *p, size_t n) {
  while (n > 0) {
    ssize_t w = ::write(fd, p, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return false;
    p += w;
    n -= static_cast<size_t>(w);
  }
  return true;
}

void make_dirs(const std::string &dir) {
  for (size_t pos = 1; pos <= dir.size(); ++pos) {
    if (pos == dir.size() || dir[pos] == '/') ::mkdir(dir.substr(0, pos).c_str(), 0755);
  }
}

std::string hex16(uint64_t v) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
  return buf;
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

DocumentPtr ModelCache::load(const CacheKey &key) const {
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
  Header h;
  bool valid = data.size() >= sizeof h;
  if (valid) {
    std::memcpy(&h, data.data(), sizeof h);
    std::string_view payload = std::string_view(data).substr(sizeof h);
    valid = std::memcmp(h.magic, kMagic, sizeof kMagic) == 0 && h.codec_version == kDocumentCodecVersion &&
            h.key == key.id && h.content_size == key.size && h.content_hash == key.content_hash &&
            h.payload_size == payload.size() && h.payload_checksum == hash64(payload, kChecksumSeed);
  }
  auto doc = std::make_unique<Document>();
  if (valid) valid = decode_document(std::string_view(data).substr(sizeof h), *doc);
  if (!valid) {
    ++rejected_;
    ++misses_;
    return nullptr;
  }
  ++hits_;
  return doc;
}

void ModelCache::store(const CacheKey &key, const Document &doc) const {
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

  std::string path = entry_path(key);
  // Unique among processes (pid) and among this process's threads (counter).
  std::string tmp = path + ".tmp." + std::to_string(::getpid()) + "." + std::to_string(temp_counter_++);
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0 && errno == ENOENT) {
    make_dirs(path.substr(0, path.rfind('/')));
    fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  }
  if (fd < 0) return;
  bool ok = write_all(fd, reinterpret_cast<const char *>(&h), sizeof h) &&
            write_all(fd, payload.data(), payload.size());
  ok = ::close(fd) == 0 && ok;
  if (!ok || ::rename(tmp.c_str(), path.c_str()) != 0) ::unlink(tmp.c_str());
}

}  // namespace clause
