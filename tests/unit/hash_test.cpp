#include "checker/cache/hash.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace clause {
namespace {

TEST(Hash64, IsDeterministicAndSeeded) {
  EXPECT_EQ(hash64("resource \"aws_s3_bucket\" \"b\" {}"), hash64("resource \"aws_s3_bucket\" \"b\" {}"));
  EXPECT_NE(hash64("abc", 0), hash64("abc", 1));
  EXPECT_NE(hash64(""), hash64(std::string_view("\0", 1)));
}

// Every length through the tail, the 16-byte and the 48-byte loops, and a
// one-bit change at every position, give distinct hashes.
TEST(Hash64, DistinguishesLengthsAndSingleBitChanges) {
  std::string text;
  for (int i = 0; i < 300; ++i) text.push_back(static_cast<char>('a' + i % 26));
  std::set<uint64_t> seen;
  for (size_t n = 0; n <= text.size(); ++n) seen.insert(hash64(std::string_view(text).substr(0, n)));
  EXPECT_EQ(seen.size(), text.size() + 1);
  seen.clear();
  for (size_t i = 0; i < text.size(); ++i) {
    std::string flipped = text;
    flipped[i] ^= 1;
    seen.insert(hash64(flipped));
  }
  seen.insert(hash64(text));
  EXPECT_EQ(seen.size(), text.size() + 1);
}

TEST(Hash64, ChangesAboutHalfTheBitsForOneBitOfInput) {
  std::string text(100, 'x');
  int total = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    std::string flipped = text;
    flipped[i] ^= 0x10;
    total += __builtin_popcountll(hash64(text) ^ hash64(flipped));
  }
  double mean = static_cast<double>(total) / text.size();
  EXPECT_GT(mean, 24.0);
  EXPECT_LT(mean, 40.0);
}

TEST(HashCombine, DependsOnOrder) {
  EXPECT_NE(hash_combine(hash_combine(0, 1), 2), hash_combine(hash_combine(0, 2), 1));
}

}  // namespace
}  // namespace clause
