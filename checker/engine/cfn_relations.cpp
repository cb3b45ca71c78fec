#include "checker/engine/cfn_relations.h"

#include "checker/model/unknown.h"

namespace clause {
namespace {

// Whether `n` holds an intrinsic that names `name`.
bool names(const Node &n, std::string_view name, int depth = 0) {
  if (depth > 64) return false;
  if (n.is_map()) {
    if (n.entries.size() == 1) {
      const MapEntry &e = n.entries[0];
      if (auto target = intrinsic_target(n)) return *target == name;
      if (e.key == "Fn::Sub") {
        const Node *text = e.value.is_list() && !e.value.items.empty() ? &e.value.items[0] : &e.value;
        if (text->is_string()) {
          const std::string &t = text->text;
          for (size_t at = t.find("${"); at != std::string::npos; at = t.find("${", at + 2)) {
            size_t end = t.find_first_of(".}", at + 2);
            if (end != std::string::npos && std::string_view(t).substr(at + 2, end - at - 2) == name)
              return true;
          }
        }
      }
    }
    for (const MapEntry &e : n.entries)
      if (names(e.value, name, depth + 1)) return true;
    return false;
  }
  if (n.is_list())
    for (const Node &item : n.items)
      if (names(item, name, depth + 1)) return true;
  return false;
}

// The values `path` reaches from `at`; lists fan out.
void reach(const Node *at, std::string_view path, std::vector<const Node *> &out) {
  if (!at) return;
  if (at->is_list()) {
    for (const Node &item : at->items) reach(&item, path, out);
    return;
  }
  if (path.empty()) {
    out.push_back(at);
    return;
  }
  if (!at->is_map()) return;
  size_t dot = path.find('.');
  reach(at->get(path.substr(0, dot)),
        dot == std::string_view::npos ? std::string_view() : path.substr(dot + 1), out);
}

}  // namespace

std::vector<const Resource *> cfn_referrers(const Project &project, const Resource &self,
                                            std::string_view type, std::string_view via) {
  std::vector<const Resource *> out;
  for (const Resource &r : project.resources) {
    if (&r == &self || r.document != self.document || !r.body) continue;
    if (type != "*" && r.type != type) continue;
    std::vector<const Node *> values;
    reach(r.body, via, values);
    for (const Node *v : values)
      if (names(*v, self.name)) {
        out.push_back(&r);
        break;
      }
  }
  return out;
}

}  // namespace clause
