#include "checker/cache/model_pack.h"

#include <cstring>

#include "checker/cache/document_codec.h"
#include "checker/cache/entry_file.h"
#include "checker/cache/hash.h"
#include "checker/model/limits.h"
#include "checker/platform/regular_file.h"

namespace clause {
namespace {

constexpr char kMagic[8] = {'C', 'L', 'A', 'U', 'S', 'E', 'M', 'P'};
constexpr uint64_t kRootSeed = 0x7061636b726f6f74ull;
constexpr uint64_t kRootCheckSeed = 0x7061636b636b6bull;

// The fixed-size header in front of a pack: whose root it is, for which
// codec, and how long the entries after it are.
struct Header {
  char magic[8];
  uint32_t codec_version;
  uint32_t reserved;
  uint64_t root;        // names the file
  uint64_t root_check;  // a second digest of the root
  uint64_t payload_size;
};
static_assert(sizeof(Header) == 40);

UnitKey root_key(const std::string &root_abs) {
  return UnitKey{hash64(root_abs, kRootSeed), hash64(root_abs, kRootCheckSeed)};
}

}  // namespace

std::string encode_model_pack(const std::string &root_abs,
                              const std::vector<std::pair<UnitKey, std::string_view>> &entries) {
  std::string file(sizeof(Header), '\0');
  append_unit_entries(file, entries);
  const UnitKey root = root_key(root_abs);
  Header h{};
  std::memcpy(h.magic, kMagic, sizeof kMagic);
  h.codec_version = kDocumentCodecVersion;
  h.root = root.id;
  h.root_check = root.check;
  h.payload_size = file.size() - sizeof(Header);
  std::memcpy(file.data(), &h, sizeof h);
  return file;
}

bool decode_model_pack(const std::string &root_abs, ModelPack &pack) {
  pack.entries.clear();
  pack.present = false;
  Header h;
  if (pack.bytes.size() < sizeof h) return false;
  std::memcpy(&h, pack.bytes.data(), sizeof h);
  const UnitKey root = root_key(root_abs);
  const std::string_view payload = std::string_view(pack.bytes).substr(sizeof h);
  if (std::memcmp(h.magic, kMagic, sizeof kMagic) != 0 || h.codec_version != kDocumentCodecVersion ||
      h.root != root.id || h.root_check != root.check || h.payload_size != payload.size())
    return false;
  pack.present = split_unit_entries(payload, pack.entries);
  return pack.present;
}

std::string model_pack_path(const std::string &dir, const std::string &root_abs) {
  return dir + "/packs/" + hex16(root_key(root_abs).id);
}

ModelPack read_model_pack(const ModelCache &cache, const std::string &root_abs) {
  ModelPack pack;
  if (cache.dir().empty()) return pack;
  // Read like a model entry: without blocking, only a regular file within
  // the limit.
  if (read_regular_file(model_pack_path(cache.dir(), root_abs), limits::kMaxUnitCacheFileSize, pack.bytes)
          .status == FileRead::Ok)
    decode_model_pack(root_abs, pack);
  if (!pack.present) pack.bytes.clear();
  return pack;
}

void write_model_pack(const ModelCache &cache, const std::string &root_abs,
                      const std::vector<std::pair<UnitKey, std::string_view>> &entries) {
  if (cache.dir().empty()) return;
  const std::string file = encode_model_pack(root_abs, entries);
  if (file.size() > limits::kMaxUnitCacheFileSize) return;  // it would never be read
  write_entry_file(model_pack_path(cache.dir(), root_abs), std::string_view(file).substr(0, 0), file,
                   cache.temp_counter());
}

bool model_pack_is_stale(bool present, size_t served, size_t cached, size_t held) {
  if (cached == 0) return false;
  if (!present) return true;
  // Fewer than nine in ten files came from it, or more than a tenth of it
  // served none.
  const size_t unused = held > served ? held - served : 0;
  return served * 10 < cached * 9 || unused * 10 > held;
}

}  // namespace clause
