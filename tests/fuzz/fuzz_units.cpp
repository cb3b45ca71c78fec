// libFuzzer target: the decoders of the cache's unit level
// (checker/cache/unit_findings_codec.h, checker/cache/unit_cache.h). Any
// bytes decode or are refused without a crash, a leak or a read out of
// bounds, whether read as one unit's entry or as the entries of a root's
// file; what decodes encodes back to the same bytes (nothing is dropped or
// invented on the way).
#include <cstdio>
#include <cstdlib>

#include "checker/cache/unit_cache.h"
#include "checker/cache/unit_findings_codec.h"

namespace {

[[noreturn]] void broken(const char *what) {
  std::fprintf(stderr, "fuzz: invariant broken: %s\n", what);
  std::abort();
}

void one_entry(std::string_view bytes) {
  clause::UnitFindings unit;
  if (!clause::decode_unit_findings(bytes, unit)) return;
  const std::string again = clause::encode_unit_findings(unit);
  // Varints may be written longer than needed by hand: compare what they
  // decode to, through a second round.
  clause::UnitFindings second;
  if (!clause::decode_unit_findings(again, second) || clause::encode_unit_findings(second) != again)
    broken("a decoded unit entry does not round-trip");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char *>(data), size);
  one_entry(bytes);
  // The same bytes as the payload of a root's file: every entry found lies
  // within them, and each is decoded on its own.
  clause::UnitEntries entries;
  if (clause::split_unit_entries(bytes, entries)) {
    for (const auto &[id, entry] : entries) {
      if (entry.second.data() < bytes.data() ||
          entry.second.data() + entry.second.size() > bytes.data() + size)
        broken("an entry of a root's file lies outside it");
      one_entry(entry.second);
    }
  } else if (!entries.empty()) {
    broken("a refused root's file left entries");
  }
  // A file written from one entry reads back as that entry.
  const clause::UnitKey root{1, 2}, key{3, 4};
  const std::string file = clause::encode_root_units(root, {{key, bytes}});
  if (!clause::decode_root_units(file, root, entries) || entries.size() != 1 ||
      entries.at(key.id) != std::pair<uint64_t, std::string_view>(key.check, bytes))
    broken("a root's file does not read back");
  return 0;
}
