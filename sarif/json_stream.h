#pragma once
// Writes one JSON document piece by piece, laid out byte for byte as
// nlohmann's dump(indent) lays out a whole tree. A SARIF log of a large
// audit is mostly results; streaming them keeps only one result in memory at
// a time instead of the whole log as a tree and then as a string.
#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace clause {

class JsonStream {
 public:
  using Json = nlohmann::ordered_json;

  // indent < 0: compact, on one line.
  JsonStream(std::ostream &out, int indent) : out_(out), indent_(indent) {}
  ~JsonStream() { flush(); }
  JsonStream(const JsonStream &) = delete;
  JsonStream &operator=(const JsonStream &) = delete;

  // Containers, as a value: at the top, as an array element or after key().
  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }
  // The next member's key; its value follows (a container or value()).
  void key(std::string_view name);
  void value(const Json &v) { dumped(dump(v)); }
  // Scalars written directly, the same bytes as value(Json(x)) without
  // building a tree: results are most of a log.
  void string(std::string_view text);
  // key(name), then string(text).
  void member(std::string_view name, std::string_view text) {
    key(name);
    string(text);
  }
  void number(uint64_t n);
  void boolean(bool b);
  // A value already written by dump(): reused when the same value repeats
  // (the rule descriptors of every run).
  void dumped(const std::string &text);
  std::string dump(const Json &v) const;
  // Hands what is buffered to the stream (also done every kChunkBytes and
  // on destruction).
  void flush();

 private:
  void before_value();
  void open(char bracket);
  void close(char bracket);
  void newline_indent(size_t depth);
  void write_string(std::string_view text);
  void flush_if_full();

  static constexpr size_t kChunkBytes = 1 << 16;

  std::ostream &out_;
  int indent_;
  std::vector<size_t> counts_;  // members written, per open container
  bool after_key_ = false;
  std::string spaces_;
  std::string buf_;  // written, not yet handed to out_  // a line break and the widest indentation so far
};

}  // namespace clause
