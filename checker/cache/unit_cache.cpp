#include "checker/cache/unit_cache.h"

#include <cstring>

#include "checker/cache/entry_file.h"
#include "checker/cache/hash.h"
#include "checker/cache/unit_findings_codec.h"
#include "checker/model/limits.h"
#include "checker/platform/regular_file.h"

namespace clause {
namespace {

constexpr uint64_t kRootSeed = 0x756e6974726f6f74ull;
constexpr uint64_t kRootCheckSeed = 0x726f6f74636b6bull;

// The unit level's files: checksummed, since an entry's findings carry no
// checksum of their own.
const RootFileFormat kUnitFormat{{'C', 'L', 'A', 'U', 'S', 'E', 'U', 'R'},
                                 kUnitFindingsCodecVersion,
                                 true,
                                 0x756e697463ull};  // distinct from the model level's

// The fixed-size header in front of a root's file.
struct Header {
  char magic[8];
  uint32_t codec_version;
  uint32_t reserved;
  uint64_t root;        // names the file
  uint64_t root_check;  // a second digest of the root and the run
  uint64_t payload_size;
  uint64_t payload_checksum;  // 0 in a format without one
};
static_assert(sizeof(Header) == 48);

// In front of each entry of the payload: its key and its length.
struct EntryHeader {
  uint64_t id;
  uint64_t check;
  uint64_t size;
};
static_assert(sizeof(EntryHeader) == 24);

}  // namespace

UnitKey root_units_key(const std::string &root_abs, uint64_t run_digest) {
  return UnitKey{hash_combine(hash64(root_abs, kRootSeed), run_digest),
                 hash_combine(hash64(root_abs, kRootCheckSeed), run_digest)};
}

std::string encode_root_file(const RootFileFormat &format, const UnitKey &root,
                             const std::vector<std::pair<UnitKey, std::string_view>> &entries) {
  size_t size = sizeof(Header);
  for (const auto &entry : entries) size += sizeof(EntryHeader) + entry.second.size();
  std::string file(sizeof(Header), '\0');
  file.reserve(size);
  for (const auto &[key, bytes] : entries) {
    const EntryHeader e{key.id, key.check, bytes.size()};
    file.append(reinterpret_cast<const char *>(&e), sizeof e);
    file.append(bytes);
  }
  const std::string_view payload = std::string_view(file).substr(sizeof(Header));
  Header h{};
  std::memcpy(h.magic, format.magic.data(), sizeof h.magic);
  h.codec_version = format.version;
  h.root = root.id;
  h.root_check = root.check;
  h.payload_size = payload.size();
  h.payload_checksum = format.checksummed ? hash64(payload, format.checksum_seed) : 0;
  std::memcpy(file.data(), &h, sizeof h);
  return file;
}

bool decode_root_file(const RootFileFormat &format, std::string_view data, const UnitKey &root,
                      UnitEntries &entries) {
  entries.clear();
  Header h;
  if (data.size() < sizeof h) return false;
  std::memcpy(&h, data.data(), sizeof h);
  std::string_view payload = data.substr(sizeof h);
  if (std::memcmp(h.magic, format.magic.data(), sizeof h.magic) != 0 || h.codec_version != format.version ||
      h.root != root.id || h.root_check != root.check || h.payload_size != payload.size() ||
      (format.checksummed && h.payload_checksum != hash64(payload, format.checksum_seed)))
    return false;
  return split_unit_entries(payload, entries);
}

std::string encode_root_units(const UnitKey &root,
                              const std::vector<std::pair<UnitKey, std::string_view>> &entries) {
  return encode_root_file(kUnitFormat, root, entries);
}

bool split_unit_entries(std::string_view payload, UnitEntries &entries) {
  entries.clear();
  while (!payload.empty()) {
    EntryHeader e;
    if (payload.size() < sizeof e) break;
    std::memcpy(&e, payload.data(), sizeof e);
    payload.remove_prefix(sizeof e);
    if (e.size > payload.size()) break;
    entries[e.id] = {e.check, payload.substr(0, e.size)};
    payload.remove_prefix(e.size);
  }
  if (payload.empty()) return true;
  entries.clear();
  return false;
}

bool decode_root_units(std::string_view data, const UnitKey &root, UnitEntries &entries) {
  return decode_root_file(kUnitFormat, data, root, entries);
}

std::string UnitCache::root_path(const std::string &root_abs, uint64_t run_digest) const {
  return dir_ + "/units/" + hex16(root_units_key(root_abs, run_digest).id);
}

RootUnits UnitCache::read_root(const std::string &root_abs, uint64_t run_digest) const {
  RootUnits root;
  if (dir_.empty()) return root;
  // Read like a model entry: without blocking, only a regular file within
  // the limit.
  const FileReadResult read =
      read_regular_file(root_path(root_abs, run_digest), limits::kMaxUnitCacheFileSize, root.bytes);
  if (read.status == FileRead::Ok)
    root.damaged = !decode_root_units(root.bytes, root_units_key(root_abs, run_digest), root.entries);
  else
    root.damaged = read.status != FileRead::Unreadable;
  return root;
}

std::optional<UnitFindings> UnitCache::load(const RootUnits &root, const UnitKey &key) const {
  UnitFindings unit;
  const auto it = root.entries.find(key.id);
  const bool found = it != root.entries.end();
  if (found && it->second.first == key.check && decode_unit_findings(it->second.second, unit)) {
    ++hits_;
    return unit;
  }
  // An entry of another check digest, one that does not decode, or any
  // unit of a refused file: rejected.
  if (found || root.damaged) ++rejected_;
  ++misses_;
  return std::nullopt;
}

void UnitCache::store_root(const std::string &root_abs, uint64_t run_digest,
                           const std::vector<std::pair<UnitKey, std::string_view>> &entries) const {
  if (dir_.empty()) return;
  const std::string file = encode_root_units(root_units_key(root_abs, run_digest), entries);
  if (file.size() > limits::kMaxUnitCacheFileSize) return;  // it would never be read
  write_entry_file(root_path(root_abs, run_digest), std::string_view(file).substr(0, 0), file, temp_counter_);
}

}  // namespace clause
