#include "checker/model/unknown.h"

namespace clause {

bool is_intrinsic(const Node &n) {
  if (!n.is_map() || n.entries.size() != 1) return false;
  const std::string &k = n.entries.front().key;
  return k == "Ref" || k.rfind("Fn::", 0) == 0;
}

std::optional<std::string> intrinsic_target(const Node &n) {
  if (!is_intrinsic(n)) return std::nullopt;
  const MapEntry &e = n.entries.front();
  if (e.key == "Ref" && e.value.is_string()) return e.value.text;
  if (e.key == "Fn::GetAtt") {
    if (e.value.is_list() && !e.value.items.empty() && e.value.items[0].is_string())
      return e.value.items[0].text;
    if (e.value.is_string()) return e.value.text.substr(0, e.value.text.find('.'));
  }
  return std::nullopt;
}

bool is_unknown_value(const Node &n) { return n.is_expression() || is_intrinsic(n); }

std::string unknown_input(const Node &n) {
  if (!is_intrinsic(n)) return n.is_expression() ? n.text : n.scalar_text();
  const MapEntry &e = n.entries.front();
  std::string out = e.key;
  if (e.value.is_scalar()) {
    out += " " + e.value.scalar_text();
  } else if (e.value.is_list()) {
    for (const auto &item : e.value.items)
      if (item.is_scalar()) out += " " + item.scalar_text();
  }
  return out;
}

}  // namespace clause
