#include "checker/cache/document_codec.h"

#include <cstring>
#include <memory>

#include "checker/model/expr.h"

namespace clause {
namespace {

// The fewest bytes each element can encode to (a span is six varints).
constexpr size_t kMinSpan = 6;
constexpr size_t kMinNode = 1 + kMinSpan;
constexpr size_t kMinEntry = 1 + kMinSpan + kMinNode;
constexpr size_t kMinExpr = 2 + 1 + kMinSpan + 1 + 1 + kMinNode;
constexpr size_t kMinBlock = 1 + 1 + 2 * kMinSpan + kMinNode;
constexpr size_t kMinComment = kMinSpan + 1;
constexpr size_t kMinDiagnostic = 1 + 1 + 1 + kMinSpan;

// Deeper than any parser produces (ParseOptions::max_depth bounds them), and
// shallow enough that decoding a hostile entry cannot exhaust the stack.
constexpr int kMaxDecodeDepth = 2048;

// Node flag bits; the low three bits hold the NodeKind.
enum : uint32_t {
  kFromBlock = 1u << 3,
  kBoolean = 1u << 4,
  kHasText = 1u << 5,
  kHasItems = 1u << 6,
  kHasEntries = 1u << 7,
  kHasExpr = 1u << 8,
  kHasNumber = 1u << 9,
};

class Writer {
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
  // Ends relative to starts: most spans are short, so the deltas fit a byte.
  void span(const Span &s) {
    var(s.start_line);
    var(s.start_col);
    var(s.end_line - s.start_line);
    var(s.end_col);
    var(s.start_offset);
    var(s.end_offset - s.start_offset);
  }

  void node(const Node &n) {
    uint32_t flags = static_cast<uint32_t>(n.kind);
    if (n.from_block) flags |= kFromBlock;
    if (n.boolean) flags |= kBoolean;
    if (!n.text.empty()) flags |= kHasText;
    if (!n.items.empty()) flags |= kHasItems;
    if (!n.entries.empty()) flags |= kHasEntries;
    if (n.expr) flags |= kHasExpr;
    uint64_t bits;
    std::memcpy(&bits, &n.number, 8);
    if (bits != 0) flags |= kHasNumber;
    var(flags);
    span(n.span);
    if (flags & kHasNumber) f64(n.number);
    if (flags & kHasText) str(n.text);
    if (flags & kHasItems) {
      var(n.items.size());
      for (const auto &i : n.items) node(i);
    }
    if (flags & kHasEntries) {
      var(n.entries.size());
      for (const auto &e : n.entries) {
        str(e.key);
        span(e.key_span);
        node(e.value);
      }
    }
    if (flags & kHasExpr) expr(*n.expr);
  }

  void expr(const Expr &e) {
    u8(static_cast<uint8_t>(e.op));
    u8(e.expand ? 1 : 0);
    str(e.name);
    span(e.span);
    str(e.source);
    var(e.args.size());
    for (const auto &a : e.args) expr(a);
    node(e.value);
  }
};

// Spans whose ends would come before their starts wrap around in uint32
// arithmetic exactly as they were written, so every span round-trips.
class Reader {
 public:
  explicit Reader(std::string_view data) : p_(data.data()), end_(data.data() + data.size()) {}

  bool ok() const { return ok_; }
  bool at_end() const { return p_ == end_; }

  uint8_t u8() {
    if (p_ == end_) return fail(), 0;
    return static_cast<uint8_t>(*p_++);
  }
  uint64_t var() {
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (p_ == end_) return fail(), 0;
      uint8_t b = static_cast<uint8_t>(*p_++);
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
    s.assign(p_, n);
    p_ += n;
  }
  double f64() {
    if (end_ - p_ < 8) return fail(), 0;
    double d;
    std::memcpy(&d, p_, 8);
    p_ += 8;
    return d;
  }
  Span span() {
    Span s;
    s.start_line = u32();
    s.start_col = u32();
    s.end_line = s.start_line + u32();
    s.end_col = u32();
    s.start_offset = u32();
    s.end_offset = s.start_offset + u32();
    return s;
  }

