#include "parsers/hcl/hcl_parser.h"

#include <tree_sitter/api.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

#include "checker/model/compact.h"
#include "checker/model/expr.h"
#include "checker/model/utf8.h"
#include "parsers/deadline.h"
#include "parsers/hcl/hcl_strings.h"
#include "parsers/hcl/template_chunks.h"
#include "parsers/hcl/ts_arena.h"
#include "parsers/hcl/ts_children.h"

extern "C" const TSLanguage *tree_sitter_hcl(void);

namespace clause {
namespace {

using hcl::Children;

// Symbol ids of the node types we dispatch on, looked up once.
struct Symbols {
  TSSymbol attribute, block, body, comment, identifier, string_lit, expression, literal_value, numeric_lit,
      bool_lit, null_lit, template_expr, quoted_template, heredoc_template, template_literal,
      template_interpolation, template_directive, template_if, template_for, template_if_intro,
      template_else_intro, heredoc_start, heredoc_identifier, collection_value, tuple, object, object_elem,
      variable_expr, function_call, function_arguments, for_expr, operation, unary_operation,
      binary_operation, conditional, get_attr, index, new_index, legacy_index, splat, attr_splat, full_splat,
      ellipsis, block_start, block_end, quoted_template_start, quoted_template_end;

  explicit Symbols(const TSLanguage *lang) {
    auto sym = [lang](const char *name) {
      return ts_language_symbol_for_name(lang, name, static_cast<uint32_t>(std::strlen(name)), true);
    };
    attribute = sym("attribute");
    block = sym("block");
    body = sym("body");
    comment = sym("comment");
    identifier = sym("identifier");
    string_lit = sym("string_lit");
    quoted_template_start = sym("quoted_template_start");
    quoted_template_end = sym("quoted_template_end");
    expression = sym("expression");
    literal_value = sym("literal_value");
    numeric_lit = sym("numeric_lit");
    bool_lit = sym("bool_lit");
    null_lit = sym("null_lit");
    template_expr = sym("template_expr");
    quoted_template = sym("quoted_template");
    heredoc_template = sym("heredoc_template");
    template_literal = sym("template_literal");
    template_interpolation = sym("template_interpolation");
    template_directive = sym("template_directive");
    template_if = sym("template_if");
    template_for = sym("template_for");
    template_if_intro = sym("template_if_intro");
    template_else_intro = sym("template_else_intro");
    heredoc_start = sym("heredoc_start");
    heredoc_identifier = sym("heredoc_identifier");
    collection_value = sym("collection_value");
    tuple = sym("tuple");
    object = sym("object");
    object_elem = sym("object_elem");
    variable_expr = sym("variable_expr");
    function_call = sym("function_call");
    function_arguments = sym("function_arguments");
    for_expr = sym("for_expr");
    operation = sym("operation");
    unary_operation = sym("unary_operation");
    binary_operation = sym("binary_operation");
    conditional = sym("conditional");
    get_attr = sym("get_attr");
    index = sym("index");
    new_index = sym("new_index");
    legacy_index = sym("legacy_index");
    splat = sym("splat");
    attr_splat = sym("attr_splat");
    full_splat = sym("full_splat");
    ellipsis = sym("ellipsis");
    block_start = sym("block_start");
    block_end = sym("block_end");
  }
};

const Symbols &symbols() {
  static const Symbols s(tree_sitter_hcl());
  return s;
}

using limits::kMaxSyntaxDiagnostics;

class HclWalker {
 public:
  HclWalker(Document &doc, const ParseOptions &opts) : doc_(doc), opts_(opts), s_(symbols()) {}

  void walk_config(TSNode root) {
    for (TSNode child : Children(root)) {
      TSSymbol sym = ts_node_symbol(child);
      if (sym == s_.body) {
        walk_top_body(child);
      } else if (sym == s_.object) {
        // A config file that is a bare object (JSON-like); keep it as a root.
        doc_.roots.push_back(convert_collection(child, 0));
      } else if (sym == s_.comment) {
        add_comment(child);
      } else if (ts_node_is_error(child)) {
        recover_from_error(child, nullptr, 0);
      }
    }
  }

  void report_syntax_errors(TSNode root) {
    if (!ts_node_has_error(root)) return;
    collect_errors(root);
  }

 private:
  Document &doc_;
  const ParseOptions &opts_;
  const Symbols &s_;
  size_t nodes_ = 0;
  bool depth_reported_ = false;
  bool nodes_reported_ = false;
  size_t syntax_errors_ = 0;
  bool errors_capped_ = false;
  uint32_t last_error_line_ = 0;

  std::string_view text(TSNode n) const { return text_between(ts_node_start_byte(n), ts_node_end_byte(n)); }

