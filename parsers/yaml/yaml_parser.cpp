#include "parsers/yaml/yaml_parser.h"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <optional>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include "parsers/deadline.h"
#include "parsers/yaml/yaml_text.h"

namespace clause {

namespace {

using yaml::LineIndex;
constexpr size_t npos = std::string_view::npos;
constexpr std::string_view kCoreTag = "tag:yaml.org,2002:";

// Thrown out of the event handler (through yaml-cpp) when a limit is hit.
struct LimitHit {
  std::string code;
  std::string message;
  size_t offset;
};

enum class Style : uint8_t { Plain, Single, Double, Block };

// ---------------------------------------------------------------------------
// Typing: the YAML 1.2 core schema for plain scalars.
//
// yaml-cpp's own conversions follow YAML 1.1, where `yes`, `no`, `on`, `off`,
// `y` and `n` are booleans and `010` is octal. Kubernetes (a YAML 1.2-ish
// parser) and CloudFormation keep `yes`/`no`/`on`/`off` as strings, so we do
// too: only `true`/`false` (in any letter case) are booleans, and a rule that
// wants to accept `yes` must say so.

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

int digit_value(char c) {
  if (is_digit(c)) return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return 99;
}

// Digits of `base` only, at least one.
std::optional<double> radix_value(std::string_view digits, int base) {
  if (digits.empty()) return std::nullopt;
  double v = 0;
  for (char c : digits) {
    int d = digit_value(c);
    if (d >= base) return std::nullopt;
    v = v * base + d;
  }
  return v;
}

size_t count_digits(std::string_view s, size_t p) {
  size_t q = p;
  while (q < s.size() && is_digit(s[q])) ++q;
  return q - p;
}

// [-+]? ( \.[0-9]+ | [0-9]+ ( \.[0-9]* )? ) ( [eE] [-+]? [0-9]+ )?
bool is_core_float(std::string_view s) {
  size_t p = 0;
  if (p < s.size() && (s[p] == '-' || s[p] == '+')) ++p;
  size_t int_digits = count_digits(s, p);
  p += int_digits;
  size_t frac_digits = 0;
  if (p < s.size() && s[p] == '.') {
    ++p;
    frac_digits = count_digits(s, p);
    p += frac_digits;
  }
  if (int_digits == 0 && frac_digits == 0) return false;
  if (p < s.size() && (s[p] == 'e' || s[p] == 'E')) {
    ++p;
    if (p < s.size() && (s[p] == '-' || s[p] == '+')) ++p;
    size_t exp_digits = count_digits(s, p);
    if (exp_digits == 0) return false;
    p += exp_digits;
  }
  return p == s.size();
}

double parse_decimal(std::string_view s) {
  if (!s.empty() && s[0] == '+') s.remove_prefix(1);
  double v = 0;
  auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  if (r.ec == std::errc::result_out_of_range) {
    // Too large: infinity with the sign; too small: zero.
    size_t exp = s.find_first_of("eE");
    bool tiny = exp != npos && exp + 1 < s.size() && s[exp + 1] == '-';
    bool neg = !s.empty() && s[0] == '-';
    if (tiny) return neg ? -0.0 : 0.0;
    return neg ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
  }
  return v;
}

Node core_schema_scalar(const std::string &v, Span s) {
  if (v.empty() || v == "~" || v == "null" || v == "Null" || v == "NULL") return Node::null(s);
  if (iequals(v, "true")) return Node::make_bool(true, s);
  if (iequals(v, "false")) return Node::make_bool(false, s);
  std::string_view sv = v;
  if (sv.size() > 2 && sv[0] == '0' && (sv[1] == 'x' || sv[1] == 'o')) {
    if (auto d = radix_value(sv.substr(2), sv[1] == 'x' ? 16 : 8)) return Node::make_number(*d, v, s);
    return Node::make_string(v, s);
  }
  if (is_core_float(sv)) return Node::make_number(parse_decimal(sv), v, s);
  std::string_view unsigned_part = sv;
  bool negative = false;
  if (!sv.empty() && (sv[0] == '-' || sv[0] == '+')) {
    negative = sv[0] == '-';
    unsigned_part.remove_prefix(1);
  }
  if (unsigned_part == ".inf" || unsigned_part == ".Inf" || unsigned_part == ".INF") {
    double inf = std::numeric_limits<double>::infinity();
    return Node::make_number(negative ? -inf : inf, v, s);
  }
  if (sv == ".nan" || sv == ".NaN" || sv == ".NAN")
    return Node::make_number(std::numeric_limits<double>::quiet_NaN(), v, s);
  return Node::make_string(v, s);
}

Node type_scalar(const std::string &tag, const std::string &value, Style style, Span s) {
  if (tag == "?") return core_schema_scalar(value, s);
  if (tag == "!") return Node::make_string(value, s);
  if (std::string_view(tag).starts_with(kCoreTag)) {
    std::string_view name = std::string_view(tag).substr(kCoreTag.size());
    if (name == "null") return Node::null(s);
    if (name == "bool" || name == "int" || name == "float") return core_schema_scalar(value, s);
    return Node::make_string(value, s);  // str, binary, timestamp, ...
  }
  // Any other tag: the value as it is written.
  if (style == Style::Plain) return core_schema_scalar(value, s);
  return Node::make_string(value, s);
}

// CloudFormation short-form intrinsic: the long-form key for the tag, or "".
std::string cfn_long_form(std::string_view tag) {
  static constexpr std::string_view kFunctions[] = {
      "Sub", "GetAtt", "Join",   "Select",      "FindInMap", "Equals", "Not",  "And",
      "Or",  "If",     "Base64", "ImportValue", "Split",     "GetAZs", "Cidr", "Transform"};
  if (!tag.starts_with('!')) return {};
  tag.remove_prefix(1);
  if (tag == "Ref" || tag == "Condition") return std::string(tag);
  for (std::string_view f : kFunctions)
    if (tag == f) return "Fn::" + std::string(f);
  return {};
}

// ---------------------------------------------------------------------------
// Builds located Nodes from yaml-cpp's parser events.

struct FileCounters {
  size_t nodes = 0;
  size_t alias_nodes = 0;
};

struct KeyText {
  std::string text;
  bool plain = false;  // an untagged plain scalar (only those make `<<` a merge key)
};

class Builder final : public YAML::EventHandler {
 public:
  Builder(std::string_view text, const LineIndex &idx, const ParseOptions &opts, size_t base,
          FileCounters &counters, const std::vector<yaml::TaggedBlock> &tagged_blocks, Deadline &deadline)
      : text_(text),
        idx_(idx),
        opts_(opts),
        base_(base),
        counters_(counters),
        tagged_blocks_(tagged_blocks),
        deadline_(deadline) {}

