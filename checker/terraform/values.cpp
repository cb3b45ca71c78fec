#include "checker/terraform/values.h"

#include <cmath>
#include <cstdlib>
#include <memory>
#include <unordered_set>

namespace clause::tf {
namespace {

const std::shared_ptr<const Expr> &error_marker() {
  static const std::shared_ptr<const Expr> marker = [] {
    auto e = std::make_shared<Expr>();
    e->op = Expr::Op::Unsupported;
    return e;
  }();
  return marker;
}

bool carries_references(const Expr &e) {
  return e.op == Expr::Op::Unsupported && (!e.name.empty() || !e.args.empty());
}

void collect_expr_references(const Expr &e, std::vector<std::string> &out) {
  if (!e.name.empty()) out.push_back(e.name);
  for (const auto &a : e.args) collect_expr_references(a, out);
}

// The provenance of an evaluator unknown, when it has one.
const Expr *provenance(const Node &n) {
  if (!n.is_expression() || !n.expr || n.expr == error_marker()) return nullptr;
  return carries_references(*n.expr) ? n.expr.get() : nullptr;
}

// The distinct provenances of some values, in the order met. A few are
// compared in place; a set takes over when a list holds many.
class Provenances {
 public:
  void collect(const Node &n) {
    switch (n.kind) {
      case NodeKind::Expression:
        if (const Expr *p = provenance(n); p && first_time(p)) found.push_back(&n.expr);
        return;
      case NodeKind::List:
        for (const auto &i : n.items) collect(i);
        return;
      case NodeKind::Map:
        for (const auto &e : n.entries) collect(e.value);
        return;
      default: return;
    }
  }

  std::vector<const std::shared_ptr<const Expr> *> found;

 private:
  static constexpr size_t kCompareInPlace = 16;

  bool first_time(const Expr *p) {
    if (!seen_.empty()) return seen_.insert(p).second;
    for (const auto *f : found)
      if (f->get() == p) return false;
    if (found.size() == kCompareInPlace)
      for (const auto *f : found) seen_.insert(f->get());
    if (!seen_.empty()) seen_.insert(p);
    return true;
  }

  std::unordered_set<const Expr *> seen_;
};

}  // namespace

Node unknown_value(std::string text, const Span &span) {
  return Node::make_expression(std::move(text), span);
}

Node error_value(std::string text, const Span &span) {
  Node n = Node::make_expression(std::move(text), span);
  n.expr = error_marker();
  return n;
}

Node reference_value(std::string address, std::string text, const Span &span) {
  auto e = std::make_shared<Expr>();
  e->op = Expr::Op::Unsupported;
  e->name = std::move(address);
  Node n = Node::make_expression(std::move(text), span);
  n.expr = std::move(e);
  return n;
}

Node unknown_from(const std::vector<const Node *> &inputs, std::string text, const Span &span) {
  Node n = Node::make_expression(std::move(text), span);
  // The distinct provenances in the inputs, in the order met: a value copied
  // twice (`"${local.a}${local.a}"`) holds one provenance twice.
  Provenances provenances;
  for (const Node *in : inputs)
    if (in) provenances.collect(*in);
  const auto &sources = provenances.found;
  if (sources.empty()) return n;
  // One source: the same references, shared rather than copied, so a chain
  // of values each doubling the last stays one provenance.
  if (sources.size() == 1) {
    n.expr = *sources.front();
    return n;
  }
  // Several: their union, each address once.
  auto e = std::make_shared<Expr>();
  e->op = Expr::Op::Unsupported;
  std::unordered_set<std::string> names;
  std::vector<std::string> refs;
  for (const auto *source : sources) {
    refs.clear();
    collect_expr_references(**source, refs);
    for (auto &r : refs) {
      if (!names.insert(r).second) continue;
      // Past the bound the value is unknown with no reference: a walk of
      // references takes it as open, never as proof that nothing refers.
      if (e->args.size() == kMaxUnknownReferences) return n;
      Expr ref;
      ref.op = Expr::Op::Unsupported;
      ref.name = std::move(r);
      e->args.push_back(std::move(ref));
    }
  }
  n.expr = std::move(e);
  return n;
}

size_t provenance_size(const Node &n) {
  const Expr *p = provenance(n);
  return p ? p->args.size() + (p->name.empty() ? 0 : 1) : 0;
}

bool is_error(const Node &n) { return n.is_expression() && n.expr == error_marker(); }

bool is_known(const Node &n) {
  switch (n.kind) {
    case NodeKind::Expression: return false;
    case NodeKind::List:
      for (const auto &i : n.items)
        if (!is_known(i)) return false;
      return true;
    case NodeKind::Map:
      for (const auto &e : n.entries)
        if (!is_known(e.value)) return false;
      return true;
    default: return true;
  }
}

void collect_references(const Node &n, std::vector<std::string> &out) {
  switch (n.kind) {
    case NodeKind::Expression:
      if (const Expr *p = provenance(n)) collect_expr_references(*p, out);
      return;
    case NodeKind::List:
      for (const auto &i : n.items) collect_references(i, out);
      return;
    case NodeKind::Map:
      for (const auto &e : n.entries) collect_references(e.value, out);
      return;
    default: return;
  }
}

bool has_plain_unknown(const Node &n) {
  switch (n.kind) {
    case NodeKind::Expression: return provenance(n) == nullptr;
    case NodeKind::List:
      for (const auto &i : n.items)
        if (has_plain_unknown(i)) return true;
      return false;
    case NodeKind::Map:
      for (const auto &e : n.entries)
        if (has_plain_unknown(e.value)) return true;
      return false;
    default: return false;
  }
}

std::optional<std::string> to_string_value(const Node &n) {
  switch (n.kind) {
    case NodeKind::String: return n.text;
    case NodeKind::Number:
    case NodeKind::Bool: return n.scalar_text();
    default: return std::nullopt;
  }
}

std::optional<double> to_number_value(const Node &n) {
  if (n.kind == NodeKind::Number) return n.number;
  if (n.kind != NodeKind::String || n.text.empty()) return std::nullopt;
  char *end = nullptr;
  double d = std::strtod(n.text.c_str(), &end);
  if (!end || *end != '\0' || !std::isfinite(d)) return std::nullopt;
  return d;
}

std::optional<bool> to_bool_value(const Node &n) {
  if (n.kind == NodeKind::Bool) return n.boolean;
  if (n.kind == NodeKind::String) {
    if (n.text == "true") return true;
    if (n.text == "false") return false;
  }
  return std::nullopt;
}

Node number_node(double v, const Span &span) {
  Node n = Node::make_number(v, "", span);
  n.text = n.scalar_text();
  return n;
}

}  // namespace clause::tf