  std::string_view text_between(uint32_t b, uint32_t e) const {
    if (e > doc_.source.size() || b > e) return {};
    return std::string_view(doc_.source).substr(b, e - b);
  }

  static Span span_of(TSNode n) {
    TSPoint a = ts_node_start_point(n), b = ts_node_end_point(n);
    return Span{a.row + 1, a.column + 1, b.row + 1, b.column + 1, ts_node_start_byte(n), ts_node_end_byte(n)};
  }

  static Span join(const Span &a, const Span &b) {
    return Span{a.start_line, a.start_col, b.end_line, b.end_col, a.start_offset, b.end_offset};
  }

  void add_comment(TSNode n) { doc_.comments.push_back(Comment{span_of(n), std::string(text(n))}); }

  bool too_deep(size_t depth, TSNode at) {
    if (depth < opts_.max_depth) return false;
    if (!depth_reported_) {
      depth_reported_ = true;
      doc_.diagnostics.push_back(Diagnostic{DiagLevel::Error, "limit-depth",
                                            "nesting deeper than " + std::to_string(opts_.max_depth) +
                                                " levels; the rest of this value is not analysed",
                                            span_of(at)});
    }
    return true;
  }

  bool too_many_nodes(TSNode at) {
    if (++nodes_ <= opts_.max_nodes) return false;
    if (!nodes_reported_) {
      nodes_reported_ = true;
      doc_.diagnostics.push_back(Diagnostic{
          DiagLevel::Error, "limit-nodes",
          "more than " + std::to_string(opts_.max_nodes) + " values in one file; the rest is not analysed",
          span_of(at)});
    }
    return true;
  }

  // Every ERROR and MISSING node, in document order, walked with a cursor
  // (no recursion: an error can sit as deep as the input nests).
  void collect_errors(TSNode root) {
    hcl::preorder(root, [this](TSNode n) {
      if (errors_capped_) return hcl::Walk::Stop;
      return visit_error(n) ? hcl::Walk::Descend : hcl::Walk::Skip;
    });
  }

  // Reports `n` when it is an error; true when its children may hold more.
  bool visit_error(TSNode n) {
    if (ts_node_is_error(n) || ts_node_is_missing(n)) {
      Span sp = span_of(n);
      // One diagnostic a line: tree-sitter's recovery often leaves several
      // ERROR / MISSING nodes for one mistake.
      if (sp.start_line != last_error_line_) {
        if (syntax_errors_ == kMaxSyntaxDiagnostics) {
          errors_capped_ = true;
          doc_.diagnostics.push_back(Diagnostic{DiagLevel::Note, "limit-syntax-errors",
                                                "more syntax errors follow; only the first " +
                                                    std::to_string(kMaxSyntaxDiagnostics) + " are reported",
                                                sp});
          return false;
        }
        last_error_line_ = sp.start_line;
        ++syntax_errors_;
        doc_.diagnostics.push_back(Diagnostic{DiagLevel::Error, "parse-error", error_message(n), sp});
      }
      if (ts_node_is_missing(n)) return false;
    }
    return ts_node_has_error(n);
  }

  std::string error_message(TSNode n) {
    if (ts_node_is_missing(n)) {
      std::string_view type = ts_node_type(n);
      if (type == "}" || type == "]" || type == ")" || type == "\"" || type == "block_end" ||
          type == "object_end" || type == "tuple_end" || type == "quoted_template_end") {
        std::string_view shown = type == "block_end" || type == "object_end" ? "}"
                                 : type == "tuple_end"                       ? "]"
                                 : type == "quoted_template_end"             ? "\""
                                                                             : type;
        return "syntax error: missing '" + std::string(shown) + "'";
      }
      return "syntax error: incomplete expression";
    }
    std::string_view t = text(n);
    size_t first = t.find_first_not_of(" \t\r\n");
    t = first == std::string_view::npos ? std::string_view() : t.substr(first);
    size_t nl = t.find_first_of("\r\n");
    if (nl != std::string_view::npos) t = t.substr(0, nl);
    // In error recovery a template chunk may run on over the spaces after
    // the text (template_chunks.c): they are not what was unexpected.
    t = t.substr(0, t.find_last_not_of(" \t") + 1);
    return t.empty() ? "syntax error" : "syntax error: unexpected '" + printable_text(t, 40) + "'";
  }

  // tree-sitter wraps text it cannot place in ERROR nodes; well-formed blocks
  // and attributes inside one are still worth keeping.
  void recover_from_error(TSNode err, Node *body, size_t depth) {
    if (too_deep(depth, err)) return;
    for (TSNode child : Children(err)) {
      TSSymbol sym = ts_node_symbol(child);
      if (sym == s_.block && !ts_node_has_error(child)) {
        if (body) {
          add_nested_block(*body, child, depth + 1);
        } else {
          doc_.blocks.push_back(convert_block(child, depth + 1));
        }
      } else if (sym == s_.body) {
        if (body) {
          walk_body(*body, child, depth + 1);
        } else {
          walk_top_body(child);
        }
      } else if (sym == s_.comment) {
        add_comment(child);
      } else if (ts_node_is_error(child)) {
        recover_from_error(child, body, depth + 1);
      }
    }
  }

