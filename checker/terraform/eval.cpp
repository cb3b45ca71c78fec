#include "checker/terraform/eval.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>
#include <span>

#include "checker/terraform/budget.h"
#include "checker/terraform/functions.h"
#include "checker/terraform/values.h"
#include "parsers/hcl/hcl_strings.h"

namespace clause::tf {
namespace {

constexpr size_t kMaxUnknownText = 200;

std::string source_of(const Scope &s, const Span &span) {
  if (s.doc && span.end_offset > span.start_offset && span.end_offset <= s.doc->source.size()) {
    std::string text = s.doc->source.substr(span.start_offset, span.end_offset - span.start_offset);
    if (text.size() > kMaxUnknownText) text = text.substr(0, kMaxUnknownText) + "...";
    return text;
  }
  return "(expression)";
}

Node unknown_of(const Scope &s, const Expr &e) { return unknown_value(source_of(s, e.span), e.span); }

// An unknown built from inputs costs the budget the addresses its provenance
// holds: past the budget it is a plain unknown (values.h).
Node charged(const Scope &s, const Expr &e, Node unknown) {
  if (s.budget && !s.budget->charge(provenance_size(unknown), 0, s.doc, e.span)) return unknown_of(s, e);
  return unknown;
}

Node unknown_of(const Scope &s, const Expr &e, const std::vector<const Node *> &inputs) {
  return charged(s, e, unknown_from(inputs, source_of(s, e.span), e.span));
}

Node unknown_of(const Scope &s, const Expr &e, std::initializer_list<const Node *> inputs) {
  return unknown_of(s, e, std::vector<const Node *>(inputs));
}

Node error_of(const Scope &s, const Expr &e, std::string_view why) {
  return error_value(source_of(s, e.span) + ": " + std::string(why), e.span);
}

bool is_special_root(std::string_view name) {
  return name == "var" || name == "local" || name == "module" || name == "count" || name == "each" ||
         name == "path" || name == "terraform" || name == "self" || name == "data";
}

// `[0]` / `["key"]` for an address, from an index value; `[?]` when the
// key is not known (values.h).
std::string instance_key(const Node &key) {
  if (key.kind == NodeKind::Number) return "[" + key.scalar_text() + "]";
  if (key.kind == NodeKind::String) return "[\"" + key.text + "\"]";
  return "[?]";
}

// How deep evaluation is nested on this thread (budget.h, kMaxEvalNesting):
// an evaluation reaches the next through a resolver (a local, an output, a
// module value) with nothing on the way to count it but this.
thread_local size_t t_nesting = 0;

class Nesting {
 public:
  Nesting() { ++t_nesting; }
  ~Nesting() { --t_nesting; }
  Nesting(const Nesting &) = delete;
  Nesting &operator=(const Nesting &) = delete;
  // Whether this level is past the limit (remembered in the budget).
  bool too_deep(const Scope &s, const Span &at) const {
    if (t_nesting <= kMaxEvalNesting) return false;
    if (s.budget) s.budget->too_deep(s.doc, at);
    return true;
  }
};

class Evaluator {
 public:
  explicit Evaluator(const Scope &s) : s_(s) {}

  Node eval(const Expr &e) {
    const Nesting level;
    if (level.too_deep(s_, e.span)) return unknown_of(s_, e);
    switch (e.op) {
      case Expr::Op::Literal: {
        Node v = e.value();
        if (!v.span.valid()) v.span = e.span;
        return v;
      }
      case Expr::Op::Template: return eval_template(e);
      case Expr::Op::Variable:
      case Expr::Op::GetAttr:
      case Expr::Op::Index: return eval_traversal(e);
      case Expr::Op::Splat: return eval_splat(e);
      case Expr::Op::Call: return eval_call(e);
      case Expr::Op::Conditional: return eval_conditional(e);
      case Expr::Op::Binary: return eval_binary(e);
      case Expr::Op::Unary: return eval_unary(e);
      case Expr::Op::Tuple: {
        Node out = Node::make_list(e.span);
        for (const auto &a : e.args) {
          Node v = eval(a);
          if (is_error(v)) return v;
          out.items.push_back(std::move(v));
        }
        return out;
      }
      case Expr::Op::Object: return eval_object(e);
      case Expr::Op::For:
      case Expr::Op::TemplateIf:
      case Expr::Op::TemplateFor:
      case Expr::Op::Unsupported: return unknown_of(s_, e);
    }
    return unknown_of(s_, e);
  }