  std::vector<Node> documents;
  std::vector<Diagnostic> warnings;
  size_t last_offset() const { return last_offset_; }

  void OnDocumentStart(const YAML::Mark &mark) override {
    // yaml-cpp 0.7 never consumes a stray flow indicator at document level
    // (`,`, `]`, `}`): HandleNextDocument then returns an empty document at
    // the same position forever (YAML::LoadAll hangs too). A real document
    // always starts after the previous one; the segment is then one broken
    // document, not several empty ones.
    if (mark.pos <= last_document_pos_) {
      documents.clear();
      warnings.clear();
      const size_t at = offset(mark);
      const char c = at < text_.size() ? text_[at] : ' ';
      std::string what =
          c > ' ' && c < 127 ? "unexpected '" + std::string(1, c) + "'" : "unexpected character";
      throw LimitHit{"parse-error", what, at};
    }
    last_document_pos_ = mark.pos;
    stack_.clear();
    anchors_.clear();
    root_.reset();
    pending_.clear();
    doc_start_ = offset(mark);
  }

  void OnDocumentEnd() override {
    documents.push_back(root_ ? std::move(*root_) : Node::null(idx_.span(doc_start_, doc_start_)));
    root_.reset();
    for (auto &d : pending_) warnings.push_back(std::move(d));
    pending_.clear();
    anchors_.clear();
  }