  void walk_top_body(TSNode body) {
    for (TSNode child : Children(body)) {
      TSSymbol sym = ts_node_symbol(child);
      if (sym == s_.block) {
        doc_.blocks.push_back(convert_block(child, 1));
      } else if (sym == s_.attribute) {
        if (doc_.roots.empty()) doc_.roots.push_back(Node::make_map(span_of(body)));
        add_attribute(doc_.roots.front(), child, 1);
      } else if (sym == s_.comment) {
        add_comment(child);
      } else if (ts_node_is_error(child)) {
        recover_from_error(child, nullptr, 1);
      }
    }
  }

  Block convert_block(TSNode node, size_t depth) {
    Block block;
    block.span = span_of(node);
    block.body = Node::make_map(block.span);
    block.body.from_block = true;
    Span header{};
    for (TSNode child : Children(node)) {
      TSSymbol sym = ts_node_symbol(child);
      if (sym == s_.identifier) {
        if (block.type.empty()) {
          block.type = std::string(text(child));
          header = span_of(child);
        } else {
          block.labels.emplace_back(text(child));
          header = join(header, span_of(child));
        }
      } else if (sym == s_.string_lit) {
        block.labels.push_back(string_literal_value(child));
        header = join(header, span_of(child));
      } else if (sym == s_.body) {
        walk_body(block.body, child, depth + 1);
      } else if (sym == s_.comment) {
        add_comment(child);
      } else if (ts_node_is_error(child)) {
        recover_from_error(child, &block.body, depth + 1);
      }
    }
    block.header = header.valid() ? header : block.span;
    return block;
  }

  void walk_body(Node &map, TSNode body, size_t depth) {
    if (too_deep(depth, body)) return;
    for (TSNode child : Children(body)) {
      TSSymbol sym = ts_node_symbol(child);
      if (sym == s_.attribute) {
        add_attribute(map, child, depth);
      } else if (sym == s_.block) {
        add_nested_block(map, child, depth);
      } else if (sym == s_.comment) {
        add_comment(child);
      } else if (ts_node_is_error(child)) {
        recover_from_error(child, &map, depth + 1);
      }
    }
  }

  void add_nested_block(Node &map, TSNode node, size_t depth) {
    Block b = convert_block(node, depth + 1);
    b.body.span = b.span;
    if (!b.labels.empty()) b.body.text = b.labels.front();
    Node *list = map.get(b.type);
    if (!list || !list->is_list() || !list->from_block) {
      Node fresh = Node::make_list(b.span);
      fresh.from_block = true;
      list = &map.add(b.type, std::move(fresh), b.header);
    }
    list->span.end_line = b.span.end_line;
    list->span.end_col = b.span.end_col;
    list->span.end_offset = b.span.end_offset;
    list->items.push_back(std::move(b.body));
  }

  void add_attribute(Node &map, TSNode attr, size_t depth) {
    TSNode key{}, value{};
    bool have_key = false, have_value = false;
    for (TSNode child : Children(attr)) {
      TSSymbol sym = ts_node_symbol(child);
      if (sym == s_.identifier && !have_key) {
        key = child;
        have_key = true;
      } else if (sym == s_.expression) {
        value = child;
        have_value = true;
      } else if (sym == s_.comment) {
        add_comment(child);
      }
    }
    if (!have_key) return;
    Node v = have_value ? convert_expression(value, depth + 1) : Node::null(span_of(attr));
    map.add(std::string(text(key)), std::move(v), span_of(key));
  }

  // ---- values -------------------------------------------------------------

  // Converts an `expression` node: literals and collections become values;
  // anything else an Expression node carrying its Expr structure.
  Node convert_expression(TSNode expr, size_t depth) {
    if (too_many_nodes(expr) || too_deep(depth, expr)) return unknown(expr);
    std::optional<Node> literal = try_literal(expr, depth);
    if (literal) return std::move(*literal);
    Expr built = build_expr(expr, depth);
    shrink_to_fit(built);
    // The source text is kept once, as the node's text (Expr::source stays
    // empty: see checker/model/expr.h).
    Node node = Node::make_expression(std::string(text(expr)), span_of(expr));
    node.expr = std::make_shared<Expr>(std::move(built));
    return node;
  }

  Node unknown(TSNode n) { return Node::make_expression(std::string(text(n)), span_of(n)); }

