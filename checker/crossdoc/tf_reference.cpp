#include "checker/crossdoc/tf_reference.h"

#include <cctype>

#include "checker/model/expr.h"

namespace clause::crossdoc {
namespace {

// Root names that are not managed resources.
bool resource_type_name(const std::string &name) {
  static const char *const kReserved[] = {"var",   "local", "module", "data",      "each",
                                          "count", "path",  "self",   "terraform", ""};
  for (const char *r : kReserved)
    if (name == r) return false;
  return name.find('_') != std::string::npos;
}

struct Step {
  enum class Kind : uint8_t { Attr, Index, Splat } kind;
  std::string text;
};

// Flattens a chain of attribute / index / splat accessors onto its root
// variable; false when the expression is not such a chain.
bool flatten(const Expr &e, std::string &root, std::vector<Step> &steps) {
  switch (e.op) {
    case Expr::Op::Variable: root = e.name; return true;
    case Expr::Op::GetAttr:
      if (e.args.empty() || !flatten(e.args[0], root, steps)) return false;
      steps.push_back({Step::Kind::Attr, e.name});
      return true;
    case Expr::Op::Index: {
      if (e.args.size() < 2 || !flatten(e.args[0], root, steps)) return false;
      const Expr &key = e.args[1];
      std::string text = "?";
      if (key.op == Expr::Op::Literal) {
        text = key.value().is_string() ? "\"" + key.value().text + "\"" : key.value().scalar_text();
      }
      steps.push_back({Step::Kind::Index, text});
      return true;
    }
    case Expr::Op::Splat: {
      if (e.args.size() < 2 || !flatten(e.args[0], root, steps)) return false;
      steps.push_back({Step::Kind::Splat, ""});
      std::string element_root;
      return flatten(e.args[1], element_root, steps) && element_root.empty();
    }
    default: return false;
  }
}

bool as_reference(const Expr &e, TfReference &out) {
  if (e.op != Expr::Op::GetAttr && e.op != Expr::Op::Index && e.op != Expr::Op::Splat) return false;
  std::string root;
  std::vector<Step> steps;
  if (!flatten(e, root, steps) || !resource_type_name(root)) return false;
  if (steps.empty() || steps[0].kind != Step::Kind::Attr) return false;
  out.address = root + "." + steps[0].text;
  size_t next = 1;
  if (next < steps.size() && steps[next].kind == Step::Kind::Index) {
    out.address += "[" + steps[next].text + "]";
    ++next;
  } else if (next < steps.size() && steps[next].kind == Step::Kind::Splat) {
    out.address += "[*]";
    ++next;
  }
  if (next < steps.size() && steps[next].kind == Step::Kind::Attr) out.attribute = steps[next].text;
  return true;
}

std::string last_segment(const std::string &text) {
  size_t dot = text.rfind('.');
  if (dot == std::string::npos) return "";
  std::string seg = text.substr(dot + 1);
  for (char c : seg)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) return "";
  return seg;
}

void collect(const Expr &e, const std::string &text, std::vector<TfReference> &out) {
  // An evaluated reference unknown: `name` holds the absolute address, the
  // node's text the expression it came from.
  if (e.op == Expr::Op::Unsupported && !e.name.empty()) {
    out.push_back(TfReference{e.name, last_segment(text)});
    for (const auto &a : e.args) collect(a, "", out);
    return;
  }
  TfReference ref;
  if (as_reference(e, ref)) {
    out.push_back(std::move(ref));
    return;
  }
  for (const auto &a : e.args) collect(a, "", out);
}

void collect(const Node &n, std::vector<TfReference> &out) {
  if (n.is_expression()) {
    if (n.expr) collect(*n.expr, n.text, out);
    return;
  }
  for (const auto &item : n.items) collect(item, out);
  for (const auto &e : n.entries) collect(e.value, out);
}

}  // namespace

std::vector<TfReference> tf_references(const Node &value) {
  std::vector<TfReference> out;
  collect(value, out);
  return out;
}

std::string address_without_key(const std::string &address) {
  if (address.empty() || address.back() != ']') return address;
  size_t open = address.rfind('[');
  return open == std::string::npos ? address : address.substr(0, open);
}

}  // namespace clause::crossdoc