  void OnNull(const YAML::Mark &mark, YAML::anchor_t anchor) override {
    // yaml-cpp gives an implicit null (`key:` with nothing after it) the mark
    // of the next token, often on the next line. Locate it right after the
    // indicator that introduced it instead, unless the mark is where the
    // value would start on that line (an explicit `~`/`null`, or an anchor).
    const size_t off = offset(mark);
    const size_t expected = implicit_position();
    size_t q = expected;
    while (q < text_.size() && yaml::is_blank(text_[q])) ++q;
    size_t begin = expected, end = expected;
    if (q == off) {
      begin = off;
      yaml::Properties props = yaml::skip_properties(text_, off);
      end = props.end;
      size_t v = props.value_begin;
      bool same_line = text_.substr(props.end, v - props.end).find('\n') == npos;
      if (same_line && v < text_.size()) {
        if (text_[v] == '~') {
          end = v + 1;
        } else if (text_.substr(v, 4) == "null" || text_.substr(v, 4) == "Null" ||
                   text_.substr(v, 4) == "NULL") {
          end = v + 4;
        }
      }
    }
    count_nodes(1, off);
    Node n = Node::null(idx_.span(begin, end));
    finish(std::move(n), anchor, end, KeyText{std::string(text_.substr(begin, end - begin)), false});
  }

  void OnAlias(const YAML::Mark &mark, YAML::anchor_t anchor) override {
    const size_t off = offset(mark);
    size_t end = off + 1;
    while (end < text_.size() && !yaml::is_space(text_[end]) && text_[end] != ',' && text_[end] != ']' &&
           text_[end] != '}')
      ++end;
    Span s = idx_.span(off, end);
    auto it = anchors_.find(anchor);
    if (it == anchors_.end()) {  // an alias to a node still being built (a cycle)
      count_nodes(1, off);
      emit(Node::null(s), end, KeyText{});
      return;
    }
    counters_.alias_nodes += it->second.size;
    if (counters_.alias_nodes > opts_.max_alias_expansion)
      throw LimitHit{"limit-alias",
                     "YAML aliases expand to more than " + std::to_string(opts_.max_alias_expansion) +
                         " nodes (alias bomb?); document skipped",
                     off};
    count_nodes(it->second.size, off);
    Node copy = it->second.node;
    copy.span = s;
    KeyText key{copy.is_scalar() ? (copy.kind == NodeKind::Bool ? copy.scalar_text() : copy.text) : "",
                false};
    emit(std::move(copy), end, std::move(key));
  }