  // The single meaningful child of an `expression` that is just one term.
  bool single_term(TSNode expr, TSNode &out) const {
    TSNode only{};
    uint32_t count = 0;
    for (TSNode c : Children(expr, true)) {
      if (ts_node_symbol(c) == s_.comment) continue;
      only = c;
      ++count;
    }
    if (count != 1) return false;
    // Parentheses are anonymous children: `(x)` has one named child but is
    // still a plain term for our purposes.
    out = only;
    return true;
  }

  // A literal value, looking through parentheses: `((("x")))` is "x".
  // Iterative, and past the depth limit not a literal (build_expr then
  // reports the limit): 20,000 `(` must not take a stack frame each.
  std::optional<Node> try_literal(TSNode expr, size_t depth) {
    TSNode term;
    for (;;) {
      if (too_deep(depth, expr) || !single_term(expr, term)) return std::nullopt;
      if (ts_node_symbol(term) != s_.expression) break;
      expr = term;
      ++depth;
    }
    TSSymbol sym = ts_node_symbol(term);
    if (sym == s_.literal_value) return convert_literal(term);
    if (sym == s_.collection_value) {
      TSNode inner = ts_node_named_child(term, 0);
      return convert_collection(inner, depth + 1);
    }
    if (sym == s_.template_expr) {
      std::string out;
      if (template_is_literal(ts_node_named_child(term, 0), out))
        return Node::make_string(out, span_of(expr));
    }
    return std::nullopt;
  }

  Node convert_literal(TSNode lit) {
    TSNode v = ts_node_named_child(lit, 0);
    TSSymbol sym = ts_node_symbol(v);
    Span sp = span_of(lit);
    if (sym == s_.numeric_lit) {
      std::string_view t = text(v);
      double d = 0;
      if (t.size() > 2 && t[0] == '0' && (t[1] == 'x' || t[1] == 'X')) {
        d = static_cast<double>(std::strtoull(std::string(t.substr(2)).c_str(), nullptr, 16));
      } else {
        d = std::strtod(std::string(t).c_str(), nullptr);
      }
      return Node::make_number(d, std::string(t), sp);
    }
    if (sym == s_.bool_lit) return Node::make_bool(text(v) == "true", sp);
    if (sym == s_.null_lit) return Node::null(sp);
    if (sym == s_.string_lit) return Node::make_string(string_literal_value(v), sp);
    return unknown(lit);
  }

  std::string string_literal_value(TSNode lit) {
    if (auto between = between_quotes(lit)) return unescape_hcl(*between);
    std::string out;
    for (TSNode c : Children(lit, true)) {
      if (ts_node_symbol(c) == s_.template_literal) out += unescape_hcl(text(c));
    }
    return out;
  }

  // The source text between the quotes of a string (nullopt when either
  // quote is missing). Read from the source, not from the literal chunks:
  // the grammar skips spaces before a chunk as it does before any token, so
  // the chunks miss spaces at the start of a string.
  std::optional<std::string_view> between_quotes(TSNode quoted) {
    std::optional<uint32_t> open_end, close_start;
    for (TSNode c : Children(quoted, false)) {
      const TSSymbol cs = ts_node_symbol(c);
      if (cs == s_.quoted_template_start && !open_end) open_end = ts_node_end_byte(c);
      if (cs == s_.quoted_template_end) close_start = ts_node_start_byte(c);
    }
    if (!open_end || !close_start || *close_start < *open_end) return std::nullopt;
    return text_between(*open_end, *close_start);
  }

  // A quoted or heredoc template made only of literal text.
  bool template_is_literal(TSNode tmpl, std::string &out) {
    TSSymbol sym = ts_node_symbol(tmpl);
    bool heredoc = sym == s_.heredoc_template;
    bool indented = false;
    const Children children(tmpl, true);
    std::string raw;
    for (TSNode c : children) {
      TSSymbol cs = ts_node_symbol(c);
      if (cs == s_.template_literal) {
        raw += heredoc ? std::string(text(c)) : unescape_hcl(text(c));
      } else if (cs == s_.heredoc_start) {
        indented = text(c).find('-') != std::string_view::npos;
      } else if (cs == s_.heredoc_identifier || cs == s_.comment) {
        continue;
      } else {
        return false;  // interpolation or directive
      }
    }
    if (heredoc) {
      // Whitespace is an extra token in this grammar, so literal chunks miss
      // indentation: take the body's bytes between the two markers instead.
      std::optional<uint32_t> open_end, close_start;
      for (TSNode c : children) {
        if (ts_node_symbol(c) != s_.heredoc_identifier) continue;
        if (!open_end) {
          open_end = ts_node_end_byte(c);
        } else {
          close_start = ts_node_start_byte(c);
        }
      }
      if (!open_end || !close_start || *close_start < *open_end) return false;
      std::string_view src = doc_.source;
      size_t begin = src.find('\n', *open_end);
      if (begin == std::string_view::npos || begin + 1 > *close_start) return false;
      ++begin;
      size_t line_start = src.rfind('\n', *close_start - 1);
      size_t end = line_start == std::string_view::npos || line_start < begin ? begin : line_start + 1;
      out = heredoc_body(src.substr(begin, end - begin), indented);
      return true;
    }
    if (auto between = between_quotes(tmpl)) raw = unescape_hcl(*between);
    out = raw;
    return true;
  }