 private:
  const Scope &s_;

  // ---- templates ------------------------------------------------------------

  Node eval_template(const Expr &e) {
    // "${x}" alone keeps x's type, as in Terraform.
    if (e.args.size() == 1 && e.args[0].op != Expr::Op::Literal) return eval(e.args[0]);
    std::optional<std::vector<std::string>> runs = template_runs(e);
    std::string out;
    std::vector<Node> unknowns;
    size_t run = 0;
    if (runs) out += (*runs)[run++];
    for (const auto &part : e.args) {
      if (part.op == Expr::Op::Literal) {
        if (!runs) out += part.value().text;
        continue;
      }
      Node v = eval(part);
      if (is_error(v)) return v;
      if (v.is_expression()) {
        unknowns.push_back(std::move(v));
      } else if (auto str = to_string_value(v)) {
        out += *str;
        // Stops as soon as the string outgrows what is left.
        if (s_.budget && out.size() > s_.budget->bytes_left()) {
          s_.budget->charge(1, out.size(), s_.doc, e.span);
          return unknown_of(s_, e);
        }
      } else {
        return error_of(s_, part, "a template needs strings, numbers or bools");
      }
      if (runs) out += (*runs)[run++];
    }
    if (!unknowns.empty()) {
      std::vector<const Node *> in;
      for (const auto &u : unknowns) in.push_back(&u);
      return unknown_of(s_, e, in);
    }
    if (s_.budget && !s_.budget->charge(1, out.size(), s_.doc, e.span)) return unknown_of(s_, e);
    return Node::make_string(std::move(out), e.span);
  }

  // The grammar drops whitespace around the literal chunks of a template
  // (it is an "extra" token), so the literal text of a template with
  // interpolations is re-read from the source: one run before each
  // interpolation and one after the last.
  std::optional<std::vector<std::string>> template_runs(const Expr &e) {
    if (!s_.doc) return std::nullopt;
    std::string_view src = s_.doc->source;
    if (e.span.end_offset > src.size() || e.span.start_offset + 2 > e.span.end_offset) return std::nullopt;
    bool heredoc = src.substr(e.span.start_offset, 2) == "<<";
    size_t body = 0, body_end = 0;
    if (heredoc) {
      body = src.find('\n', e.span.start_offset);
      if (body == std::string_view::npos || body >= e.span.end_offset) return std::nullopt;
      ++body;
      size_t close_line = src.rfind('\n', e.span.end_offset - 1);
      body_end = close_line == std::string_view::npos || close_line < body ? body : close_line + 1;
    } else if (src[e.span.start_offset] == '"' && src[e.span.end_offset - 1] == '"') {
      body = e.span.start_offset + 1;
      body_end = e.span.end_offset - 1;
    } else {
      return std::nullopt;
    }
    auto literal = [&](size_t from, size_t to) {
      std::string_view raw = src.substr(from, to - from);
      return heredoc ? unescape_template(raw) : unescape_hcl(raw);
    };
    std::vector<std::string> runs;
    size_t pos = body;
    for (const auto &part : e.args) {
      if (part.op == Expr::Op::Literal) continue;
      if (part.span.start_offset < 2 || part.span.start_offset > body_end) return std::nullopt;
      // The run ends at the `${` opening this interpolation.
      size_t open = src.rfind("${", part.span.start_offset - 1);
      if (open == std::string_view::npos || open < pos) return std::nullopt;
      runs.push_back(literal(pos, open));
      size_t close = src.find('}', part.span.end_offset);
      if (close == std::string_view::npos || close >= body_end) return std::nullopt;
      pos = close + 1;
    }
    runs.push_back(literal(pos, body_end));
    return runs;
  }