  void OnScalar(const YAML::Mark &mark, const std::string &given_tag, YAML::anchor_t anchor,
                const std::string &value) override {
    size_t off = offset(mark);
    std::string tag = given_tag;
    if (const yaml::TaggedBlock *tb = blanked_tag(off)) {  // see yaml::TaggedBlock
      off = tb->tag_begin;
      tag = std::string(text_.substr(tb->tag_begin, tb->tag_end - tb->tag_begin));
    }
    yaml::Properties props = yaml::skip_properties(text_, off);
    size_t vb = props.value_begin;
    Style style = Style::Plain;
    size_t end = vb;
    const char c = vb < text_.size() ? text_[vb] : '\0';
    if (value.empty() && props.end != off &&
        !(text_.substr(vb, 2) == "\"\"" || text_.substr(vb, 2) == "''") && c != '|' && c != '>') {
      vb = end = props.end;  // `!Ref` with nothing after it
    } else if (c == '"' || c == '\'') {
      // yaml-cpp accepts a quoted scalar that runs to the end of the input
      // (swallowing every line after the quote); YAML does not.
      bool closed = true;
      style = c == '"' ? Style::Double : Style::Single;
      end = c == '"' ? yaml::skip_double_quoted(text_, vb, &closed)
                     : yaml::skip_single_quoted(text_, vb, &closed);
      if (!closed) throw LimitHit{"parse-error", "quoted string is never closed", vb};
    } else if ((c == '|' || c == '>') && tag != "?") {
      style = Style::Block;
      end = yaml::block_scalar_extent(text_, vb).content_end;
    } else {
      end = yaml::match_plain(text_, vb, value);
    }
    count_nodes(1, off);
    KeyText key{value, style == Style::Plain && tag == "?"};
    std::string fn = cfn_long_form(tag);
    if (fn.empty()) {
      finish(type_scalar(tag, value, style, idx_.span(off, end)), anchor, end, std::move(key));
      return;
    }
    Node inner = style == Style::Plain && !value.empty() ? core_schema_scalar(value, idx_.span(vb, end))
                                                         : Node::make_string(value, idx_.span(vb, end));
    if (fn == "Fn::GetAtt" && inner.is_string() && inner.text.find('.') != npos) {
      // `!GetAtt Resource.Attribute` -> ["Resource", "Attribute"]
      size_t dot = inner.text.find('.');
      size_t content = style == Style::Plain ? vb : vb + 1;
      bool exact = style != Style::Block && text_.substr(content, value.size()) == value;
      Span first = exact ? idx_.span(content, content + dot) : inner.span;
      Span second = exact ? idx_.span(content + dot + 1, content + value.size()) : inner.span;
      Node list = Node::make_list(inner.span);
      list.items.push_back(Node::make_string(inner.text.substr(0, dot), first));
      list.items.push_back(Node::make_string(inner.text.substr(dot + 1), second));
      count_nodes(2, off);
      inner = std::move(list);
    }
    finish(wrap_intrinsic(fn, std::move(inner), off, props.end, end), anchor, end, std::move(key));
  }

  void OnSequenceStart(const YAML::Mark &mark, const std::string &tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    start_container(mark, tag, anchor, false);
  }
  void OnSequenceEnd() override { end_container(); }
  void OnMapStart(const YAML::Mark &mark, const std::string &tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    start_container(mark, tag, anchor, true);
  }
  void OnMapEnd() override { end_container(); }

 private:
  struct Frame {
    Node node;
    bool is_map = false;
    bool bracketed = false;  // `[...]` / `{...}` (a compact `[a: b]` map has no braces)
    std::string tag;
    YAML::anchor_t anchor = 0;
    size_t begin = 0;        // the mark: first property, bracket or first key / dash
    size_t props_end = 0;    // end of the properties (== begin without any)
    size_t value_begin = 0;  // first character after the properties
    size_t content_end = 0;  // end of the last content so far
    // Map state: the key waiting for its value.
    bool have_key = false;
    std::string key;
    Span key_span;
    size_t key_end = 0;
    bool key_is_merge = false;
    std::vector<bool> merge;  // per entry: a `<<` merge key
  };
  struct Anchored {
    Node node;
    size_t size = 0;
  };

  const yaml::TaggedBlock *blanked_tag(size_t header) const {
    auto it = std::lower_bound(tagged_blocks_.begin(), tagged_blocks_.end(), header,
                               [](const yaml::TaggedBlock &b, size_t h) { return b.header < h; });
    return it != tagged_blocks_.end() && it->header == header ? &*it : nullptr;
  }

  size_t offset(const YAML::Mark &mark) {
    size_t o = base_ + (mark.pos > 0 ? static_cast<size_t>(mark.pos) : 0);
    last_offset_ = std::min(o, text_.size());
    return last_offset_;
  }

  void count_nodes(size_t k, size_t off) {
    if (deadline_.passed()) throw LimitHit{"limit-parse-time", parse_timeout_message(opts_.timeout), off};
    counters_.nodes += k;
    if (counters_.nodes > opts_.max_nodes)
      throw LimitHit{
          "limit-nodes",
          "more than " + std::to_string(opts_.max_nodes) + " YAML nodes in this file; rest skipped", off};
  }