  Node convert_collection(TSNode coll, size_t depth) {
    TSSymbol sym = ts_node_symbol(coll);
    Span sp = span_of(coll);
    if (too_deep(depth, coll)) return unknown(coll);
    const Children children(coll, true);
    if (sym == s_.tuple) {
      Node list = Node::make_list(sp);
      for (TSNode c : children) {
        TSSymbol cs = ts_node_symbol(c);
        if (cs == s_.expression) {
          list.items.push_back(convert_expression(c, depth + 1));
        } else if (cs == s_.comment) {
          add_comment(c);
        }
      }
      return list;
    }
    if (sym == s_.object) {
      Node map = Node::make_map(sp);
      for (TSNode c : children) {
        TSSymbol cs = ts_node_symbol(c);
        if (cs == s_.comment) {
          add_comment(c);
          continue;
        }
        if (cs != s_.object_elem) continue;
        TSNode k = ts_node_child_by_field_name(c, "key", 3);
        TSNode v = ts_node_child_by_field_name(c, "val", 3);
        if (ts_node_is_null(k) || ts_node_is_null(v)) continue;
        map.add(object_key(k), convert_expression(v, depth + 1), span_of(k));
      }
      return map;
    }
    return unknown(coll);
  }

  // Object keys: a bare identifier or a literal string is the key itself;
  // any other expression keeps its source text.
  std::string object_key(TSNode key_expr) {
    TSNode term;
    if (single_term(key_expr, term)) {
      TSSymbol sym = ts_node_symbol(term);
      if (sym == s_.variable_expr) return std::string(text(term));
      if (sym == s_.literal_value) {
        TSNode v = ts_node_named_child(term, 0);
        if (ts_node_symbol(v) == s_.string_lit) return string_literal_value(v);
        return std::string(text(v));
      }
      if (sym == s_.template_expr) {
        std::string out;
        if (template_is_literal(ts_node_named_child(term, 0), out)) return out;
      }
    }
    return std::string(text(key_expr));
  }

  // ---- expression structure -------------------------------------------------

  Expr make(Expr::Op op, TSNode at, std::string name = {}) {
    Expr e;
    e.op = op;
    e.span = span_of(at);
    e.name = std::move(name);
    return e;
  }

  Expr build_expr(TSNode expr, size_t depth) {
    if (too_deep(depth, expr)) return make(Expr::Op::Unsupported, expr);
    // `expression` and `_expr_term` sequences: a primary followed by
    // postfix accessors (get_attr, index, splat), flattened by the grammar.
    std::vector<TSNode> parts;
    for (TSNode c : Children(expr)) {
      if (ts_node_symbol(c) == s_.comment) {
        add_comment(c);
        continue;
      }
      parts.push_back(c);
    }
    return build_term(parts, 0, parts.size(), depth);
  }

  Expr build_term(const std::vector<TSNode> &parts, size_t begin, size_t end, size_t depth) {
    if (begin >= end) return Expr{};
    size_t i = begin;
    Expr cur;
    TSNode first = parts[i];
    if (!ts_node_is_named(first) && text(first) == "(") {
      // Parenthesised: find the inner expression and the closing paren.
      size_t close = i + 1;
      while (close < end && !(!ts_node_is_named(parts[close]) && text(parts[close]) == ")")) ++close;
      cur = close > i + 1 ? build_primary(parts[i + 1], depth + 1) : Expr{};
      i = close < end ? close + 1 : end;
    } else {
      cur = build_primary(first, depth + 1);
      ++i;
    }
    for (; i < end; ++i) {
      TSNode p = parts[i];
      TSSymbol sym = ts_node_symbol(p);
      if (sym == s_.get_attr || sym == s_.index || sym == s_.splat) {
        cur = apply_postfix(std::move(cur), p, depth + 1);
      }
    }
    return cur;
  }

