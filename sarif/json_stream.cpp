#include "sarif/json_stream.h"

#include <array>
#include <charconv>
#include <cstring>

#include "checker/model/utf8.h"

namespace clause {
namespace {

// The bytes a JSON string holds as they are: printable ASCII but the quote
// and the backslash (one table lookup a byte; strings are most of a log).
constexpr std::array<bool, 256> kPlain = [] {
  std::array<bool, 256> t{};
  for (int b = 0x20; b < 0x80; ++b) t[static_cast<size_t>(b)] = b != '"' && b != '\\';
  return t;
}();

// Whether none of the eight bytes at `p` is below 0x20, a quote, a
// backslash or 0x80 and above. Each test may flag a plain byte next to one
// that is not (borrows), never miss one: a flagged word goes byte by byte.
bool plain_word(const char *p) {
  constexpr uint64_t kOnes = 0x0101010101010101ull;
  constexpr uint64_t kHigh = 0x8080808080808080ull;
  uint64_t x;
  std::memcpy(&x, p, sizeof x);
  const auto has_zero = [](uint64_t v) { return (v - kOnes) & ~v & kHigh; };
  const uint64_t below_space = (x - 0x20 * kOnes) & ~x & kHigh;
  return ((x & kHigh) | below_space | has_zero(x ^ ('"' * kOnes)) | has_zero(x ^ ('\\' * kOnes))) == 0;
}

}  // namespace

std::string JsonStream::dump(const Json &v) const {
  return v.dump(indent_, ' ', false, Json::error_handler_t::replace);
}

void JsonStream::newline_indent(size_t depth) {
  const size_t width = depth * static_cast<size_t>(indent_);
  if (spaces_.size() < width + 1) spaces_ = "\n" + std::string(width, ' ');
  buf_.append(spaces_.data(), width + 1);
}

void JsonStream::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (counts_.empty()) return;
  if (counts_.back()++ > 0) buf_.push_back(',');
  if (indent_ >= 0) newline_indent(counts_.size());
}

// Escapes as nlohmann's serializer does with ensure_ascii off: the two
// quotes, backslash and the named control escapes, other bytes below 0x20 as
// \u00xx, everything else as is. Text that is not valid UTF-8 goes through
// nlohmann itself, whose replacement of bad bytes is the reference.
void JsonStream::write_string(std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string &out = buf_;
  const size_t start = out.size();
  out.push_back('"');
  for (size_t i = 0; i < text.size(); ++i) {
    // Runs of bytes that need nothing are copied at once, found eight bytes
    // at a time where no byte of the eight needs a look.
    size_t run = i;
    while (run + 8 <= text.size() && plain_word(text.data() + run)) run += 8;
    while (run < text.size() && kPlain[static_cast<unsigned char>(text[run])]) ++run;
    if (run > i) {
      out.append(text.data() + i, run - i);
      i = run;
      if (i == text.size()) break;
    }
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      uint32_t cp = 0;
      const size_t n = utf8_sequence(text, i, cp);
      if (n == 0) {
        const std::string replaced = Json(text).dump(-1, ' ', false, Json::error_handler_t::replace);
        out.resize(start);
        out += replaced;
        return;
      }
      out.append(text.data() + i, n);
      i += n - 1;
      continue;
    }
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out.push_back(kHex[c >> 4]);
          out.push_back(kHex[c & 0xfU]);
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
  }
  out.push_back('"');
}

void JsonStream::key(std::string_view name) {
  before_value();
  write_string(name);
  buf_ += indent_ >= 0 ? ": " : ":";
  after_key_ = true;
}

void JsonStream::string(std::string_view text) {
  before_value();
  write_string(text);
}

void JsonStream::number(uint64_t n) {
  before_value();
  char digits[20];
  const auto end = std::to_chars(digits, digits + sizeof digits, n).ptr;
  buf_.append(digits, static_cast<size_t>(end - digits));
}

void JsonStream::boolean(bool b) {
  before_value();
  buf_ += b ? "true" : "false";
}

void JsonStream::dumped(const std::string &text) {
  before_value();
  if (indent_ < 0 || counts_.empty()) {
    buf_ += text;
    return;
  }
  // The text was dumped at depth 0: each of its line breaks (never inside a
  // string, where they are escaped) gets this depth's indentation.
  size_t start = 0;
  for (size_t nl = text.find('\n'); nl != std::string::npos; nl = text.find('\n', start)) {
    buf_.append(text.data() + start, nl - start);
    newline_indent(counts_.size());
    start = nl + 1;
  }
  buf_.append(text.data() + start, text.size() - start);
  flush_if_full();
}

void JsonStream::open(char bracket) {
  before_value();
  buf_.push_back(bracket);
  counts_.push_back(0);
}

void JsonStream::close(char bracket) {
  const bool empty = counts_.back() == 0;
  counts_.pop_back();
  if (!empty && indent_ >= 0) newline_indent(counts_.size());
  buf_.push_back(bracket);
  flush_if_full();
}

void JsonStream::flush_if_full() {
  if (buf_.size() >= kChunkBytes) flush();
}

void JsonStream::flush() {
  out_.write(buf_.data(), static_cast<std::streamsize>(buf_.size()));
  buf_.clear();
}

}  // namespace clause
