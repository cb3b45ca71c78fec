#include "checker/cache/unit_cache.h"

#include <cstring>

#include "checker/cache/entry_file.h"
#include "checker/cache/hash.h"
#include "checker/cache/unit_findings_codec.h"
#include "checker/model/limits.h"
#include "checker/platform/regular_file.h"

namespace clause {
namespace {

constexpr char kMagic[8] = {'C', 'L', 'A', 'U', 'S', 'E', 'U', 'C'};
constexpr uint64_t kChecksumSeed = 0x756e697463ull;  // distinct from the model level's

// The fixed-size header in front of every entry's payload.
struct Header {
  char magic[8];
  uint32_t codec_version;
  uint32_t reserved;
  uint64_t key;
  uint64_t key_check;
  uint64_t payload_size;
  uint64_t payload_checksum;
};
static_assert(sizeof(Header) == 48);

}  // namespace

std::string UnitCache::entry_path(const UnitKey &key) const {
  std::string hex = hex16(key.id);
  return dir_ + "/units/" + hex.substr(0, 2) + "/" + hex.substr(2);
}

std::optional<UnitFindings> UnitCache::load(const UnitKey &key) const {
  // Read like a model entry: without blocking, only a regular file within
  // the entry limit.
  std::string data;
  const FileReadResult read = read_regular_file(entry_path(key), limits::kMaxCacheEntrySize, data);
  if (read.status != FileRead::Ok) {
    if (read.status != FileRead::Unreadable) ++rejected_;
    ++misses_;
    return std::nullopt;
  }
  Header h;
  bool valid = data.size() >= sizeof h;
  if (valid) {
    std::memcpy(&h, data.data(), sizeof h);
    std::string_view payload = std::string_view(data).substr(sizeof h);
    valid = std::memcmp(h.magic, kMagic, sizeof kMagic) == 0 &&
            h.codec_version == kUnitFindingsCodecVersion && h.key == key.id && h.key_check == key.check &&
            h.payload_size == payload.size() && h.payload_checksum == hash64(payload, kChecksumSeed);
  }
  UnitFindings unit;
  if (valid) valid = decode_unit_findings(std::string_view(data).substr(sizeof h), unit);
  if (!valid) {
    ++rejected_;
    ++misses_;
    return std::nullopt;
  }
  ++hits_;
  return unit;
}

void UnitCache::store(const UnitKey &key, const UnitFindings &unit) const {
  if (dir_.empty()) return;
  std::string payload = encode_unit_findings(unit);
  if (payload.size() + sizeof(Header) > limits::kMaxCacheEntrySize) return;  // it would never be read
  Header h{};
  std::memcpy(h.magic, kMagic, sizeof kMagic);
  h.codec_version = kUnitFindingsCodecVersion;
  h.key = key.id;
  h.key_check = key.check;
  h.payload_size = payload.size();
  h.payload_checksum = hash64(payload, kChecksumSeed);
  write_entry_file(entry_path(key), std::string_view(reinterpret_cast<const char *>(&h), sizeof h), payload,
                   temp_counter_);
}

}  // namespace clause