  Expr apply_postfix(Expr base, TSNode p, size_t depth) {
    TSSymbol sym = ts_node_symbol(p);
    Span sp{base.span.start_line, base.span.start_col,    span_of(p).end_line,
            span_of(p).end_col,   base.span.start_offset, span_of(p).end_offset};
    if (sym == s_.get_attr) {
      TSNode id = ts_node_named_child(p, 0);
      Expr e;
      e.op = Expr::Op::GetAttr;
      e.name = std::string(text(id));
      e.span = sp;
      e.args.push_back(std::move(base));
      return e;
    }
    if (sym == s_.index) {
      TSNode inner = ts_node_named_child(p, 0);
      Expr e;
      e.op = Expr::Op::Index;
      e.span = sp;
      e.args.push_back(std::move(base));
      if (ts_node_symbol(inner) == s_.legacy_index) {
        std::string_view t = text(inner);
        if (!t.empty() && t.front() == '.') t.remove_prefix(1);
        Expr lit;
        lit.op = Expr::Op::Literal;
        lit.set_value(Node::make_number(std::strtod(std::string(t).c_str(), nullptr), std::string(t)));
        lit.span = span_of(inner);
        e.args.push_back(std::move(lit));
      } else {
        TSNode ix = ts_node_named_child(inner, 0);
        e.args.push_back(build_expr(ix, depth + 1));
      }
      return e;
    }
    // splat: [*] or .* followed by accessors applied per element
    TSNode kind = ts_node_named_child(p, 0);
    Expr e;
    e.op = Expr::Op::Splat;
    e.span = sp;
    e.args.push_back(std::move(base));
    Expr each;
    each.op = Expr::Op::Variable;
    each.name = "";  // the element placeholder
    for (TSNode accessor : Children(kind, true)) each = apply_postfix(std::move(each), accessor, depth);
    e.args.push_back(std::move(each));
    return e;
  }

  Expr build_primary(TSNode node, size_t depth) {
    if (too_deep(depth, node)) return make(Expr::Op::Unsupported, node);
    TSSymbol sym = ts_node_symbol(node);
    if (sym == s_.expression) return build_expr(node, depth + 1);
    if (sym == s_.literal_value) {
      Expr e = make(Expr::Op::Literal, node);
      e.set_value(convert_literal(node));
      return e;
    }
    if (sym == s_.variable_expr) return make(Expr::Op::Variable, node, std::string(text(node)));
    if (sym == s_.collection_value) return build_collection(ts_node_named_child(node, 0), depth + 1);
    if (sym == s_.template_expr) return build_template(ts_node_named_child(node, 0), depth + 1);
    if (sym == s_.function_call) return build_call(node, depth + 1);
    if (sym == s_.conditional) {
      Expr e = make(Expr::Op::Conditional, node);
      for (TSNode c : Children(node, true)) {
        if (ts_node_symbol(c) == s_.expression) e.args.push_back(build_expr(c, depth + 1));
      }
      if (e.args.size() != 3) e.op = Expr::Op::Unsupported;
      return e;
    }
    if (sym == s_.operation) return build_operation(ts_node_named_child(node, 0), depth + 1);
    if (sym == s_.for_expr) return make(Expr::Op::For, node);
    return make(Expr::Op::Unsupported, node);
  }

  Expr build_operation(TSNode op, size_t depth) {
    std::vector<TSNode> parts;
    for (TSNode c : Children(op)) {
      if (ts_node_symbol(c) != s_.comment) parts.push_back(c);
    }
    if (ts_node_symbol(op) == s_.unary_operation) {
      if (parts.empty()) return make(Expr::Op::Unsupported, op);
      Expr e = make(Expr::Op::Unary, op, std::string(text(parts[0])));
      e.args.push_back(build_term(parts, 1, parts.size(), depth + 1));
      return e;
    }
    // binary: the operator is the first anonymous child that is not a
    // bracket belonging to a term.
    size_t split = parts.size();
    int nesting = 0;
    for (size_t i = 0; i < parts.size(); ++i) {
      if (ts_node_is_named(parts[i])) continue;
      std::string_view t = text(parts[i]);
      if (t == "(") {
        ++nesting;
      } else if (t == ")") {
        --nesting;
      } else if (nesting == 0 && i > 0) {
        split = i;
        break;
      }
    }
    if (split == parts.size()) return make(Expr::Op::Unsupported, op);
    Expr e = make(Expr::Op::Binary, op, std::string(text(parts[split])));
    e.args.push_back(build_term(parts, 0, split, depth + 1));
    e.args.push_back(build_term(parts, split + 1, parts.size(), depth + 1));
    return e;
  }

  Expr build_call(TSNode call, size_t depth) {
    Expr e = make(Expr::Op::Call, call);
    for (TSNode c : Children(call, true)) {
      TSSymbol sym = ts_node_symbol(c);
      if (sym == s_.identifier && e.name.empty()) {
        e.name = std::string(text(c));
      } else if (sym == s_.function_arguments) {
        for (TSNode a : Children(c, true)) {
          TSSymbol as = ts_node_symbol(a);
          if (as == s_.expression) {
            e.args.push_back(build_expr(a, depth + 1));
          } else if (as == s_.ellipsis) {
            e.expand = true;
          }
        }
      }
    }
    return e;
  }

