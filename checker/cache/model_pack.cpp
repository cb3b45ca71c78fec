#include "checker/cache/model_pack.h"

#include "checker/cache/document_codec.h"
#include "checker/cache/entry_file.h"
#include "checker/cache/hash.h"
#include "checker/model/limits.h"
#include "checker/platform/regular_file.h"

namespace clause {
namespace {

constexpr uint64_t kRootSeed = 0x7061636b726f6f74ull;
constexpr uint64_t kRootCheckSeed = 0x7061636b636b6bull;

// Each entry repeats its own header and checksum (as in `models/`), so the
// file does not checksum them again: a pack is read by every warm scan.
const RootFileFormat kPackFormat{{'C', 'L', 'A', 'U', 'S', 'E', 'M', 'P'}, kDocumentCodecVersion, false, 0};

UnitKey root_key(const std::string &root_abs) {
  return UnitKey{hash64(root_abs, kRootSeed), hash64(root_abs, kRootCheckSeed)};
}

}  // namespace

std::string encode_model_pack(const std::string &root_abs,
                              const std::vector<std::pair<UnitKey, std::string_view>> &entries) {
  return encode_root_file(kPackFormat, root_key(root_abs), entries);
}

bool decode_model_pack(const std::string &root_abs, ModelPack &pack) {
  pack.present = decode_root_file(kPackFormat, pack.bytes, root_key(root_abs), pack.entries);
  return pack.present;
}

std::string model_pack_path(const std::string &dir, const std::string &root_abs) {
  return dir + "/packs/" + hex16(root_key(root_abs).id);
}

bool model_pack_is_stale(bool present, size_t served, size_t cached, size_t held) {
  if (cached == 0) return false;
  if (!present) return true;
  // Fewer than nine in ten files came from it, or more than a tenth of it
  // served none.
  const size_t unused = held > served ? held - served : 0;
  return served * 10 < cached * 9 || unused * 10 > held;
}

RootPack::RootPack(const ModelCache &cache, std::string root_abs, size_t files)
    : cache_(cache), root_abs_(std::move(root_abs)), keys_(files), from_pack_(files), other_(files) {
  // Read like a model entry: without blocking, only a regular file within
  // the limit. A missing or refused pack has no entries.
  if (read_regular_file(model_pack_path(cache_.dir(), root_abs_), limits::kMaxUnitCacheFileSize, pack_.bytes)
          .status == FileRead::Ok)
    decode_model_pack(root_abs_, pack_);
  if (!pack_.present) pack_.bytes.clear();
}

DocumentPtr RootPack::load(size_t index, const CacheKey &key) {
  keys_[index] = UnitKey{key.id, key.content_hash};
  if (auto it = pack_.entries.find(key.id); it != pack_.entries.end() && it->second.first == key.content_hash)
    if (DocumentPtr doc = cache_.load_from(key, it->second.second)) {
      from_pack_[index] = it->second.second;
      ++served_;
      ++cached_;
      return doc;
    }
  DocumentPtr doc = cache_.load(key, &other_[index]);
  if (doc) ++cached_;
  return doc;
}

void RootPack::store(size_t index, const CacheKey &key, const Document &doc) {
  cache_.store(key, doc, &other_[index]);
  if (!other_[index].empty()) ++cached_;
}

void RootPack::finish() {
  if (!model_pack_is_stale(pack_.present, served_, cached_, pack_.entries.size())) return;
  std::vector<std::pair<UnitKey, std::string_view>> entries;
  for (size_t i = 0; i < keys_.size(); ++i) {
    const std::string_view entry = from_pack_[i].empty() ? std::string_view(other_[i]) : from_pack_[i];
    if (!entry.empty()) entries.emplace_back(keys_[i], entry);
  }
  const std::string file = encode_model_pack(root_abs_, entries);
  if (file.size() > limits::kMaxUnitCacheFileSize) return;  // it would never be read
  write_entry_file(model_pack_path(cache_.dir(), root_abs_), std::string_view(file).substr(0, 0), file,
                   cache_.temp_counter());
}

}  // namespace clause
