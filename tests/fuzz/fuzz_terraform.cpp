// libFuzzer target: see tests/fuzz/fuzz_entry.h and docs/fuzzing.md.
#include <cstring>
#include <string>

#include "tests/fuzz/fuzz_entry.h"
#include "tests/fuzz/hcl_generator.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  return clause::fuzz::verdict(clause::fuzz::terraform(clause::fuzz::bytes_of(data, size)));
}

extern "C" size_t LLVMFuzzerMutate(uint8_t *data, size_t size, size_t max_size);

// Structure-aware mutation (tests/fuzz/hcl_generator.h): one time in four
// the input is replaced by a generated configuration, one in four gets a
// generated `locals` block appended (reading the locals it may already
// have), otherwise libFuzzer's own byte-level mutations run. The generator
// is seeded from libFuzzer's seed and the input, so a run stays
// reproducible with -seed.
extern "C" size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size, unsigned int seed) {
  uint64_t mixed = seed;
  for (size_t i = 0; i < size && i < 64; ++i) mixed = mixed * 131 + data[i];
  clause::fuzz::HclGenerator gen(mixed, 3 + seed % 6);
  std::string text;
  switch (seed % 4) {
    case 0: text = gen.configuration(2 + seed % 12); break;
    case 1:
      text.assign(reinterpret_cast<const char *>(data), size);
      if (!text.empty() && text.back() != '\n') text += '\n';
      text += gen.locals_block(1 + seed % 4, 8 + seed % 8);
      break;
    default: return LLVMFuzzerMutate(data, size, max_size);
  }
  if (text.size() > max_size) return LLVMFuzzerMutate(data, size, max_size);
  std::memcpy(data, text.data(), text.size());
  return text.size();
}
