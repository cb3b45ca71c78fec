// libFuzzer target: see tests/fuzz/fuzz_entry.h and docs/fuzzing.md.
#include "tests/fuzz/fuzz_entry.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  return clause::fuzz::verdict(clause::fuzz::glob(clause::fuzz::bytes_of(data, size)));
}