  // `$${` and `%%{` stand for a literal `${` and `%{`.
  static std::string unescape_template(std::string_view text) {
    std::string out;
    for (size_t i = 0; i < text.size(); ++i) {
      if ((text[i] == '$' || text[i] == '%') && i + 2 < text.size() && text[i + 1] == text[i] &&
          text[i + 2] == '{')
        ++i;
      out += text[i];
    }
    return out;
  }

  // ---- references -----------------------------------------------------------

  Node eval_traversal(const Expr &e) {
    // The steps, root first: in place for the usual few, on the heap past that.
    size_t depth = 0;
    for (const Expr *r = &e; (r->op == Expr::Op::GetAttr || r->op == Expr::Op::Index) && !r->args.empty();
         r = &r->args[0])
      ++depth;
    std::array<const Expr *, 8> in_place;
    std::vector<const Expr *> on_heap;
    const Expr **buffer = in_place.data();
    if (depth > in_place.size()) {
      on_heap.resize(depth);
      buffer = on_heap.data();
    }
    const Expr *root = &e;
    for (size_t k = depth; k > 0; --k) {
      buffer[k - 1] = root;
      root = &root->args[0];
    }
    const std::span<const Expr *const> steps(buffer, depth);
    Node holder;
    const Node *cur = nullptr;
    size_t i = 0;
    if (root->op == Expr::Op::Variable) {
      std::optional<Node> final_value = resolve_root(*root, steps, i, cur, e);
      if (final_value) return std::move(*final_value);
    } else {
      holder = eval(*root);
      cur = &holder;
    }
    for (; i < steps.size(); ++i) {
      if (cur->is_expression()) break;
      const Expr &step = *steps[i];
      if (step.op == Expr::Op::GetAttr) {
        if (!cur->is_map())
          return error_of(s_, step, "no attribute '" + step.name + "' on a non-object value");
        const Node *next = cur->get(step.name);
        if (!next) return error_of(s_, step, "no attribute '" + step.name + "'");
        cur = next;
        continue;
      }
      if (step.args.size() < 2) return unknown_of(s_, e);
      Node key = eval(step.args[1]);
      if (is_error(key)) return key;
      if (key.is_expression()) return unknown_of(s_, e, {cur, &key});
      if (cur->is_list()) {
        auto idx = to_number_value(key);
        if (!idx || *idx < 0 || *idx != std::floor(*idx) || *idx >= static_cast<double>(cur->items.size()))
          return error_of(s_, step, "index out of range");
        cur = &cur->items[static_cast<size_t>(*idx)];
      } else if (cur->is_map()) {
        auto k = to_string_value(key);
        const Node *next = k ? cur->get(*k) : nullptr;
        if (!next) return error_of(s_, step, "no such key");
        cur = next;
      } else {
        return error_of(s_, step, "cannot index this value");
      }
    }
    if (cur == &holder) {  // nothing was looked up: no copy
      if (!holder.span.valid()) holder.span = e.span;
      return holder;
    }
    if (s_.budget && !s_.budget->charge_copy(*cur, s_.doc, e.span)) return unknown_of(s_, e);
    Node out = *cur;
    if (!out.span.valid()) out.span = e.span;
    return out;
  }

