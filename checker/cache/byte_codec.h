#pragma once
// The byte-level primitives the cache's codecs share: LEB128 varints,
// length-prefixed strings, raw doubles, and a reader that never trusts a
// count or a length (a forged one fails the decode instead of reading past
// the end or allocating more than the data could hold).
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace clause::cache_codec {

inline uint64_t zigzag(int64_t v) { return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63); }
inline int64_t unzigzag(uint64_t v) { return static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1); }

class ByteWriter {
 public:
  std::string out;

  void u8(uint8_t v) { out.push_back(static_cast<char>(v)); }
  void var(uint64_t v) {
    while (v >= 0x80) {
      out.push_back(static_cast<char>((v & 0x7f) | 0x80));
      v >>= 7;
    }
    out.push_back(static_cast<char>(v));
  }
  void str(std::string_view s) {
    var(s.size());
    out.append(s);
  }
  void f64(double d) {
    char b[8];
    std::memcpy(b, &d, 8);
    out.append(b, 8);
  }
};

class ByteReader {
 public:
  explicit ByteReader(std::string_view data)
      : p_(reinterpret_cast<const uint8_t *>(data.data())), end_(p_ + data.size()) {}

  bool ok() const { return ok_; }
  bool at_end() const { return p_ == end_; }

  uint8_t u8() {
    if (p_ == end_) return fail(), 0;
    return *p_++;
  }
  uint64_t var() {
    if (p_ != end_ && *p_ < 0x80) return *p_++;  // most values fit one byte
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (p_ == end_) return fail(), 0;
      uint8_t b = *p_++;
      v |= uint64_t(b & 0x7f) << shift;
      if (!(b & 0x80)) return v;
    }
    return fail(), 0;
  }
  uint32_t u32() {
    uint64_t v = var();
    if (v > UINT32_MAX) fail();
    return static_cast<uint32_t>(v);
  }
  // A count of elements that each take at least `min_bytes` encoded: never
  // more than what is left can hold, so a forged count cannot make us
  // allocate more than a small multiple of the entry's size.
  size_t count(size_t min_bytes = 1) {
    uint64_t n = var();
    if (n > static_cast<uint64_t>(end_ - p_) / min_bytes) return fail(), 0;
    return static_cast<size_t>(n);
  }
  void str(std::string &s) {
    size_t n = count();
    if (!ok_) return;
    s.assign(reinterpret_cast<const char *>(p_), n);
    p_ += n;
  }
  double f64() {
    if (end_ - p_ < 8) return fail(), 0;
    double d;
    std::memcpy(&d, p_, 8);
    p_ += 8;
    return d;
  }

  void fail() { ok_ = false, p_ = end_; }

 private:
  const uint8_t *p_;
  const uint8_t *end_;
  bool ok_ = true;
};

}  // namespace clause::cache_codec
