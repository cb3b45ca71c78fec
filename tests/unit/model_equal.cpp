#include "tests/unit/model_equal.h"

#include <cstring>

namespace clause::testing {
namespace {

std::string differ(const std::string &where, const std::string &what) { return where + ": " + what; }

bool same_number(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

}  // namespace

std::string span_text(const Span &s) {
  return std::to_string(s.start_line) + ":" + std::to_string(s.start_col) + "-" + std::to_string(s.end_line) +
         ":" + std::to_string(s.end_col) + "@" + std::to_string(s.start_offset) + "-" +
         std::to_string(s.end_offset);
}

std::string node_difference(const Node &a, const Node &b, const std::string &where) {
  if (a.kind != b.kind) return differ(where, "kind");
  if (a.from_block != b.from_block) return differ(where, "from_block");
  if (a.boolean != b.boolean) return differ(where, "boolean");
  if (!same_number(a.number, b.number)) return differ(where, "number");
  if (a.text != b.text) return differ(where, "text '" + a.text + "' vs '" + b.text + "'");
  if (!(a.span == b.span)) return differ(where, "span " + span_text(a.span) + " vs " + span_text(b.span));
  if (a.items.size() != b.items.size()) return differ(where, "item count");
  for (size_t i = 0; i < a.items.size(); ++i) {
    std::string d = node_difference(a.items[i], b.items[i], where + "[" + std::to_string(i) + "]");
    if (!d.empty()) return d;
  }
  if (a.entries.size() != b.entries.size()) return differ(where, "entry count");
  for (size_t i = 0; i < a.entries.size(); ++i) {
    const MapEntry &x = a.entries[i], &y = b.entries[i];
    if (x.key != y.key) return differ(where, "key '" + x.key + "' vs '" + y.key + "'");
    if (!(x.key_span == y.key_span)) return differ(where + "." + x.key, "key span");
    std::string d = node_difference(x.value, y.value, where + "." + x.key);
    if (!d.empty()) return d;
  }
  if (!a.expr != !b.expr) return differ(where, "expr presence");
  if (a.expr) return expr_difference(*a.expr, *b.expr, where + "<expr>");
  return "";
}

std::string expr_difference(const Expr &a, const Expr &b, const std::string &where) {
  if (a.op != b.op) return differ(where, "op");
  if (a.expand != b.expand) return differ(where, "expand");
  if (a.name != b.name) return differ(where, "name");
  if (!(a.span == b.span)) return differ(where, "span");
  if (a.args.size() != b.args.size()) return differ(where, "arg count");
  for (size_t i = 0; i < a.args.size(); ++i) {
    std::string d = expr_difference(a.args[i], b.args[i], where + "(" + std::to_string(i) + ")");
    if (!d.empty()) return d;
  }
  return node_difference(a.value(), b.value(), where + "=");
}

std::string document_difference(const Document &a, const Document &b) {
  if (a.kind != b.kind) return "document kind";
  if (a.blocks.size() != b.blocks.size()) return "block count";
  for (size_t i = 0; i < a.blocks.size(); ++i) {
    const Block &x = a.blocks[i], &y = b.blocks[i];
    std::string where = "block " + std::to_string(i);
    if (x.type != y.type || x.labels != y.labels) return where + ": header";
    if (!(x.span == y.span) || !(x.header == y.header)) return where + ": span";
    std::string d = node_difference(x.body, y.body, where);
    if (!d.empty()) return d;
  }
  if (a.roots.size() != b.roots.size()) return "root count";
  for (size_t i = 0; i < a.roots.size(); ++i) {
    std::string d = node_difference(a.roots[i], b.roots[i], "root " + std::to_string(i));
    if (!d.empty()) return d;
  }
  if (a.comments.size() != b.comments.size()) return "comment count";
  for (size_t i = 0; i < a.comments.size(); ++i)
    if (a.comments[i].text != b.comments[i].text || !(a.comments[i].span == b.comments[i].span))
      return "comment " + std::to_string(i);
  if (a.diagnostics.size() != b.diagnostics.size()) return "diagnostic count";
  for (size_t i = 0; i < a.diagnostics.size(); ++i) {
    const Diagnostic &x = a.diagnostics[i], &y = b.diagnostics[i];
    if (x.level != y.level || x.code != y.code || x.message != y.message || !(x.span == y.span))
      return "diagnostic " + std::to_string(i);
  }
  return "";
}

}  // namespace clause::testing
