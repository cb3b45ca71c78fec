#include "checker/cache/document_codec.h"

#include <cstring>
#include <memory>

#include "checker/cache/byte_codec.h"
#include "checker/model/expr.h"

namespace clause {
namespace {

// The fewest bytes each element can encode to (a span is six varints).
constexpr size_t kMinSpan = 6;
constexpr size_t kMinNode = 1 + kMinSpan;
constexpr size_t kMinEntry = 1 + kMinSpan + kMinNode;
constexpr size_t kMinExpr = 1 + kMinSpan;
constexpr size_t kMinBlock = 1 + 1 + 2 * kMinSpan + kMinNode;
constexpr size_t kMinComment = kMinSpan + 1;
constexpr size_t kMinDiagnostic = 1 + 1 + 1 + kMinSpan;

// Deeper than any parser produces (ParseOptions::max_depth bounds them), and
// shallow enough that decoding a hostile entry cannot exhaust the stack.
constexpr int kMaxDecodeDepth = 2048;

// Node flags; the low three bits hold the NodeKind. The common ones come
// first so that most nodes' flags fit one varint byte.
enum : uint32_t {
  kHasText = 1u << 3,
  kHasEntries = 1u << 4,
  kHasItems = 1u << 5,
  kHasExpr = 1u << 6,
  kFromBlock = 1u << 7,
  kBoolean = 1u << 8,
  kHasNumber = 1u << 9,
  kNodeFlagsEnd = 1u << 10,
};

// Expr header byte: the Op in the low four bits, then presence flags.
enum : uint8_t {
  kExpand = 1u << 4,
  kHasName = 1u << 5,
  kReserved = 1u << 6,  // was a source text (version 2): refused
  kHasValue = 1u << 7,
};
static_assert(static_cast<uint8_t>(Expr::Op::Unsupported) < 16);

using cache_codec::unzigzag;
using cache_codec::zigzag;

// Spans are written relative to the previous span's start (documents are
// walked in source order, so the deltas are small) and ends relative to
// their starts: most of the six numbers fit one byte. Arithmetic wraps in
// uint32 exactly as written, so every span round-trips.
struct SpanBase {
  uint32_t line = 0;
  uint32_t offset = 0;
};

class Writer : public cache_codec::ByteWriter {
 public:
  void span(const Span &s) {
    var(zigzag(static_cast<int32_t>(s.start_line - base_.line)));
    var(s.start_col);
    var(s.end_line - s.start_line);
    var(s.end_col);
    var(zigzag(static_cast<int32_t>(s.start_offset - base_.offset)));
    var(s.end_offset - s.start_offset);
    base_ = {s.start_line, s.start_offset};
  }

  void node(const Node &n) {
    uint32_t flags = static_cast<uint32_t>(n.kind);
    if (!n.text.empty()) flags |= kHasText;
    if (!n.entries.empty()) flags |= kHasEntries;
    if (!n.items.empty()) flags |= kHasItems;
    if (n.expr) flags |= kHasExpr;
    if (n.from_block) flags |= kFromBlock;
    if (n.boolean) flags |= kBoolean;
    uint64_t bits;
    std::memcpy(&bits, &n.number, 8);
    if (bits != 0) flags |= kHasNumber;
    var(flags);
    span(n.span);
    if (flags & kHasNumber) f64(n.number);
    if (flags & kHasText) str(n.text);
    if (flags & kHasEntries) {
      var(n.entries.size());
      for (const auto &e : n.entries) {
        str(e.key);
        span(e.key_span);
        node(e.value);
      }
    }
    if (flags & kHasItems) {
      var(n.items.size());
      for (const auto &i : n.items) node(i);
    }
    if (flags & kHasExpr) expr(*n.expr);
  }

  void expr(const Expr &e) {
    uint8_t head = static_cast<uint8_t>(e.op);
    if (e.expand) head |= kExpand;
    if (!e.name.empty()) head |= kHasName;
    if (has_value(e)) head |= kHasValue;
    u8(head);
    span(e.span);
    if (head & kHasName) str(e.name);
    var(e.args.size());
    for (const auto &a : e.args) expr(a);
    if (head & kHasValue) node(e.value());
  }

 private:
  SpanBase base_;

  // Only Literal expressions carry a value; the others hold none.
  static bool has_value(const Expr &e) {
    const Node &v = e.value();
    uint64_t bits;
    std::memcpy(&bits, &v.number, 8);
    return v.kind != NodeKind::Null || v.from_block || v.boolean || bits != 0 || !v.text.empty() ||
           !v.items.empty() || !v.entries.empty() || v.expr || !(v.span == Span{});
  }
};

class Reader : public cache_codec::ByteReader {
 public:
  using ByteReader::ByteReader;

  uint32_t delta32() {
    uint64_t v = var();
    if (v > UINT32_MAX) fail();
    return static_cast<uint32_t>(unzigzag(v));
  }
  Span span() {
    Span s;
    s.start_line = base_.line + delta32();
    s.start_col = u32();
    s.end_line = s.start_line + u32();
    s.end_col = u32();
    s.start_offset = base_.offset + delta32();
    s.end_offset = s.start_offset + u32();
    base_ = {s.start_line, s.start_offset};
    return s;
  }

  void node(Node &n, int depth) {
    if (depth > kMaxDecodeDepth) return fail();
    uint64_t flags = var();
    if (!ok() || flags >= kNodeFlagsEnd || (flags & 7) > static_cast<uint64_t>(NodeKind::Expression))
      return fail();
    n.kind = static_cast<NodeKind>(flags & 7);
    n.from_block = flags & kFromBlock;
    n.boolean = flags & kBoolean;
    n.span = span();
    if (flags & kHasNumber) n.number = f64();
    if (flags & kHasText) str(n.text);
    if (flags & kHasEntries) {
      n.entries.resize(count(kMinEntry));
      for (auto &e : n.entries) {
        if (!ok()) return;
        str(e.key);
        e.key_span = span();
        node(e.value, depth + 1);
      }
    }
    if (flags & kHasItems) {
      n.items.resize(count(kMinNode));
      for (auto &i : n.items) {
        if (!ok()) return;
        node(i, depth + 1);
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
    uint8_t head = u8();
    if ((head & 15) > static_cast<uint8_t>(Expr::Op::Unsupported)) return fail();
    e.op = static_cast<Expr::Op>(head & 15);
    e.expand = head & kExpand;
    e.span = span();
    if (head & kHasName) str(e.name);
    if (head & kReserved) return fail();
    e.args.resize(count(kMinExpr));
    for (auto &a : e.args) {
      if (!ok()) return;
      expr(a, depth + 1);
    }
    if (head & kHasValue) {
      Node value;
      node(value, depth + 1);
      e.set_value(std::move(value));
    }
  }

 private:
  SpanBase base_;
};

}  // namespace

std::string encode_document(const Document &doc) {
  Writer w;
  w.out.reserve(doc.source.size() + 64);
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
