#include "checker/model/unknown.h"

namespace clause {

bool is_intrinsic(const Node &n) {
  if (!n.is_map() || n.entries.size() != 1) return false;
  const std::string &k = n.entries.front().key;
  return k == "Ref" || k.rfind("Fn::", 0) == 0;
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