  Expr build_collection(TSNode coll, size_t depth) {
    TSSymbol sym = ts_node_symbol(coll);
    const Children children(coll, true);
    if (sym == s_.tuple) {
      Expr e = make(Expr::Op::Tuple, coll);
      for (TSNode c : children) {
        if (ts_node_symbol(c) == s_.expression) e.args.push_back(build_expr(c, depth + 1));
      }
      return e;
    }
    if (sym == s_.object) {
      Expr e = make(Expr::Op::Object, coll);
      for (TSNode c : children) {
        if (ts_node_symbol(c) != s_.object_elem) continue;
        TSNode k = ts_node_child_by_field_name(c, "key", 3);
        TSNode v = ts_node_child_by_field_name(c, "val", 3);
        if (ts_node_is_null(k) || ts_node_is_null(v)) continue;
        Expr key;
        TSNode term;
        if (single_term(k, term) && ts_node_symbol(term) == s_.variable_expr) {
          key = make(Expr::Op::Literal, k);  // bare identifiers are literal keys
          key.set_value(Node::make_string(std::string(text(term)), span_of(term)));
        } else {
          key = build_expr(k, depth + 1);
        }
        e.args.push_back(std::move(key));
        e.args.push_back(build_expr(v, depth + 1));
      }
      return e;
    }
    return make(Expr::Op::Unsupported, coll);
  }

