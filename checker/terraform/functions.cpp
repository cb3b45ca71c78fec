#include "checker/terraform/functions.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <memory>
#include <string>

#include <re2/re2.h>

#include "checker/terraform/values.h"

namespace clause::tf {
namespace {

struct Call {
  const std::vector<Node> &args;
  const Span &span;
  std::string_view source;
  ResultLimit *limit = nullptr;

  size_t size() const { return args.size(); }
  const Node &operator[](size_t i) const { return args[i]; }
  Node unknown() const {
    std::vector<const Node *> in;
    for (const auto &a : args) in.push_back(&a);
    return unknown_from(in, std::string(source), span);
  }
  Node error(std::string_view why) const {
    return error_value(std::string(source) + ": " + std::string(why), span);
  }
  Node string(std::string s) const { return Node::make_string(std::move(s), span); }
  Node number(double d) const { return number_node(d, span); }
  Node boolean(bool b) const { return Node::make_bool(b, span); }
  Node list() const { return Node::make_list(span); }
  Node map() const { return Node::make_map(span); }
  // Whether a result of `bytes` is allowed; when not, the caller gives
  // too_large().
  bool fits(size_t bytes) const { return !limit || bytes <= limit->max_bytes; }
  Node too_large() const {
    if (limit) limit->exceeded = true;
    return unknown();
  }
  // Whether any argument is unknown at its top level.
  bool any_unknown() const {
    return std::any_of(args.begin(), args.end(), [](const Node &n) { return n.is_expression(); });
  }
};

using Fn = Node (*)(const Call &);

// ---- helpers ---------------------------------------------------------------

size_t utf8_length(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

// Byte offset of code point `cp` in `s` (s.size() when past the end).
size_t utf8_offset(std::string_view s, size_t cp) {
  size_t n = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) continue;
    if (n == cp) return i;
    ++n;
  }
  return s.size();
}

bool is_integer(double d) { return std::isfinite(d) && d == std::floor(d); }

// Strings of a known list (or nullopt: not a list, or an element unknown).
std::optional<std::vector<std::string>> string_items(const Node &list) {
  if (!list.is_list()) return std::nullopt;
  std::vector<std::string> out;
  for (const auto &i : list.items) {
    auto s = to_string_value(i);
    if (!s) return std::nullopt;
    out.push_back(std::move(*s));
  }
  return out;
}

// ---- collections -------------------------------------------------------------

Node fn_lookup(const Call &c) {
  if (c.size() < 2 || c.size() > 3) return c.error("lookup takes 2 or 3 arguments");
  if (c[0].is_expression() || c[1].is_expression()) return c.unknown();
  if (!c[0].is_map()) return c.error("lookup needs a map");
  auto key = to_string_value(c[1]);
  if (!key) return c.error("lookup key must be a string");
  if (const Node *v = c[0].get(*key)) return *v;
  if (c.size() == 3) return c[2];
  return c.error("no key \"" + *key + "\" in the map");
}

Node fn_merge(const Call &c) {
  Node out = c.map();
  for (const auto &a : c.args) {
    if (a.is_expression()) return c.unknown();
    if (a.is_null()) continue;
    if (!a.is_map()) return c.error("merge takes maps or objects");
    for (const auto &e : a.entries) {
      if (Node *existing = out.get(e.key)) {
        *existing = e.value;
      } else {
        out.add(e.key, e.value, e.key_span);
      }
    }
  }
  return out;
}

Node fn_concat(const Call &c) {
  Node out = c.list();
  for (const auto &a : c.args) {
    if (a.is_expression()) return c.unknown();
    if (!a.is_list()) return c.error("concat takes lists");
    for (const auto &i : a.items) out.items.push_back(i);
  }
  return out;
}

Node fn_coalesce(const Call &c) {
  for (const auto &a : c.args) {
    if (a.is_expression()) return c.unknown();
    if (a.is_null() || (a.is_string() && a.text.empty())) continue;
    return a;
  }
  return c.error("no non-null, non-empty argument");
}

Node fn_coalescelist(const Call &c) {
  for (const auto &a : c.args) {
    if (a.is_expression()) return c.unknown();
    if (!a.is_list()) return c.error("coalescelist takes lists");
    if (!a.items.empty()) return a;
  }
  return c.error("no non-empty list");
}

Node fn_length(const Call &c) {
  if (c.size() != 1) return c.error("length takes one argument");
  const Node &a = c[0];
  switch (a.kind) {
    case NodeKind::List: return c.number(static_cast<double>(a.items.size()));
    case NodeKind::Map: return c.number(static_cast<double>(a.entries.size()));
    case NodeKind::String: return c.number(static_cast<double>(utf8_length(a.text)));
    case NodeKind::Expression: return c.unknown();
    default: return c.error("length of a value that is not a collection or string");
  }
}

Node fn_contains(const Call &c) {
  if (c.size() != 2) return c.error("contains takes two arguments");
  if (c[0].is_expression() || !is_known(c[1])) return c.unknown();
  if (!c[0].is_list()) return c.error("contains needs a list or set");
  bool unknown = false;
  for (const auto &i : c[0].items) {
    if (!is_known(i)) {
      unknown = true;
      continue;
    }
    if (values_equal(i, c[1])) return c.boolean(true);
  }
  return unknown ? c.unknown() : c.boolean(false);
}

std::vector<const MapEntry *> sorted_entries(const Node &map) {
  std::vector<const MapEntry *> out;
  for (const auto &e : map.entries) out.push_back(&e);
  std::stable_sort(out.begin(), out.end(),
                   [](const MapEntry *a, const MapEntry *b) { return a->key < b->key; });
  return out;
}

Node fn_keys(const Call &c) {
  if (c.size() != 1) return c.error("keys takes one argument");
  if (c[0].is_expression()) return c.unknown();
  if (!c[0].is_map()) return c.error("keys needs a map");
  Node out = c.list();
  for (const MapEntry *e : sorted_entries(c[0])) out.items.push_back(c.string(e->key));
  return out;
}

Node fn_values(const Call &c) {
  if (c.size() != 1) return c.error("values takes one argument");
  if (c[0].is_expression()) return c.unknown();
  if (!c[0].is_map()) return c.error("values needs a map");
  Node out = c.list();
  for (const MapEntry *e : sorted_entries(c[0])) out.items.push_back(e->value);
  return out;
}

Node fn_element(const Call &c) {
  if (c.size() != 2) return c.error("element takes two arguments");
  if (c[0].is_expression() || c[1].is_expression()) return c.unknown();
  auto idx = to_number_value(c[1]);
  if (!c[0].is_list() || !idx || !is_integer(*idx) || *idx < 0)
    return c.error("element needs a list and an index");
  if (c[0].items.empty()) return c.error("element of an empty list");
  return c[0].items[static_cast<size_t>(*idx) % c[0].items.size()];
}

// Sets of strings iterate in lexical order; other sets keep first-seen order.
Node fn_toset(const Call &c) {
  if (c.size() != 1) return c.error("toset takes one argument");
  if (c[0].is_expression()) return c.unknown();
  if (!c[0].is_list()) return c.error("toset needs a list");
  if (!is_known(c[0])) return c.unknown();
  Node out = c.list();
  for (const auto &i : c[0].items) {
    bool seen =
        std::any_of(out.items.begin(), out.items.end(), [&](const Node &o) { return values_equal(o, i); });
    if (!seen) out.items.push_back(i);
  }
  bool all_strings =
      std::all_of(out.items.begin(), out.items.end(), [](const Node &n) { return n.is_string(); });
  if (all_strings)
    std::sort(out.items.begin(), out.items.end(),
              [](const Node &a, const Node &b) { return a.text < b.text; });
  return out;
}

Node fn_tolist(const Call &c) {
  if (c.size() != 1) return c.error("tolist takes one argument");
  if (c[0].is_expression()) return c.unknown();
  if (!c[0].is_list()) return c.error("tolist needs a list, set or tuple");
  return c[0];
}

Node fn_tomap(const Call &c) {
  if (c.size() != 1) return c.error("tomap takes one argument");
  if (c[0].is_expression()) return c.unknown();
  if (!c[0].is_map()) return c.error("tomap needs a map or object");
  return c[0];
}

void flatten_into(const Node &n, Node &out) {
  for (const auto &i : n.items) {
    if (i.is_list()) {
      flatten_into(i, out);
    } else {
      out.items.push_back(i);
    }
  }
}

Node fn_flatten(const Call &c) {
  if (c.size() != 1) return c.error("flatten takes one argument");
  if (c[0].is_expression()) return c.unknown();
  if (!c[0].is_list()) return c.error("flatten needs a list");
  // An unknown element may be a list itself: the result's shape is unknown.
  for (const auto &i : c[0].items)
    if (i.is_expression()) return c.unknown();
  Node out = c.list();
  flatten_into(c[0], out);
  return out;
}

Node fn_distinct(const Call &c) {
  if (c.size() != 1) return c.error("distinct takes one argument");
  if (c[0].is_expression()) return c.unknown();
  if (!c[0].is_list()) return c.error("distinct needs a list");
  if (!is_known(c[0])) return c.unknown();
  Node out = c.list();
  for (const auto &i : c[0].items) {
    bool seen =
        std::any_of(out.items.begin(), out.items.end(), [&](const Node &o) { return values_equal(o, i); });
    if (!seen) out.items.push_back(i);
  }
  return out;
}

Node fn_compact(const Call &c) {
  if (c.size() != 1) return c.error("compact takes one argument");
  if (c[0].is_expression()) return c.unknown();
  if (!c[0].is_list()) return c.error("compact needs a list");
  Node out = c.list();
  for (const auto &i : c[0].items) {
    if (i.is_expression()) return c.unknown();
    if (i.is_null() || (i.is_string() && i.text.empty())) continue;
    out.items.push_back(i);
  }
  return out;
}

Node fn_zipmap(const Call &c) {
  if (c.size() != 2) return c.error("zipmap takes two arguments");
  if (c[0].is_expression() || c[1].is_expression()) return c.unknown();
  auto keys = string_items(c[0]);
  if (!keys) return is_known(c[0]) ? c.error("zipmap keys must be strings") : c.unknown();
  if (!c[1].is_list() || c[1].items.size() != keys->size())
    return c.error("zipmap needs lists of equal length");
  Node out = c.map();
  for (size_t i = 0; i < keys->size(); ++i) out.add((*keys)[i], c[1].items[i], c.span);
  return out;
}

Node fn_reverse(const Call &c) {
  if (c.size() != 1) return c.error("reverse takes one argument");
  if (c[0].is_expression()) return c.unknown();
  if (!c[0].is_list()) return c.error("reverse needs a list");
  Node out = c[0];
  std::reverse(out.items.begin(), out.items.end());
  return out;
}

Node fn_slice(const Call &c) {
  if (c.size() != 3) return c.error("slice takes three arguments");
  if (c.any_unknown()) return c.unknown();
  auto from = to_number_value(c[1]), to = to_number_value(c[2]);
  if (!c[0].is_list() || !from || !to || *from < 0 || *to < *from ||
      *to > static_cast<double>(c[0].items.size()))
    return c.error("slice indexes out of range");
  Node out = c.list();
  for (size_t i = static_cast<size_t>(*from); i < static_cast<size_t>(*to); ++i)
    out.items.push_back(c[0].items[i]);
  return out;
}

Node fn_sort(const Call &c) {
  if (c.size() != 1) return c.error("sort takes one argument");
  if (c[0].is_expression()) return c.unknown();
  auto items = string_items(c[0]);
  if (!items) return is_known(c[0]) ? c.error("sort needs a list of strings") : c.unknown();
  std::sort(items->begin(), items->end());
  Node out = c.list();
  for (auto &s : *items) out.items.push_back(c.string(std::move(s)));
  return out;
}

Node fn_one(const Call &c) {
  if (c.size() != 1) return c.error("one takes one argument");
  if (c[0].is_expression()) return c.unknown();
  if (!c[0].is_list() || c[0].items.size() > 1) return c.error("one needs a list of at most one element");
  return c[0].items.empty() ? Node::null(c.span) : c[0].items[0];
}

Node fn_index(const Call &c) {
  if (c.size() != 2) return c.error("index takes two arguments");
  if (c[0].is_expression() || !is_known(c[1])) return c.unknown();
  if (!c[0].is_list()) return c.error("index needs a list");
  for (size_t i = 0; i < c[0].items.size(); ++i) {
    if (!is_known(c[0].items[i])) return c.unknown();
    if (values_equal(c[0].items[i], c[1])) return c.number(static_cast<double>(i));
  }
  return c.error("value not in the list");
}

Node fn_range(const Call &c) {
  if (c.size() < 1 || c.size() > 3) return c.error("range takes 1 to 3 arguments");
  if (c.any_unknown()) return c.unknown();
  std::vector<double> n;
  for (const auto &a : c.args) {
    auto v = to_number_value(a);
    if (!v) return c.error("range needs numbers");
    n.push_back(*v);
  }
  double start = n.size() == 1 ? 0 : n[0];
  double end = n.size() == 1 ? n[0] : n[1];
  double step = n.size() == 3 ? n[2] : (end >= start ? 1 : -1);
  if (step == 0 || (step > 0) != (end >= start)) return c.error("range step points away from the end");
  // Terraform refuses more than 1024 elements; so do we.
  Node out = c.list();
  for (double v = start; step > 0 ? v < end : v > end; v += step) {
    if (out.items.size() >= 1024) return c.error("range of more than 1024 elements");
    out.items.push_back(c.number(v));
  }
  return out;
}

Node fn_alltrue_anytrue(const Call &c, bool all) {
  if (c.size() != 1) return c.error("takes one argument");
  if (c[0].is_expression()) return c.unknown();
  if (!c[0].is_list()) return c.error("needs a list");
  bool unknown = false;
  for (const auto &i : c[0].items) {
    auto b = to_bool_value(i);
    if (!b) {
      if (i.is_expression()) {
        unknown = true;
        continue;
      }
      return c.error("needs a list of bools");
    }
    if (*b != all) return c.boolean(!all);
  }
  return unknown ? c.unknown() : c.boolean(all);
}
Node fn_alltrue(const Call &c) { return fn_alltrue_anytrue(c, true); }
Node fn_anytrue(const Call &c) { return fn_alltrue_anytrue(c, false); }

// ---- conversions -------------------------------------------------------------

Node fn_tostring(const Call &c) {
  if (c.size() != 1) return c.error("tostring takes one argument");
  if (c[0].is_expression()) return c.unknown();
  if (c[0].is_null()) return Node::null(c.span);
  auto s = to_string_value(c[0]);
  return s ? c.string(*s) : c.error("cannot convert to string");
}

Node fn_tonumber(const Call &c) {
  if (c.size() != 1) return c.error("tonumber takes one argument");
  if (c[0].is_expression()) return c.unknown();
  if (c[0].is_null()) return Node::null(c.span);
  auto n = to_number_value(c[0]);
  return n ? c.number(*n) : c.error("cannot convert to number");
}

Node fn_tobool(const Call &c) {
  if (c.size() != 1) return c.error("tobool takes one argument");
  if (c[0].is_expression()) return c.unknown();
  if (c[0].is_null()) return Node::null(c.span);
  auto b = to_bool_value(c[0]);
  return b ? c.boolean(*b) : c.error("cannot convert to bool");
}

// ---- numbers -------------------------------------------------------------------

Node fn_minmax(const Call &c, bool want_max) {
  if (c.size() == 0) return c.error("needs at least one number");
  if (c.any_unknown()) return c.unknown();
  double best = 0;
  for (size_t i = 0; i < c.size(); ++i) {
    auto v = to_number_value(c[i]);
    if (!v) return c.error("needs numbers");
    if (i == 0 || (want_max ? *v > best : *v < best)) best = *v;
  }
  return c.number(best);
}
Node fn_min(const Call &c) { return fn_minmax(c, false); }
Node fn_max(const Call &c) { return fn_minmax(c, true); }

template <double (*F)(double)>
Node fn_math(const Call &c) {
  if (c.size() != 1) return c.error("takes one number");
  if (c.any_unknown()) return c.unknown();
  auto v = to_number_value(c[0]);
  return v ? c.number(F(*v)) : c.error("needs a number");
}
double abs_fn(double v) { return std::fabs(v); }
double ceil_fn(double v) { return std::ceil(v); }
double floor_fn(double v) { return std::floor(v); }
double signum_fn(double v) { return v > 0 ? 1 : v < 0 ? -1 : 0; }

Node fn_sum(const Call &c) {
  if (c.size() != 1) return c.error("sum takes one list");
  if (c[0].is_expression()) return c.unknown();
  if (!c[0].is_list() || c[0].items.empty()) return c.error("sum needs a non-empty list");
  double total = 0;
  for (const auto &i : c[0].items) {
    if (i.is_expression()) return c.unknown();
    auto v = to_number_value(i);
    if (!v) return c.error("sum needs numbers");
    total += *v;
  }
  return c.number(total);
}

// ---- strings -------------------------------------------------------------------

// Applies `f` to the string arguments, all of which must be known.
template <typename F>
Node with_strings(const Call &c, size_t n, F f) {
  if (c.size() != n) return c.error("wrong number of arguments");
  if (c.any_unknown()) return c.unknown();
  std::vector<std::string> s;
  for (const auto &a : c.args) {
    auto v = to_string_value(a);
    if (!v) return c.error("needs strings");
    s.push_back(std::move(*v));
  }
  return f(s);
}

Node fn_lower(const Call &c) {
  return with_strings(c, 1, [&](std::vector<std::string> &s) {
    std::transform(s[0].begin(), s[0].end(), s[0].begin(), [](unsigned char ch) { return std::tolower(ch); });
    return c.string(s[0]);
  });
}

Node fn_upper(const Call &c) {
  return with_strings(c, 1, [&](std::vector<std::string> &s) {
    std::transform(s[0].begin(), s[0].end(), s[0].begin(), [](unsigned char ch) { return std::toupper(ch); });
    return c.string(s[0]);
  });
}

Node fn_title(const Call &c) {
  return with_strings(c, 1, [&](std::vector<std::string> &s) {
    bool start = true;
    for (auto &ch : s[0]) {
      unsigned char u = static_cast<unsigned char>(ch);
      if (std::isalpha(u) && start) ch = static_cast<char>(std::toupper(u));
      start = std::isspace(u) != 0;
    }
    return c.string(s[0]);
  });
}

bool is_space(char ch) {
  return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\v' || ch == '\f';
}

Node fn_trimspace(const Call &c) {
  return with_strings(c, 1, [&](std::vector<std::string> &s) {
    std::string_view v = s[0];
    while (!v.empty() && is_space(v.front())) v.remove_prefix(1);
    while (!v.empty() && is_space(v.back())) v.remove_suffix(1);
    return c.string(std::string(v));
  });
}

Node fn_chomp(const Call &c) {
  return with_strings(c, 1, [&](std::vector<std::string> &s) {
    std::string_view v = s[0];
    while (!v.empty() && (v.back() == '\n' || v.back() == '\r')) v.remove_suffix(1);
    return c.string(std::string(v));
  });
}

Node fn_trim(const Call &c) {
  return with_strings(c, 2, [&](std::vector<std::string> &s) {
    std::string_view v = s[0];
    const std::string &set = s[1];
    while (!v.empty() && set.find(v.front()) != std::string::npos) v.remove_prefix(1);
    while (!v.empty() && set.find(v.back()) != std::string::npos) v.remove_suffix(1);
    return c.string(std::string(v));
  });
}

Node fn_trimprefix(const Call &c) {
  return with_strings(c, 2, [&](std::vector<std::string> &s) {
    std::string_view v = s[0];
    if (v.substr(0, s[1].size()) == s[1]) v.remove_prefix(s[1].size());
    return c.string(std::string(v));
  });
}

Node fn_trimsuffix(const Call &c) {
  return with_strings(c, 2, [&](std::vector<std::string> &s) {
    std::string_view v = s[0];
    if (v.size() >= s[1].size() && v.substr(v.size() - s[1].size()) == s[1]) v.remove_suffix(s[1].size());
    return c.string(std::string(v));
  });
}

Node fn_startswith(const Call &c) {
  return with_strings(c, 2, [&](std::vector<std::string> &s) { return c.boolean(s[0].rfind(s[1], 0) == 0); });
}

Node fn_endswith(const Call &c) {
  return with_strings(c, 2, [&](std::vector<std::string> &s) {
    return c.boolean(s[0].size() >= s[1].size() &&
                     s[0].compare(s[0].size() - s[1].size(), s[1].size(), s[1]) == 0);
  });
}

Node fn_substr(const Call &c) {
  if (c.size() != 3) return c.error("substr takes three arguments");
  if (c.any_unknown()) return c.unknown();
  auto s = to_string_value(c[0]);
  auto off = to_number_value(c[1]), len = to_number_value(c[2]);
  if (!s || !off || !len || !is_integer(*off) || !is_integer(*len))
    return c.error("substr needs a string and integers");
  long long total = static_cast<long long>(utf8_length(*s));
  long long o = static_cast<long long>(*off), l = static_cast<long long>(*len);
  if (o < 0) o += total;
  if (o < 0 || o > total) return c.error("substr offset out of range");
  if (l < 0 || o + l > total) l = total - o;
  size_t b = utf8_offset(*s, static_cast<size_t>(o)), e = utf8_offset(*s, static_cast<size_t>(o + l));
  return c.string(s->substr(b, e - b));
}

Node fn_split(const Call &c) {
  return with_strings(c, 2, [&](std::vector<std::string> &s) {
    Node out = c.list();
    const std::string &sep = s[0], &str = s[1];
    if (str.empty()) {
      out.items.push_back(c.string(""));
      return out;
    }
    if (sep.empty()) {
      for (size_t i = 0; i < str.size();) {
        size_t next = i + 1;
        while (next < str.size() && (static_cast<unsigned char>(str[next]) & 0xC0) == 0x80) ++next;
        out.items.push_back(c.string(str.substr(i, next - i)));
        i = next;
      }
      return out;
    }
    size_t pos = 0;
    while (true) {
      size_t at = str.find(sep, pos);
      out.items.push_back(c.string(str.substr(pos, at == std::string::npos ? std::string::npos : at - pos)));
      if (at == std::string::npos) break;
      pos = at + sep.size();
    }
    return out;
  });
}

Node fn_join(const Call &c) {
  if (c.size() < 2) return c.error("join takes a separator and lists");
  if (c.any_unknown()) return c.unknown();
  auto sep = to_string_value(c[0]);
  if (!sep) return c.error("join separator must be a string");
  std::string out;
  bool first = true;
  for (size_t i = 1; i < c.size(); ++i) {
    if (!c[i].is_list()) return c.error("join takes lists");
    for (const auto &item : c[i].items) {
      if (item.is_expression()) return c.unknown();
      auto s = to_string_value(item);
      if (!s) return c.error("join needs lists of strings");
      if (!first) out += *sep;
      out += *s;
      first = false;
      if (!c.fits(out.size())) return c.too_large();
    }
  }
  return c.string(std::move(out));
}

// Terraform's replacement syntax ($1, ${1}, $$) in RE2's (\1, \\).
std::optional<std::string> re2_rewrite(std::string_view repl) {
  std::string out;
  for (size_t i = 0; i < repl.size(); ++i) {
    char ch = repl[i];
    if (ch == '\\') {
      out += "\\\\";
    } else if (ch == '$' && i + 1 < repl.size() && repl[i + 1] == '$') {
      out += '$';
      ++i;
    } else if (ch == '$' && i + 1 < repl.size() && std::isdigit(static_cast<unsigned char>(repl[i + 1]))) {
      out += '\\';
      out += repl[++i];
    } else if (ch == '$' && i + 3 < repl.size() && repl[i + 1] == '{' &&
               std::isdigit(static_cast<unsigned char>(repl[i + 2])) && repl[i + 3] == '}') {
      out += '\\';
      out += repl[i + 2];
      i += 3;
    } else if (ch == '$') {
      return std::nullopt;  // named groups and other forms: not evaluated
    } else {
      out += ch;
    }
  }
  return out;
}

Node fn_replace(const Call &c) {
  if (c.size() != 3) return c.error("replace takes three arguments");
  if (c.any_unknown()) return c.unknown();
  auto str = to_string_value(c[0]), sub = to_string_value(c[1]), repl = to_string_value(c[2]);
  if (!str || !sub || !repl) return c.error("replace needs strings");
  if (sub->size() >= 2 && sub->front() == '/' && sub->back() == '/') {
    RE2::Options opts;
    opts.set_log_errors(false);
    RE2 re(sub->substr(1, sub->size() - 2), opts);
    auto rewrite = re2_rewrite(*repl);
    if (!re.ok()) return c.error("invalid regular expression");
    if (!rewrite) return c.unknown();
    // Every match (at most one per byte, and one at the end) could be
    // replaced by the rewrite with each back-reference the whole string.
    const size_t refs = static_cast<size_t>(std::count(rewrite->begin(), rewrite->end(), '\\'));
    const size_t each = rewrite->size() + refs * str->size();
    if (each > 0 && (str->size() + 1) > (SIZE_MAX - str->size()) / each) return c.too_large();
    if (!c.fits(str->size() + (str->size() + 1) * each)) {
      // The bound is too coarse to refuse on: count the matches.
      size_t matches = 0;
      re2::StringPiece m;
      for (size_t at = 0; at <= str->size();) {
        if (!re.Match(*str, at, str->size(), RE2::UNANCHORED, &m, 1)) break;
        ++matches;
        size_t end = static_cast<size_t>(m.data() - str->data()) + m.size();
        at = m.empty() ? end + 1 : end;
      }
      if (!c.fits(str->size() + matches * each)) return c.too_large();
    }
    std::string out = *str;
    RE2::GlobalReplace(&out, re, *rewrite);
    return c.string(std::move(out));
  }
  if (sub->empty()) return c.string(*str);
  std::string out;
  size_t pos = 0;
  while (true) {
    size_t at = str->find(*sub, pos);
    if (at == std::string::npos) break;
    out.append(*str, pos, at - pos);
    out += *repl;
    pos = at + sub->size();
    if (!c.fits(out.size())) return c.too_large();
  }
  out.append(*str, pos, std::string::npos);
  return c.string(std::move(out));
}

std::string quote(const std::string &s) {
  std::string out = "\"";
  for (char ch : s) {
    if (ch == '"' || ch == '\\') out += '\\';
    if (ch == '\n') {
      out += "\\n";
      continue;
    }
    out += ch;
  }
  return out + '"';
}

std::string pad(std::string s, int width, bool left, char fill) {
  while (static_cast<int>(s.size()) < width) s = left ? s + ' ' : std::string(1, fill) + s;
  return s;
}

// `format`: the verbs configurations use (%s %d %f %e %g %v %q %t %x %o %b %%)
// with flags, width and precision. Anything else is left unknown.
Node fn_format(const Call &c) {
  if (c.size() < 1) return c.error("format needs a format string");
  if (c.any_unknown()) return c.unknown();
  auto fmt = to_string_value(c[0]);
  if (!fmt) return c.error("format string must be a string");
  std::string out;
  size_t arg = 1;
  for (size_t i = 0; i < fmt->size(); ++i) {
    char ch = (*fmt)[i];
    if (ch != '%') {
      out += ch;
      continue;
    }
    if (++i >= fmt->size()) return c.error("format ends in %");
    if ((*fmt)[i] == '%') {
      out += '%';
      continue;
    }
    std::string flags;
    while (i < fmt->size() && std::string_view("-+ 0#").find((*fmt)[i]) != std::string_view::npos)
      flags += (*fmt)[i++];
    int width = 0, precision = -1;
    while (i < fmt->size() && std::isdigit(static_cast<unsigned char>((*fmt)[i])))
      width = width * 10 + ((*fmt)[i++] - '0');
    if (i < fmt->size() && (*fmt)[i] == '.') {
      precision = 0;
      ++i;
      while (i < fmt->size() && std::isdigit(static_cast<unsigned char>((*fmt)[i])))
        precision = precision * 10 + ((*fmt)[i++] - '0');
    }
    if (i >= fmt->size() || width > 1000 || precision > 100) return c.error("bad format verb");
    char verb = (*fmt)[i];
    if (arg >= c.size()) return c.error("too few arguments for format");
    const Node &v = c[arg++];
    bool left = flags.find('-') != std::string::npos;
    char fill = flags.find('0') != std::string::npos && !left ? '0' : ' ';
    std::string piece;
    switch (verb) {
      case 's':
      case 'v': {
        if (!v.is_scalar()) {
          if (verb == 's') return c.error("%s needs a primitive value");
          return c.unknown();
        }
        piece = *to_string_value(v);
        if (precision >= 0 && static_cast<size_t>(precision) < piece.size())
          piece = piece.substr(0, utf8_offset(piece, static_cast<size_t>(precision)));
        break;
      }
      case 'q': {
        auto s = to_string_value(v);
        if (!s) return c.error("%q needs a string");
        piece = quote(*s);
        break;
      }
      case 't': {
        auto b = to_bool_value(v);
        if (!b) return c.error("%t needs a bool");
        piece = *b ? "true" : "false";
        break;
      }
      case 'd':
      case 'x':
      case 'X':
      case 'o':
      case 'b': {
        auto n = to_number_value(v);
        if (!n || !is_integer(*n) || std::fabs(*n) > 9e18)
          return c.error("integer verb needs a whole number");
        long long iv = static_cast<long long>(*n);
        if (verb == 'b') {
          unsigned long long u = static_cast<unsigned long long>(iv < 0 ? -iv : iv);
          std::string bits;
          do {
            bits.insert(bits.begin(), static_cast<char>('0' + (u & 1)));
            u >>= 1;
          } while (u);
          piece = (iv < 0 ? "-" : "") + bits;
        } else {
          std::string spec = "%";
          if (flags.find('+') != std::string::npos) spec += '+';
          spec += verb == 'd' ? "lld" : verb == 'x' ? "llx" : verb == 'X' ? "llX" : "llo";
          char buf[64];
          std::snprintf(buf, sizeof buf, spec.c_str(), iv);
          piece = buf;
        }
        break;
      }
      case 'f':
      case 'e':
      case 'g': {
        auto n = to_number_value(v);
        if (!n) return c.error("float verb needs a number");
        std::string spec = "%";
        if (flags.find('+') != std::string::npos) spec += '+';
        if (precision >= 0) spec += "." + std::to_string(precision);
        spec += verb;
        char buf[512];
        std::snprintf(buf, sizeof buf, spec.c_str(), *n);
        piece = buf;
        break;
      }
      default: return c.unknown();
    }
    out += pad(std::move(piece), width, left, fill);
  }
  if (arg != c.size()) return c.error("too many arguments for format");
  return c.string(std::move(out));
}

const std::map<std::string_view, Fn> &table() {
  static const std::map<std::string_view, Fn> t = {
      {"abs", fn_math<abs_fn>},
      {"alltrue", fn_alltrue},
      {"anytrue", fn_anytrue},
      {"ceil", fn_math<ceil_fn>},
      {"chomp", fn_chomp},
      {"coalesce", fn_coalesce},
      {"coalescelist", fn_coalescelist},
      {"compact", fn_compact},
      {"concat", fn_concat},
      {"contains", fn_contains},
      {"distinct", fn_distinct},
      {"element", fn_element},
      {"endswith", fn_endswith},
      {"flatten", fn_flatten},
      {"floor", fn_math<floor_fn>},
      {"format", fn_format},
      {"index", fn_index},
      {"join", fn_join},
      {"keys", fn_keys},
      {"length", fn_length},
      {"lookup", fn_lookup},
      {"lower", fn_lower},
      {"max", fn_max},
      {"merge", fn_merge},
      {"min", fn_min},
      {"one", fn_one},
      {"range", fn_range},
      {"replace", fn_replace},
      {"reverse", fn_reverse},
      {"signum", fn_math<signum_fn>},
      {"slice", fn_slice},
      {"sort", fn_sort},
      {"split", fn_split},
      {"startswith", fn_startswith},
      {"substr", fn_substr},
      {"sum", fn_sum},
      {"title", fn_title},
      {"tobool", fn_tobool},
      {"tolist", fn_tolist},
      {"tomap", fn_tomap},
      {"tonumber", fn_tonumber},
      {"toset", fn_toset},
      {"tostring", fn_tostring},
      {"trim", fn_trim},
      {"trimprefix", fn_trimprefix},
      {"trimspace", fn_trimspace},
      {"trimsuffix", fn_trimsuffix},
      {"upper", fn_upper},
      {"values", fn_values},
      {"zipmap", fn_zipmap},
  };
  return t;
}

}  // namespace

std::optional<Node> call_function(std::string_view name, const std::vector<Node> &args, const Span &span,
                                  std::string_view source, ResultLimit *limit) {
  auto it = table().find(name);
  if (it == table().end()) return std::nullopt;
  Call call{args, span, source, limit};
  Node out = it->second(call);
  if (!out.span.valid()) out.span = span;
  return out;
}

std::vector<std::string_view> evaluated_functions() {
  std::vector<std::string_view> out;
  for (const auto &[name, fn] : table()) out.push_back(name);
  out.push_back("can");
  out.push_back("try");
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace clause::tf