  // After skipping blanks, comments and line breaks from `from`: just past
  // `indicator` when it is there, else `from`.
  size_t after_indicator(size_t from, char indicator) const {
    size_t q = yaml::skip_space_and_comments(text_, from);
    return q < text_.size() && text_[q] == indicator ? q + 1 : from;
  }

  // Where an empty (implicit null) node would stand.
  size_t implicit_position() const {
    if (stack_.empty()) return doc_start_;
    const Frame &f = stack_.back();
    if (f.is_map) return f.have_key ? after_indicator(f.key_end, ':') : f.content_end;
    if (f.bracketed) return f.content_end;
    return after_indicator(f.node.items.empty() ? f.begin : f.content_end, '-');
  }

  Span tag_span(size_t begin, size_t props_end) const {
    size_t t = text_.find('!', begin);
    if (t == npos || t >= props_end) return idx_.span(begin, props_end);
    size_t e = t;
    while (e < props_end && !yaml::is_space(text_[e])) ++e;
    return idx_.span(t, e);
  }

  // {"Fn::Name": inner}, located at the tag.
  Node wrap_intrinsic(const std::string &fn, Node inner, size_t begin, size_t props_end, size_t end) {
    count_nodes(1, begin);
    Node map = Node::make_map(idx_.span(begin, end));
    map.add(fn, std::move(inner), tag_span(begin, props_end));
    return map;
  }

  void start_container(const YAML::Mark &mark, const std::string &tag, YAML::anchor_t anchor, bool is_map) {
    const size_t off = offset(mark);
    if (stack_.size() >= opts_.max_depth)
      throw LimitHit{
          "limit-depth",
          "YAML nesting deeper than " + std::to_string(opts_.max_depth) + " levels; document skipped", off};
    count_nodes(1, off);
    Frame f;
    f.is_map = is_map;
    f.tag = tag;
    f.anchor = anchor;
    f.begin = off;
    yaml::Properties props = yaml::skip_properties(text_, off);
    f.props_end = props.end;
    f.value_begin = props.value_begin;
    f.bracketed = f.value_begin < text_.size() && text_[f.value_begin] == (is_map ? '{' : '[');
    f.content_end = f.bracketed ? f.value_begin + 1 : off;
    f.node = is_map ? Node::make_map() : Node::make_list();
    stack_.push_back(std::move(f));
  }

  void end_container() {
    Frame f = std::move(stack_.back());
    stack_.pop_back();
    size_t end = f.content_end;
    if (f.bracketed) {
      size_t q = yaml::skip_space_and_comments(text_, end);
      while (q < text_.size() && text_[q] == ',') q = yaml::skip_space_and_comments(text_, q + 1);
      if (q < text_.size() && text_[q] == (f.is_map ? '}' : ']')) end = q + 1;
    }
    if (f.is_map) finish_map(f);
    Node n = std::move(f.node);
    KeyText key{std::string(text_.substr(f.begin, end - f.begin)), false};
    std::string fn = cfn_long_form(f.tag);
    if (fn.empty()) {
      n.span = idx_.span(f.begin, end);
    } else {
      n.span = idx_.span(f.value_begin, end);
      n = wrap_intrinsic(fn, std::move(n), f.begin, f.props_end, end);
    }
    finish(std::move(n), f.anchor, end, std::move(key));
  }

  void finish(Node n, YAML::anchor_t anchor, size_t end, KeyText key) {
    if (anchor != 0) {
      size_t size = n.subtree_size();
      anchors_[anchor] = Anchored{n, size};
    }
    emit(std::move(n), end, std::move(key));
  }

  void emit(Node n, size_t end, KeyText key) {
    if (stack_.empty()) {
      root_ = std::move(n);
      return;
    }
    Frame &f = stack_.back();
    f.content_end = std::max(f.content_end, end);
    if (!f.is_map) {
      f.node.items.push_back(std::move(n));
      return;
    }
    if (!f.have_key) {
      f.have_key = true;
      f.key_is_merge = key.plain && key.text == "<<";
      f.key = std::move(key.text);
      f.key_span = n.span;
      f.key_end = end;
      return;
    }
    f.have_key = false;
    f.node.entries.push_back(MapEntry{std::move(f.key), f.key_span, std::move(n)});
    f.merge.push_back(f.key_is_merge);
  }