  void node(Node &n, int depth) {
    if (depth > kMaxDecodeDepth) return fail();
    uint64_t flags = var();
    if (!ok_ || flags >= (kHasNumber << 1) || (flags & 7) > static_cast<uint64_t>(NodeKind::Expression))
      return fail();
    n.kind = static_cast<NodeKind>(flags & 7);
    n.from_block = flags & kFromBlock;
    n.boolean = flags & kBoolean;
    n.span = span();
    if (flags & kHasNumber) n.number = f64();
    if (flags & kHasText) str(n.text);
    if (flags & kHasItems) {
      size_t count_items = count(kMinNode);
      n.items.resize(count_items);
      for (auto &i : n.items) {
        if (!ok_) return;
        node(i, depth + 1);
      }
    }
    if (flags & kHasEntries) {
      size_t count_entries = count(kMinEntry);
      n.entries.resize(count_entries);
      for (auto &e : n.entries) {
        if (!ok_) return;
        str(e.key);
        e.key_span = span();
        node(e.value, depth + 1);
      }
    }
    if (flags & kHasExpr) {
      auto e = std::make_shared<Expr>();
      expr(*e, depth + 1);
      n.expr = std::move(e);
    }
  }

  void expr(Expr &e, int depth) {
    if (depth > kMaxDecodeDepth) return fail();
    uint8_t op = u8();
    if (op > static_cast<uint8_t>(Expr::Op::Unsupported)) return fail();
    e.op = static_cast<Expr::Op>(op);
    uint8_t expand = u8();
    if (expand > 1) return fail();
    e.expand = expand == 1;
    str(e.name);
    e.span = span();
    str(e.source);
    size_t count_args = count(kMinExpr);
    e.args.resize(count_args);
    for (auto &a : e.args) {
      if (!ok_) return;
      expr(a, depth + 1);
    }
    node(e.value, depth + 1);
  }

  void fail() { ok_ = false, p_ = end_; }

 private:
  const char *p_;
  const char *end_;
  bool ok_ = true;
};

}  // namespace

std::string encode_document(const Document &doc) {
  Writer w;
  w.out.reserve(doc.source.size() / 2 + 64);
  w.u8(static_cast<uint8_t>(doc.kind));
  w.var(doc.blocks.size());
  for (const auto &b : doc.blocks) {
    w.str(b.type);
    w.var(b.labels.size());
    for (const auto &l : b.labels) w.str(l);
    w.span(b.span);
    w.span(b.header);
    w.node(b.body);
  }
  w.var(doc.roots.size());
  for (const auto &r : doc.roots) w.node(r);
  w.var(doc.comments.size());
  for (const auto &c : doc.comments) {
    w.span(c.span);
    w.str(c.text);
  }
  w.var(doc.diagnostics.size());
  for (const auto &d : doc.diagnostics) {
    w.u8(static_cast<uint8_t>(d.level));
    w.str(d.code);
    w.str(d.message);
    w.span(d.span);
  }
  return std::move(w.out);
}

bool decode_document(std::string_view data, Document &doc) {
  Reader r(data);
  uint8_t kind = r.u8();
  if (kind > static_cast<uint8_t>(DocKind::Agreement)) return false;
  doc.kind = static_cast<DocKind>(kind);
  doc.blocks.resize(r.count(kMinBlock));
  for (auto &b : doc.blocks) {
    if (!r.ok()) return false;
    r.str(b.type);
    b.labels.resize(r.count());
    for (auto &l : b.labels) r.str(l);
    b.span = r.span();
    b.header = r.span();
    r.node(b.body, 0);
  }
  doc.roots.resize(r.count(kMinNode));
  for (auto &n : doc.roots) {
    if (!r.ok()) return false;
    r.node(n, 0);
  }
  doc.comments.resize(r.count(kMinComment));
  for (auto &c : doc.comments) {
    c.span = r.span();
    r.str(c.text);
  }
  doc.diagnostics.resize(r.count(kMinDiagnostic));
  for (auto &d : doc.diagnostics) {
    uint8_t level = r.u8();
    if (level > static_cast<uint8_t>(DiagLevel::Note)) return false;
    d.level = static_cast<DiagLevel>(level);
    r.str(d.code);
    r.str(d.message);
    d.span = r.span();
  }
  return r.ok() && r.at_end();
}

}  // namespace clause
