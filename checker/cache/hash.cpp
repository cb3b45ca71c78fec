#include "checker/cache/hash.h"

#include <cstring>

namespace clause {
namespace {

// Odd 64-bit constants with well-spread bits (digits of pi and e).
constexpr uint64_t kP0 = 0x243f6a8885a308d3ull;
constexpr uint64_t kP1 = 0x13198a2e03707345ull;
constexpr uint64_t kP2 = 0xa4093822299f31d1ull;
constexpr uint64_t kP3 = 0xb7e151628aed2a6bull;

inline uint64_t load64(const char *p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}

// The high and low halves of the 128-bit product, folded: every input bit
// reaches every output bit in one step.
inline uint64_t mix(uint64_t a, uint64_t b) {
  unsigned __int128 r = static_cast<unsigned __int128>(a) * b;
  return static_cast<uint64_t>(r) ^ static_cast<uint64_t>(r >> 64);
}

}  // namespace

uint64_t hash64(std::string_view data, uint64_t seed) {
  const char *p = data.data();
  size_t n = data.size();
  uint64_t h = seed ^ mix(seed ^ kP0, n ^ kP1);
  // Three independent lanes of 16 bytes keep the multiplier busy.
  if (n > 48) {
    uint64_t a = h, b = h ^ kP2, c = h ^ kP3;
    while (n > 48) {
      a = mix(load64(p) ^ kP0, load64(p + 8) ^ a);
      b = mix(load64(p + 16) ^ kP1, load64(p + 24) ^ b);
      c = mix(load64(p + 32) ^ kP2, load64(p + 40) ^ c);
      p += 48;
      n -= 48;
    }
    h = a ^ b ^ c;
  }
  while (n > 16) {
    h = mix(load64(p) ^ kP1, load64(p + 8) ^ h);
    p += 16;
    n -= 16;
  }
  // The last 1..16 bytes, read as two (possibly overlapping) words.
  uint64_t x = 0, y = 0;
  if (n >= 8) {
    x = load64(p);
    y = load64(p + n - 8);
  } else if (n >= 4) {
    uint32_t lo, hi;
    std::memcpy(&lo, p, 4);
    std::memcpy(&hi, p + n - 4, 4);
    x = lo;
    y = hi;
  } else if (n > 0) {
    x = (uint64_t(uint8_t(p[0])) << 16) | (uint64_t(uint8_t(p[n / 2])) << 8) | uint8_t(p[n - 1]);
  }
  h = mix(x ^ kP2 ^ h, y ^ kP3);
  return mix(h ^ kP0, data.size() ^ kP1 ^ seed);
}

uint64_t hash_combine(uint64_t h, uint64_t v) { return mix(h ^ kP2, v ^ kP3) ^ v; }

}  // namespace clause
