// The only translation unit that instantiates nlohmann's parser (compile
// time): a SAX handler over a position-publishing iterator builds the Node
// tree directly.
#include "parsers/json/json_parser.h"

#include <algorithm>
#include <cstring>
#include <iterator>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "parsers/deadline.h"

namespace clause {
namespace {

// A pointer into the source that publishes how far the lexer has read: after
// each character the lexer consumes, `*head` points just past it.
struct CountingIt {
  using iterator_category = std::input_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char *;
  using reference = const char &;

  const char *p = nullptr;
  const char **head = nullptr;

  reference operator*() const { return *p; }
  CountingIt &operator++() {
    ++p;
    *head = p;
    return *this;
  }
  CountingIt operator++(int) {
    CountingIt old = *this;
    ++*this;
    return old;
  }
  bool operator==(const CountingIt &o) const { return p == o.p; }
  bool operator!=(const CountingIt &o) const { return p != o.p; }
};

bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool is_number_char(char c) {
  return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

// Byte offset -> 1-based line and column. Queries come in non-decreasing
// order while parsing, so a forward scan with memchr keeps the whole walk
// linear; an earlier offset restarts from the top.
class Locator {
 public:
  Locator(std::string_view src, uint32_t bom) : src_(src), bom_(bom), line_start_(bom) {}

  void at(uint32_t off, uint32_t &line, uint32_t &col) {
    if (off < scanned_) {
      line_ = 1;
      line_start_ = bom_;
      scanned_ = 0;
    }
    while (scanned_ < off) {
      const void *nl = std::memchr(src_.data() + scanned_, '\n', off - scanned_);
      if (!nl) {
        scanned_ = off;
        break;
      }
      ++line_;
      line_start_ = static_cast<uint32_t>(static_cast<const char *>(nl) - src_.data()) + 1;
      scanned_ = line_start_;
    }
    line = line_;
    col = off >= line_start_ ? off - line_start_ + 1 : 1;  // inside the BOM: column 1
  }

 private:
  std::string_view src_;
  uint32_t bom_;
  uint32_t line_ = 1;
  uint32_t line_start_;
  uint32_t scanned_ = 0;
};

// Maps up to this many entries look for duplicate keys by a linear scan;
// larger ones switch to a hash set.
constexpr size_t kLinearKeyScan = 32;

// Whatever ParseOptions asks, deeper trees are refused: every later tree walk
// (the Node destructor included) recurses, and 50,000 levels already overflow
// a default stack under AddressSanitizer.
constexpr size_t kMaxSupportedDepth = 10'000;

struct Frame {
  Node node;
  std::string key;  // the pending key (maps)
  Span key_span;
  std::unique_ptr<std::unordered_set<std::string>> keys;  // large maps only
};

class TreeBuilder {
 public:
  TreeBuilder(Document &doc, const ParseOptions &opts, uint32_t bom, const char *const *head)
      : doc_(doc),
        opts_(opts),
        src_(doc.source),
        base_(doc.source.data()),
        head_(head),
        loc_(doc.source, bom),
        bom_(bom),
        cursor_(bom),
        deadline_(opts.timeout) {}

  Node take_root() { return std::move(root_); }
  bool has_root() const { return has_root_; }

  // --- nlohmann SAX interface -------------------------------------------
  bool null() { return scalar(Node::null(), 4); }
  bool boolean(bool v) { return scalar(Node::make_bool(v), v ? 4 : 5); }
  bool number_integer(nlohmann::json::number_integer_t v) { return number(static_cast<double>(v)); }
  bool number_unsigned(nlohmann::json::number_unsigned_t v) { return number(static_cast<double>(v)); }
  bool number_float(nlohmann::json::number_float_t v, const std::string &) { return number(v); }
  bool string(std::string &v) {
    uint32_t begin = value_begin();
    uint32_t end = head_offset();
    return add_value(Node::make_string(std::move(v), span(begin, end)));
  }
  bool binary(nlohmann::json::binary_t &) { return false; }  // not produced by the JSON lexer

  bool start_object(std::size_t) { return open(NodeKind::Map); }
  bool start_array(std::size_t) { return open(NodeKind::List); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }

  bool key(std::string &k) {
    uint32_t begin = value_begin();
    uint32_t end = head_offset();
    cursor_ = end;
    Frame &f = frames_.back();
    Span ks = span(begin, end);
    if (is_duplicate(f, k)) {
      doc_.diagnostics.push_back(Diagnostic{DiagLevel::Warning, "duplicate-key",
                                            "duplicate key \"" + k + "\"; every entry is kept", ks});
    }
    f.key = std::move(k);
    f.key_span = ks;
    return true;
  }

  // A template: taking `const detail::exception &` would slice the concrete
  // exception type. `position` counts the characters the lexer read up to the
  // end of the offending token (one more at end of input).
  template <class Exception>
  bool parse_error(std::size_t position, const std::string &, const Exception &ex) {
    uint64_t error_end = static_cast<uint64_t>(position) + bom_;
    uint32_t start = offending_token(error_end);
    uint32_t end = static_cast<uint32_t>(std::clamp<uint64_t>(error_end, start, src_.size()));
    doc_.diagnostics.push_back(
        Diagnostic{DiagLevel::Error, "parse-error", plain_message(ex.what()), span(start, end)});
    return false;
  }

 private:
  uint32_t head_offset() const { return static_cast<uint32_t>(*head_ - base_); }

  // Where the next value or key begins: past whitespace and the separators
  // the lexer consumed since the previous event. Works whatever the lexer's
  // look-ahead (numbers read one character too far).
  uint32_t value_begin() const {
    uint32_t p = cursor_;
    const uint32_t n = static_cast<uint32_t>(src_.size());
    while (p < n && (is_ws(src_[p]) || src_[p] == ',' || src_[p] == ':')) ++p;
    return p;
  }

  Span span(uint32_t begin, uint32_t end) {
    Span s;
    s.start_offset = begin;
    s.end_offset = end;
    loc_.at(begin, s.start_line, s.start_col);
    loc_.at(end, s.end_line, s.end_col);
    return s;
  }

  bool scalar(Node n, uint32_t length) {
    uint32_t begin = value_begin();
    n.span = span(begin, begin + length);
    return add_value(std::move(n));
  }

  bool number(double v) {
    uint32_t begin = value_begin();
    uint32_t end = begin;
    while (end < src_.size() && is_number_char(src_[end])) ++end;
    std::string spelling(src_.substr(begin, end - begin));
    return add_value(Node::make_number(v, std::move(spelling), span(begin, end)));
  }

  bool count_node(const Span &at) {
    if (deadline_.passed()) {
      doc_.diagnostics.push_back(
          Diagnostic{DiagLevel::Error, "limit-parse-time", parse_timeout_message(opts_.timeout), at});
      return false;
    }
    if (++nodes_ <= opts_.max_nodes) return true;
    doc_.diagnostics.push_back(Diagnostic{
        DiagLevel::Error, "limit-nodes",
        "more than " + std::to_string(opts_.max_nodes) + " values in one file; the file was not analysed",
        at});
    return false;
  }

  bool add_value(Node n) {
    cursor_ = n.span.end_offset;
    if (!count_node(n.span)) return false;
    attach(std::move(n));
    return true;
  }

  void attach(Node n) {
    if (frames_.empty()) {
      root_ = std::move(n);
      has_root_ = true;
      return;
    }
    Frame &f = frames_.back();
    if (f.node.kind == NodeKind::List) {
      f.node.items.push_back(std::move(n));
    } else {
      f.node.entries.push_back(MapEntry{std::move(f.key), f.key_span, std::move(n)});
    }
  }

  bool open(NodeKind kind) {
    uint32_t end = head_offset();
    uint32_t begin = end - 1;  // the `{` or `[` just read
    cursor_ = end;
    Span s = span(begin, end);
    const size_t max_depth = std::min(opts_.max_depth, kMaxSupportedDepth);
    if (frames_.size() + 1 > max_depth) {
      doc_.diagnostics.push_back(Diagnostic{
          DiagLevel::Error, "limit-depth",
          "nesting deeper than " + std::to_string(max_depth) + " levels; the file was not analysed", s});
      return false;
    }
    if (!count_node(s)) return false;
    Frame &f = frames_.emplace_back();
    f.node.kind = kind;
    f.node.span = s;
    return true;
  }

  bool close() {
    uint32_t end = head_offset();
    cursor_ = end;
    Node n = std::move(frames_.back().node);
    frames_.pop_back();
    uint32_t line = 0, col = 0;
    loc_.at(end, line, col);
    n.span.end_line = line;
    n.span.end_col = col;
    n.span.end_offset = end;
    attach(std::move(n));
    return true;
  }

  static bool is_duplicate(Frame &f, const std::string &k) {
    auto &entries = f.node.entries;
    if (!f.keys) {
      if (entries.size() < kLinearKeyScan) {
        for (const auto &e : entries)
          if (e.key == k) return true;
        return false;
      }
      f.keys = std::make_unique<std::unordered_set<std::string>>();
      for (const auto &e : entries) f.keys->insert(e.key);
    }
    return !f.keys->insert(k).second;
  }

  // The offending token begins at the first byte after `cursor_` that is not
  // whitespace and not a separator the lexer accepted (a separator that ends
  // before the error does).
  uint32_t offending_token(uint64_t error_end) const {
    uint32_t p = cursor_;
    const uint32_t n = static_cast<uint32_t>(src_.size());
    while (p < n) {
      if (is_ws(src_[p])) {
        ++p;
      } else if ((src_[p] == ',' || src_[p] == ':') && p + 1 < error_end) {
        ++p;
      } else {
        break;
      }
    }
    return p;
  }

  // nlohmann: "[json.exception.parse_error.101] parse error at line 3,
  // column 5: syntax error while parsing object - unexpected string literal;
  // expected '}'". Keep the description, drop the echo of the raw token.
  static std::string plain_message(std::string_view what) {
    if (auto colon = what.find(": "); colon != std::string_view::npos) what.remove_prefix(colon + 2);
    std::string msg(what);
    if (auto last = msg.find("; last read: '"); last != std::string::npos) {
      auto expected = msg.find("; expected", last);
      msg.erase(last, expected == std::string::npos ? std::string::npos : expected - last);
    }
    constexpr std::string_view kPrefix = "syntax error while parsing ";
    if (auto dash = msg.find(" - "); msg.starts_with(kPrefix) && dash != std::string::npos) {
      std::string context = msg.substr(kPrefix.size(), dash - kPrefix.size());
      msg = (context == "value" ? "invalid JSON: " : "invalid JSON in " + context + ": ") +
            msg.substr(dash + 3);
    }
    // After a member or an element nlohmann names only the closing bracket.
    for (std::string_view close : {"'}'", "']'"}) {
      std::string suffix = "; expected " + std::string(close);
      if (msg.ends_with(suffix))
        msg.replace(msg.size() - close.size(), close.size(), "',' or " + std::string(close));
    }
    return msg;
  }

  Document &doc_;
  const ParseOptions &opts_;
  std::string_view src_;
  const char *base_;
  const char *const *head_;
  Locator loc_;
  uint32_t bom_;
  uint32_t cursor_;  // end of the last token we know the extent of
  Deadline deadline_;
  size_t nodes_ = 0;
  std::vector<Frame> frames_;
  Node root_;
  bool has_root_ = false;
};

}  // namespace

void parse_json(Document &doc, const ParseOptions &opts) {
  const std::string &src = doc.source;
  uint32_t bom = src.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  size_t first = bom;
  while (first < src.size() && is_ws(src[first])) ++first;
  if (first == src.size()) return;  // nothing to analyse

  const char *head = src.data() + bom;
  TreeBuilder builder(doc, opts, bom, &head);
  CountingIt begin{src.data() + bom, &head};
  CountingIt end{src.data() + src.size(), &head};
  bool ok = nlohmann::json::sax_parse(begin, end, &builder);
  if (ok && builder.has_root()) doc.roots.push_back(builder.take_root());
}

}  // namespace clause
