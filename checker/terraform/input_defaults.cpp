#include "checker/terraform/input_defaults.h"

namespace clause::tf {
namespace {

struct Collector {
  const std::function<bool(const std::string &)> &defaulted;
  bool callers_decide;
  std::vector<AssumedDefault> out;

  std::vector<std::string> defaulted_in(const Node &value) const {
    std::vector<std::string> names;
    if (!value.is_expression() || !value.expr) return names;
    std::set<std::string> read;
    collect_input_variables(*value.expr, read);
    for (const std::string &name : read)
      if (defaulted(name)) names.push_back(name);
    return names;
  }

  void add(const Span &span, std::string removed_path, std::vector<std::string> names) {
    AssumedDefault d;
    d.span = span;
    d.removed_path = std::move(removed_path);
    d.parameters = std::move(names);
    d.variables = true;
    d.callers_decide = callers_decide;
    out.push_back(std::move(d));
  }

  void body(const Node &n, const std::string &prefix) {
    if (!n.is_map()) return;
    for (const MapEntry &e : n.entries) {
      if (e.key == "dynamic" && e.value.is_list()) {
        for (const Node &dyn : e.value.items) {
          if (!dyn.is_map() || dyn.text.empty()) continue;
          const std::string path = prefix + dyn.text;
          if (const Node *for_each = dyn.get("for_each")) {
            std::vector<std::string> names = defaulted_in(*for_each);
            if (!names.empty()) add(dyn.span, path, std::move(names));
          }
          if (const Node *content = dyn.get("content"); content && content->is_list())
            for (const Node &item : content->items) body(item, path + ".");
        }
        continue;
      }
      if (e.value.is_list() && e.value.from_block) {
        for (const Node &item : e.value.items) body(item, prefix + e.key + ".");
        continue;
      }
      std::vector<std::string> names = defaulted_in(e.value);
      if (!names.empty()) add(e.value.span, "", std::move(names));
    }
  }
};

}  // namespace

void collect_input_variables(const Expr &e, std::set<std::string> &out) {
  if (e.op == Expr::Op::GetAttr && e.args.size() == 1 && e.args[0].op == Expr::Op::Variable &&
      e.args[0].name == "var") {
    out.insert(e.name);
    return;
  }
  for (const Expr &a : e.args) collect_input_variables(a, out);
}

std::vector<AssumedDefault> defaulted_values(const Node &body,
                                             const std::function<bool(const std::string &)> &defaulted,
                                             bool callers_decide) {
  Collector c{defaulted, callers_decide, {}};
  c.body(body, "");
  return std::move(c.out);
}

}  // namespace clause::tf