  // Resolves the root variable of a traversal, consuming the steps it
  // needs. Returns a final value (references, unknowns), or sets `cur`.
  std::optional<Node> resolve_root(const Expr &root, std::span<const Expr *const> steps, size_t &i,
                                   const Node *&cur, const Expr &whole) {
    const std::string &name = root.name;
    auto attr = [&](size_t k) -> const std::string * {
      return k < steps.size() && steps[k]->op == Expr::Op::GetAttr ? &steps[k]->name : nullptr;
    };
    if (name.empty()) {  // the element of a splat
      if (!s_.element) return unknown_of(s_, whole);
      cur = s_.element;
      return std::nullopt;
    }
    for (auto it = s_.iterators.rbegin(); it != s_.iterators.rend(); ++it) {
      if (it->name != name) continue;
      const std::string *a = attr(0);
      if (!a || (*a != "key" && *a != "value"))
        return error_of(s_, whole, "an iterator has only key and value");
      cur = *a == "key" ? it->key : it->value;
      i = 1;
      return std::nullopt;
    }
    if (!is_special_root(name)) return resource_reference(root, steps, i, whole);
    const std::string *a = attr(0);
    if (name == "path" || name == "terraform" || name == "self" || name == "data" || !a)
      return unknown_of(s_, whole);
    i = 1;
    if (name == "count") {
      if (*a != "index" || !s_.count_index) return error_of(s_, whole, "count.index outside a counted block");
      cur = s_.count_index;
      return std::nullopt;
    }
    if (name == "each") {
      const Node *v = *a == "key" ? s_.each_key : *a == "value" ? s_.each_value : nullptr;
      if (!v) return error_of(s_, whole, "each is only set inside a for_each block");
      cur = v;
      return std::nullopt;
    }
    if (!s_.resolver) return unknown_of(s_, whole);
    const Node *v = name == "var"     ? s_.resolver->variable(*a)
                    : name == "local" ? s_.resolver->local(*a)
                                      : s_.resolver->module(*a);
    if (!v) return error_of(s_, whole, "'" + name + "." + *a + "' is not declared");
    cur = v;
    return std::nullopt;
  }

  // `type.name[key].attr...`: an unknown that names the resource instance.
  std::optional<Node> resource_reference(const Expr &root, std::span<const Expr *const> steps, size_t &i,
                                         const Expr &whole) {
    if (steps.empty() || steps[0]->op != Expr::Op::GetAttr || !s_.resolver) return unknown_of(s_, whole);
    std::string address = s_.resolver->address_prefix() + root.name + "." + steps[0]->name;
    if (steps.size() > 1 && steps[1]->op == Expr::Op::Index && steps[1]->args.size() == 2) {
      Node key = eval(steps[1]->args[1]);
      address += instance_key(key);
    }
    i = steps.size();
    return reference_value(std::move(address), source_of(s_, whole.span), whole.span);
  }

  Node eval_splat(const Expr &e) {
    if (e.args.empty()) return unknown_of(s_, e);
    const Expr &base_expr = e.args[0];
    // `aws_instance.web[*].id`: every instance of a resource.
    if (base_expr.op == Expr::Op::GetAttr && !base_expr.args.empty() &&
        base_expr.args[0].op == Expr::Op::Variable && !is_special_root(base_expr.args[0].name) &&
        !base_expr.args[0].name.empty() && s_.resolver) {
      bool iterator = std::any_of(s_.iterators.begin(), s_.iterators.end(),
                                  [&](const Iterator &it) { return it.name == base_expr.args[0].name; });
      if (!iterator) {
        std::string address =
            s_.resolver->address_prefix() + base_expr.args[0].name + "." + base_expr.name + "[*]";
        return reference_value(std::move(address), source_of(s_, e.span), e.span);
      }
    }
    Node base = eval(base_expr);
    if (is_error(base)) return base;
    if (base.is_expression()) return unknown_of(s_, e, {&base});
    Node out = Node::make_list(e.span);
    if (base.is_null()) return out;
    // Without an attribute after `[*]`, the elements are the value's own.
    if (e.args.size() < 2) {
      if (!base.is_list()) {
        out.items.push_back(std::move(base));
      } else {
        out.items = std::move(base.items);
      }
      return out;
    }
    std::vector<const Node *> elements;
    if (base.is_list()) {
      for (const auto &item : base.items) elements.push_back(&item);
    } else {
      elements.push_back(&base);
    }
    for (const Node *el : elements) {
      Scope inner = s_;
      inner.element = el;
      Node v = Evaluator(inner).eval(e.args[1]);
      if (is_error(v)) return v;
      out.items.push_back(std::move(v));
    }
    return out;
  }

  // ---- calls and operators -----------------------------------------------------