  Expr build_template(TSNode tmpl, size_t depth) {
    Expr e = make(Expr::Op::Template, tmpl);
    bool heredoc = ts_node_symbol(tmpl) == s_.heredoc_template;
    bool indented = false;
    for (TSNode c : Children(tmpl, true)) {
      TSSymbol sym = ts_node_symbol(c);
      if (sym == s_.heredoc_start) {
        indented = text(c).find('-') != std::string_view::npos;
      } else if (sym == s_.template_literal) {
        Expr lit = make(Expr::Op::Literal, c);
        lit.set_value(Node::make_string(heredoc ? std::string(text(c)) : unescape_hcl(text(c)), span_of(c)));
        e.args.push_back(std::move(lit));
      } else if (sym == s_.template_interpolation) {
        for (TSNode x : Children(c, true)) {
          if (ts_node_symbol(x) == s_.expression) e.args.push_back(build_expr(x, depth + 1));
        }
      } else if (sym == s_.template_directive) {
        e.args.push_back(make(Expr::Op::TemplateFor, c));  // directives stay unevaluated
      }
    }
    // An indented heredoc strips the common leading whitespace; only exact
    // when the template is all literal, so directives make it unknown.
    if (heredoc && indented) {
      for (const auto &a : e.args)
        if (a.op != Expr::Op::Literal) return make(Expr::Op::Unsupported, tmpl);
    }
    return e;
  }
};

// TSInput over one contiguous buffer (a std::string_view).
const char *read_buffer(void *payload, uint32_t byte_index, TSPoint, uint32_t *bytes_read) {
  const auto *src = static_cast<const std::string_view *>(payload);
  if (byte_index >= src->size()) {
    *bytes_read = 0;
    return "";
  }
  *bytes_read = static_cast<uint32_t>(src->size() - byte_index);
  return src->data() + byte_index;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// tree-sitter-hcl 1.2.0 reads an exponent only after a fraction (`1.5e3`),
// so `1e9`, a valid Terraform number, was a syntax error that dropped the
// attributes after it. Where a number literal the parser found is followed
// by an exponent, the exponent's letter and sign are replaced, in the
// parser's copy of the text, by digits (`1e9` -> `109`, `1e+9` -> `1009`):
// the same length, so every offset stays the file's, and the literal's value
// is read from the file's own text. True when something was replaced. Only
// called on a tree with errors; walked with a cursor (no recursion).
bool patch_bare_exponents(TSNode root, std::string &text) {
  const TSSymbol numeric = symbols().numeric_lit;
  bool patched = false;
  hcl::preorder(root, [&](TSNode n) {
    if (ts_node_symbol(n) != numeric) return hcl::Walk::Descend;
    const uint32_t b = ts_node_start_byte(n), e = ts_node_end_byte(n);
    const std::string_view lit = std::string_view(text).substr(b, e - b);
    size_t i = e;
    if (lit.find_first_not_of("0123456789") != std::string_view::npos || i >= text.size() ||
        (text[i] != 'e' && text[i] != 'E'))
      return hcl::Walk::Skip;
    size_t digits = i + 1;
    if (digits < text.size() && (text[digits] == '+' || text[digits] == '-')) ++digits;
    if (digits < text.size() && is_digit(text[digits])) {
      for (; i < digits; ++i) text[i] = '0';
      patched = true;
    }
    return hcl::Walk::Skip;
  });
  return patched;
}

// An empty span at byte `offset` of `source` (clamped to its end).
Span span_at(std::string_view source, uint32_t offset) {
  offset = std::min<uint32_t>(offset, static_cast<uint32_t>(source.size()));
  uint32_t line = 1, line_start = 0;
  for (uint32_t i = 0; i < offset; ++i)
    if (source[i] == '\n') ++line, line_start = i + 1;
  const uint32_t col = offset - line_start + 1;
  return Span{line, col, line, col, offset, offset};
}

// A parser for one file, made and dropped inside the file's arena scope
// (ts_arena.h): deleting it runs the grammar scanner's destructor, whose
// state is malloc's, and frees nothing of the arena's one by one.
class FileParser {
 public:
  FileParser() : parser_(ts_parser_new()) { ts_parser_set_language(parser_, tree_sitter_hcl()); }
  ~FileParser() { ts_parser_delete(parser_); }
  FileParser(const FileParser &) = delete;
  FileParser &operator=(const FileParser &) = delete;
  TSParser *get() const { return parser_; }

 private:
  TSParser *parser_;
};

}  // namespace

void parse_hcl(Document &doc, const ParseOptions &opts) {
  // Everything tree-sitter allocates for this file is released at once when
  // `arena` goes: the tree is never deleted node by node.
  hcl::ArenaScope arena;
  FileParser file_parser;
  TSParser *parser = file_parser.get();
  std::string_view src = doc.source;
  // A UTF-8 BOM is not HCL; blank it out in place of removing it so that
  // byte offsets and columns stay those of the file.
  std::string patched;
  if (src.size() >= 3 && static_cast<unsigned char>(src[0]) == 0xEF &&
      static_cast<unsigned char>(src[1]) == 0xBB && static_cast<unsigned char>(src[2]) == 0xBF) {
    patched = doc.source;
    patched[0] = patched[1] = patched[2] = ' ';
    src = patched;
  }
  auto copy = [&]() -> std::string & {
    if (patched.empty()) patched = doc.source;
    src = patched;
    return patched;
  };
  // Parsed through the progress callback (every 100 parse steps) so that a
  // pathological file cannot hold a worker past the deadline, nor go on once
  // the grammar's scanner has lost its templates (template_chunks.h):
  // tree-sitter then returns no tree.
  struct Progress {
    Deadline deadline;
    std::optional<uint32_t> overflow_at;
  } progress{Deadline(opts.timeout), std::nullopt};
  clause_hcl_scanner_reset();
  TSInput input{&src, read_buffer, TSInputEncodingUTF8, nullptr};
  TSParseOptions parse_options{&progress, [](TSParseState *state) {
                                 auto &p = *static_cast<Progress *>(state->payload);
                                 if (clause_hcl_scanner_overflowed()) {
                                   if (!p.overflow_at) p.overflow_at = state->current_byte_offset;
                                   return true;
                                 }
                                 return p.deadline.passed_now();
                               }};
  TSTree *tree = ts_parser_parse_with_options(parser, nullptr, input, parse_options);
  if (tree && ts_node_has_error(ts_tree_root_node(tree)) &&
      patch_bare_exponents(ts_tree_root_node(tree), copy())) {
    clause_hcl_scanner_reset();
    tree = ts_parser_parse_with_options(parser, nullptr, input, parse_options);
  }
  if (!tree || clause_hcl_scanner_overflowed()) {
    if (clause_hcl_scanner_overflowed()) {
      doc.diagnostics.push_back(Diagnostic{
          DiagLevel::Error, "limit-depth",
          "more than 127 strings, interpolations and heredocs open at once (about 63 nested \"${\"), or a "
          "heredoc marker longer than 127 characters: more than the HCL grammar can hold; the file was not "
          "analysed",
          span_at(doc.source, progress.overflow_at.value_or(static_cast<uint32_t>(doc.source.size())))});
      return;
    }
    const bool timed_out = progress.deadline.passed_now();
    doc.diagnostics.push_back(Diagnostic{
        DiagLevel::Error, timed_out ? "limit-parse-time" : "parse-error",
        timed_out ? parse_timeout_message(opts.timeout) : std::string("the HCL parser gave up"), Span{}});
    return;
  }
  TSNode root = ts_tree_root_node(tree);
  hcl::WalkCursor cursor(root);
  HclWalker walker(doc, opts);
  walker.walk_config(root);
  walker.report_syntax_errors(root);
  shrink_to_fit(doc);
}

}  // namespace clause