  void report_duplicate(const MapEntry &first, const MapEntry &dup) {
    pending_.push_back(Diagnostic{DiagLevel::Warning, "duplicate-key",
                                  "duplicate key '" + dup.key + "' (first defined on line " +
                                      std::to_string(first.key_span.start_line) + ")",
                                  dup.key_span});
  }

  void finish_map(Frame &f) {
    auto &entries = f.node.entries;
    // Duplicate keys are kept (the model allows repeats; Node::get returns
    // the first, as yaml-cpp does) and reported.
    if (entries.size() <= 16) {
      for (size_t i = 1; i < entries.size(); ++i) {
        if (f.merge[i]) continue;
        for (size_t j = 0; j < i; ++j) {
          if (!f.merge[j] && entries[j].key == entries[i].key) {
            report_duplicate(entries[j], entries[i]);
            break;
          }
        }
      }
    } else {
      std::unordered_map<std::string_view, size_t> seen;
      seen.reserve(entries.size());
      for (size_t i = 0; i < entries.size(); ++i) {
        if (f.merge[i]) continue;
        auto [it, inserted] = seen.emplace(entries[i].key, i);
        if (!inserted) report_duplicate(entries[it->second], entries[i]);
      }
    }
    bool any_merge = false;
    for (bool m : f.merge) any_merge = any_merge || m;
    if (any_merge) apply_merges(f);
  }

  // `<<: *base` / `<<: [*a, *b]`: copy in the keys the map does not set
  // itself; among several sources the earlier one wins.
  void apply_merges(Frame &f) {
    auto &entries = f.node.entries;
    std::unordered_set<std::string> taken;
    for (size_t i = 0; i < entries.size(); ++i)
      if (!f.merge[i]) taken.insert(entries[i].key);
    std::vector<MapEntry> out;
    out.reserve(entries.size());
    auto take_from = [&](Node &source) {
      for (auto &e : source.entries)
        if (taken.insert(e.key).second) out.push_back(std::move(e));
    };
    for (size_t i = 0; i < entries.size(); ++i) {
      MapEntry &e = entries[i];
      bool valid = e.value.is_map();
      if (e.value.is_list()) {
        valid = true;
        for (const auto &item : e.value.items) valid = valid && item.is_map();
      }
      if (!f.merge[i] || !valid) {
        if (f.merge[i])
          pending_.push_back(Diagnostic{DiagLevel::Warning, "merge-key",
                                        "merge key '<<' needs a map or a list of maps; kept as a plain key",
                                        e.key_span});
        out.push_back(std::move(e));
        continue;
      }
      if (e.value.is_map()) {
        take_from(e.value);
      } else {
        for (auto &item : e.value.items) take_from(item);
      }
    }
    entries = std::move(out);
  }