  Node eval_call(const Expr &e) {
    if (e.name == "try") {
      for (const auto &a : e.args) {
        Node v = eval(a);
        if (is_error(v)) continue;
        if (!is_known(v)) return unknown_of(s_, e, {&v});
        return v;
      }
      return error_of(s_, e, "no argument of try succeeded");
    }
    if (e.name == "can") {
      if (e.args.size() != 1) return error_of(s_, e, "can takes one argument");
      Node v = eval(e.args[0]);
      if (is_error(v)) return Node::make_bool(false, e.span);
      if (!is_known(v)) return unknown_of(s_, e, {&v});
      return Node::make_bool(true, e.span);
    }
    std::vector<Node> args;
    args.reserve(e.args.size());
    for (const auto &a : e.args) {
      Node v = eval(a);
      if (is_error(v)) return v;
      args.push_back(std::move(v));
    }
    if (e.expand && !args.empty()) {
      Node last = std::move(args.back());
      args.pop_back();
      if (last.is_expression()) return unknown_of(s_, e, {&last});
      if (!last.is_list()) return error_of(s_, e, "only a list can be expanded with ...");
      for (auto &item : last.items) args.push_back(std::move(item));
    }
    std::string source = source_of(s_, e.span);
    ResultLimit limit;
    if (s_.budget) limit.max_bytes = s_.budget->bytes_left();
    if (auto r = call_function(e.name, args, e.span, source, &limit)) {
      if (s_.budget && (limit.exceeded || !s_.budget->charge_copy(*r, s_.doc, e.span))) {
        s_.budget->charge(0, limit.max_bytes + 1, s_.doc, e.span);  // records where, if not yet
        return unknown_of(s_, e);
      }
      return charged(s_, e, std::move(*r));
    }
    std::vector<const Node *> in;
    for (const auto &a : args) in.push_back(&a);
    return charged(s_, e, unknown_from(in, std::move(source), e.span));
  }

  Node eval_conditional(const Expr &e) {
    if (e.args.size() != 3) return unknown_of(s_, e);
    Node cond = eval(e.args[0]);
    if (is_error(cond)) return cond;
    if (!cond.is_expression()) {
      auto b = to_bool_value(cond);
      if (!b) return error_of(s_, e, "the condition is not a bool");
      return eval(e.args[*b ? 1 : 2]);
    }
    // Both branches agree: the value does not depend on the condition.
    Node a = eval(e.args[1]);
    Node b = eval(e.args[2]);
    if (is_known(a) && is_known(b) && values_equal(a, b)) return a;
    return unknown_of(s_, e, {&cond, &a, &b});
  }

  Node eval_binary(const Expr &e) {
    if (e.args.size() != 2) return unknown_of(s_, e);
    const std::string &op = e.name;
    Node a = eval(e.args[0]);
    if (is_error(a)) return a;
    if (op == "&&" || op == "||") {
      bool is_and = op == "&&";
      auto ab = to_bool_value(a);
      // false && x, true || x: decided whatever x is.
      if (ab && *ab != is_and) return Node::make_bool(*ab, e.span);
      Node b = eval(e.args[1]);
      if (is_error(b)) return b;
      auto bb = to_bool_value(b);
      if (bb && *bb != is_and) return Node::make_bool(*bb, e.span);
      if (ab && bb) return Node::make_bool(is_and ? (*ab && *bb) : (*ab || *bb), e.span);
      if (a.is_expression() || b.is_expression()) return unknown_of(s_, e, {&a, &b});
      return error_of(s_, e, "logic operators need bools");
    }
    Node b = eval(e.args[1]);
    if (is_error(b)) return b;
    if (op == "==" || op == "!=") {
      if (!is_known(a) || !is_known(b)) return unknown_of(s_, e, {&a, &b});
      bool eq = values_equal(a, b);
      return Node::make_bool(op == "==" ? eq : !eq, e.span);
    }
    if (a.is_expression() || b.is_expression()) return unknown_of(s_, e, {&a, &b});
    auto x = to_number_value(a), y = to_number_value(b);
    if (!x || !y) return error_of(s_, e, "arithmetic needs numbers");
    if (op == "+") return number_node(*x + *y, e.span);
    if (op == "-") return number_node(*x - *y, e.span);
    if (op == "*") return number_node(*x * *y, e.span);
    if (op == "/" || op == "%") {
      if (*y == 0) return error_of(s_, e, "division by zero");
      return number_node(op == "/" ? *x / *y : std::fmod(*x, *y), e.span);
    }
    if (op == "<") return Node::make_bool(*x < *y, e.span);
    if (op == "<=") return Node::make_bool(*x <= *y, e.span);
    if (op == ">") return Node::make_bool(*x > *y, e.span);
    if (op == ">=") return Node::make_bool(*x >= *y, e.span);
    return unknown_of(s_, e);
  }

