// libFuzzer target: the decoder of the cache's unit level
// (checker/cache/unit_findings_codec.h). Any bytes decode or are refused
// without a crash, a leak or a read out of bounds; what decodes encodes
// back to the same bytes (nothing is dropped or invented on the way).
#include <cstdio>
#include <cstdlib>

#include "checker/cache/unit_findings_codec.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char *>(data), size);
  clause::UnitFindings unit;
  if (!clause::decode_unit_findings(bytes, unit)) return 0;
  const std::string again = clause::encode_unit_findings(unit);
  // Varints may be written longer than needed by hand: compare what they
  // decode to, through a second round.
  clause::UnitFindings second;
  if (!clause::decode_unit_findings(again, second) || clause::encode_unit_findings(second) != again) {
    std::fprintf(stderr, "fuzz: invariant broken: a decoded unit entry does not round-trip\n");
    std::abort();
  }
  return 0;
}