  std::string_view text_;
  const LineIndex &idx_;
  const ParseOptions &opts_;
  size_t base_;
  FileCounters &counters_;
  const std::vector<yaml::TaggedBlock> &tagged_blocks_;
  Deadline &deadline_;
  size_t doc_start_ = 0;
  size_t last_offset_ = 0;
  int last_document_pos_ = -1;
  std::vector<Frame> stack_;
  std::unordered_map<YAML::anchor_t, Anchored> anchors_;
  std::optional<Node> root_;
  std::vector<Diagnostic> pending_;
};

bool looks_like_helm_template(std::string_view text) {
  size_t open = text.find("{{");
  return open != npos && text.find("}}", open) != npos;
}

Diagnostic make_diag(DiagLevel level, std::string code, std::string message, Span span) {
  return Diagnostic{level, std::move(code), std::move(message), span};
}

}  // namespace

void parse_yaml(Document &doc, const ParseOptions &opts) {
  std::string_view text = doc.source;
  const size_t begin = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  const LineIndex idx(text, begin);
  const yaml::TextScan scan = yaml::scan_text(text, begin, opts.max_depth);
  for (const auto &[b, e] : scan.comments)
    doc.comments.push_back(Comment{idx.span(b, e), std::string(text.substr(b, e - b))});

  const size_t first_root = doc.roots.size();
  const size_t first_diag = doc.diagnostics.size();
  FileCounters counters;
  Deadline deadline(opts.timeout);
  bool parse_failed = false;
  for (const yaml::Segment &seg : scan.segments) {
    if (seg.too_deep_at != npos) {
      // Checked before yaml-cpp sees the text: it would build a token queue
      // for the whole nest and then fail with an unhelpful "bad file".
      doc.diagnostics.push_back(make_diag(
          DiagLevel::Error, "limit-depth",
          "YAML nesting deeper than " + std::to_string(opts.max_depth) + " levels; document skipped",
          idx.span(seg.too_deep_at, seg.too_deep_at + 1)));
      continue;
    }
    Builder builder(text, idx, opts, seg.begin, counters, scan.tagged_blocks, deadline);
    bool stop = false;
    try {
      std::string input(text.substr(seg.begin, seg.end - seg.begin));
      for (const yaml::TaggedBlock &tb : scan.tagged_blocks)
        if (tb.tag_begin >= seg.begin && tb.tag_end <= seg.end)
          input.replace(tb.tag_begin - seg.begin, tb.tag_end - tb.tag_begin, tb.tag_end - tb.tag_begin, ' ');
      std::istringstream in(std::move(input));
      YAML::Parser parser(in);
      while (parser.HandleNextDocument(builder)) {
      }
    } catch (const LimitHit &hit) {
      doc.diagnostics.push_back(
          make_diag(DiagLevel::Error, hit.code, hit.message, idx.span(hit.offset, hit.offset)));
      stop = hit.code == "limit-nodes" || hit.code == "limit-parse-time";
      if (hit.code == "limit-parse-time") {
        doc.roots.resize(first_root);  // the file as a whole was not analysed
        builder.documents.clear();
      }
      parse_failed = parse_failed || hit.code == "parse-error";
    } catch (const YAML::DeepRecursion &) {
      size_t at = builder.last_offset();
      doc.diagnostics.push_back(make_diag(DiagLevel::Error, "limit-depth",
                                          "YAML nesting too deep for the parser; document skipped",
                                          idx.span(at, at)));
    } catch (const YAML::Exception &e) {
      size_t at = seg.begin + (e.mark.pos > 0 ? static_cast<size_t>(e.mark.pos) : 0);
      at = std::min(at, seg.end);
      doc.diagnostics.push_back(make_diag(DiagLevel::Error, "parse-error", e.msg, idx.span(at, at)));
      parse_failed = true;
    } catch (const std::exception &e) {
      doc.diagnostics.push_back(
          make_diag(DiagLevel::Error, "parse-error", e.what(), idx.span(seg.begin, seg.begin)));
      parse_failed = true;
    }
    for (auto &d : builder.documents) doc.roots.push_back(std::move(d));
    for (auto &w : builder.warnings) doc.diagnostics.push_back(std::move(w));
    if (stop) break;
  }

  if (parse_failed && opts.detect_helm_templates && looks_like_helm_template(text)) {
    doc.roots.resize(first_root);
    doc.diagnostics.resize(first_diag);
    size_t at = text.find("{{");
    doc.diagnostics.push_back(make_diag(DiagLevel::Note, "helm-template", "unrendered Helm template; skipped",
                                        idx.span(at, at + 2)));
  }
}

DocumentPtr parse_own_yaml(std::string_view text, const std::string &path) {
  auto doc = std::make_unique<Document>();
  doc->path = path;
  doc->source = std::string(text);
  ParseOptions opts;
  opts.detect_helm_templates = false;
  parse_yaml(*doc, opts);
  return doc;
}

}  // namespace clause
