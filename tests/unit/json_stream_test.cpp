// The streamed SARIF writer must lay out bytes exactly as nlohmann's dump of
// the whole tree: these tests write the same value both ways.
#include "sarif/json_stream.h"

#include <gtest/gtest.h>

#include <sstream>

namespace clause {
namespace {

using Json = nlohmann::ordered_json;

// Writes `v` through the stream API, scalars through the direct writers.
void stream(JsonStream &js, const Json &v) {
  if (v.is_object()) {
    js.begin_object();
    for (const auto &[k, item] : v.items()) {
      js.key(k);
      stream(js, item);
    }
    js.end_object();
  } else if (v.is_array()) {
    js.begin_array();
    for (const auto &item : v) stream(js, item);
    js.end_array();
  } else if (v.is_string()) {
    js.string(v.get_ref<const std::string &>());
  } else if (v.is_number_unsigned()) {
    js.number(v.get<uint64_t>());
  } else if (v.is_boolean()) {
    js.boolean(v.get<bool>());
  } else {
    js.value(v);
  }
}

std::string streamed(const Json &v, int indent) {
  std::ostringstream out;
  {
    JsonStream js(out, indent);
    stream(js, v);
  }
  return out.str();
}

std::string dumped(const Json &v, int indent) {
  return v.dump(indent, ' ', false, Json::error_handler_t::replace);
}

Json sample() {
  Json v;
  v["empty object"] = Json::object();
  v["empty array"] = Json::array();
  v["numbers"] = {0u, 7u, 4294967295u, -3, 2.5};
  v["flags"] = {true, false, nullptr};
  v["nested"] = {{"a", {{"b", Json::array({Json::object(), {{"c", "d"}}})}}}};
  v["tool"] = {{"driver", {{"rules", Json::array({{{"id", "CL-0001"}}})}}}};
  return v;
}

TEST(JsonStream, PrettyLayoutEqualsDumpOfTheWholeTree) {
  const Json v = sample();
  EXPECT_EQ(streamed(v, 2), dumped(v, 2));
}

TEST(JsonStream, CompactLayoutEqualsDumpOfTheWholeTree) {
  const Json v = sample();
  EXPECT_EQ(streamed(v, -1), dumped(v, -1));
}

TEST(JsonStream, StringsEscapeAsNlohmannDoes) {
  const std::vector<std::string> texts = {
      "plain",
      "quote \" backslash \\ slash /",
      std::string("nul \0 end", 9),
      "\b\f\n\r\t\x01\x1f\x7f",
      "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80",  // valid 2, 3 and 4 byte sequences
      "lone \xff byte",
      "overlong \xc0\x80",
      "surrogate \xed\xa0\x80",
      "cut \xe2\x82",
      "cut at end \xf0\x9f",
  };
  for (const std::string &t : texts) {
    Json v = {{"k " + t, t}};
    EXPECT_EQ(streamed(v, 2), dumped(v, 2)) << t;
    EXPECT_EQ(streamed(v, -1), dumped(v, -1)) << t;
  }
}

// Each of the 256 byte values, alone and inside plain text (the escaping
// decides a byte at a time from a table).
TEST(JsonStream, EveryByteEscapesAsNlohmannDoes) {
  for (int b = 0; b < 256; ++b) {
    const std::string byte(1, static_cast<char>(b));
    for (const std::string &t : {byte, "ab" + byte + "cd"}) {
      const Json v = {{t, t}};
      EXPECT_EQ(streamed(v, 2), dumped(v, 2)) << b;
      EXPECT_EQ(streamed(v, -1), dumped(v, -1)) << b;
    }
  }
}

// Plain text is skipped eight bytes at a time: each byte value at each
// place of two words and a tail, and next to another byte needing a look
// (a borrow between the bytes of a word must not hide either).
TEST(JsonStream, EveryByteAtEveryPlaceOfAWordEscapesAsNlohmannDoes) {
  const std::string plain = "abcdefghijklmnopqrs";  // 19 bytes
  for (int b = 0; b < 256; ++b) {
    for (size_t at = 0; at < plain.size(); ++at) {
      std::string t = plain;
      t[at] = static_cast<char>(b);
      std::string pair = t;
      pair[(at + 1) % pair.size()] = '\x01';
      for (const std::string &text : {t, pair}) {
        const Json v = text;
        ASSERT_EQ(streamed(v, -1), dumped(v, -1)) << b << " at " << at;
      }
    }
  }
}

TEST(JsonStream, ADumpedValueIsIndentedAtItsDepth) {
  const Json tool = {{"driver", {{"name", "clause"}, {"rules", {1u, 2u}}}}};
  std::ostringstream out;
  {
    JsonStream js(out, 2);
    const std::string once = js.dump(tool);
    js.begin_array();
    js.begin_object();
    js.key("tool");
    js.dumped(once);
    js.end_object();
    js.begin_object();
    js.key("tool");
    js.dumped(once);
    js.end_object();
    js.end_array();
  }
  const Json whole = Json::array({{{"tool", tool}}, {{"tool", tool}}});
  EXPECT_EQ(out.str(), dumped(whole, 2));
}

}  // namespace
}  // namespace clause