  Node eval_unary(const Expr &e) {
    if (e.args.size() != 1) return unknown_of(s_, e);
    Node a = eval(e.args[0]);
    if (is_error(a)) return a;
    if (a.is_expression()) return unknown_of(s_, e, {&a});
    if (e.name == "!") {
      auto b = to_bool_value(a);
      return b ? Node::make_bool(!*b, e.span) : error_of(s_, e, "! needs a bool");
    }
    if (e.name == "-") {
      auto n = to_number_value(a);
      return n ? number_node(-*n, e.span) : error_of(s_, e, "- needs a number");
    }
    return unknown_of(s_, e);
  }

  Node eval_object(const Expr &e) {
    Node out = Node::make_map(e.span);
    for (size_t i = 0; i + 1 < e.args.size(); i += 2) {
      const Expr &k = e.args[i];
      std::string key;
      if (k.op == Expr::Op::Literal) {
        key = k.value().scalar_text();
      } else {
        Node kv = eval(k);
        if (is_error(kv)) return kv;
        if (kv.is_expression()) return unknown_of(s_, e, {&kv});
        auto ks = to_string_value(kv);
        if (!ks) return error_of(s_, k, "object keys must be strings");
        key = std::move(*ks);
      }
      Node v = eval(e.args[i + 1]);
      if (is_error(v)) return v;
      if (Node *existing = out.get(key)) {
        *existing = std::move(v);
      } else {
        out.add(std::move(key), std::move(v), k.span);
      }
    }
    return out;
  }
};

}  // namespace

Node evaluate_expr(const Expr &e, const Scope &scope) { return Evaluator(scope).eval(e); }

bool needs_evaluation(const Node &n) {
  switch (n.kind) {
    case NodeKind::Expression: return n.expr && n.expr->op != Expr::Op::Unsupported;
    case NodeKind::List:
      return std::any_of(n.items.begin(), n.items.end(), [](const Node &i) { return needs_evaluation(i); });
    case NodeKind::Map:
      return std::any_of(n.entries.begin(), n.entries.end(),
                         [](const MapEntry &e) { return needs_evaluation(e.value); });
    default: return false;
  }
}

Node evaluate_value(const Node &n, const Scope &scope) {
  const Nesting level;
  if ((n.is_list() || n.is_map() || n.is_expression()) && level.too_deep(scope, n.span))
    return unknown_value(n.text.empty() ? std::string("(value)") : n.text, n.span);
  switch (n.kind) {
    case NodeKind::Expression: {
      // Evaluator unknowns (Unsupported) keep their provenance as they are.
      if (!n.expr || n.expr->op == Expr::Op::Unsupported) return n;
      Node v = evaluate_expr(*n.expr, scope);
      restamp(v, n.span);
      if (v.is_expression()) v.text = n.text;
      return v;
    }
    case NodeKind::List: {
      Node out = Node::make_list(n.span);
      out.from_block = n.from_block;
      out.text = n.text;
      out.items.reserve(n.items.size());
      for (const auto &item : n.items) out.items.push_back(evaluate_value(item, scope));
      return out;
    }
    case NodeKind::Map: {
      Node out = Node::make_map(n.span);
      out.from_block = n.from_block;
      out.text = n.text;
      out.entries.reserve(n.entries.size());
      for (const auto &e : n.entries)
        out.entries.push_back(MapEntry{e.key, e.key_span, evaluate_value(e.value, scope)});
      return out;
    }
    default: return n;
  }
}

}  // namespace clause::tf
