#pragma once
// A fast, non-cryptographic 64-bit hash for cache keys and entry checksums.
// It reads 8-byte words and mixes them with 64x64->128-bit multiplies, so
// a megabyte costs well under a millisecond. Not for adversarial inputs:
// the cache never trusts an entry on the key alone (see model_cache.h).
#include <cstdint>
#include <string_view>

namespace clause {

uint64_t hash64(std::string_view data, uint64_t seed = 0);

// Folds another value into a running hash (for composite keys).
uint64_t hash_combine(uint64_t h, uint64_t v);

}  // namespace clause
