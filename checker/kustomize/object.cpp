#include "checker/kustomize/object.h"

namespace clause::kustomize {
std::string scalar_or_empty(const Node *n) { return n && n->is_scalar() ? n->scalar_text() : std::string(); }

std::string text_at(const Node &root, std::string_view a, std::string_view b) {
  const Node *n = root.is_map() ? root.get(a) : nullptr;
  if (n && !b.empty()) n = n->is_map() ? n->get(b) : nullptr;
  return scalar_or_empty(n);
}

std::string Object::kind() const { return text_at(body, "kind"); }
std::string Object::name() const { return text_at(body, "metadata", "name"); }
std::string Object::ns() const { return text_at(body, "metadata", "namespace"); }
std::string Object::api_version() const { return text_at(body, "apiVersion"); }

bool Object::named(std::string_view n) const {
  if (name() == n) return true;
  for (const auto &p : previous_names)
    if (p == n) return true;
  return false;
}

std::vector<std::string_view> split(std::string_view text, char sep) {
  std::vector<std::string_view> out;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t end = text.find(sep, pos);
    if (end == std::string_view::npos) end = text.size();
    out.push_back(text.substr(pos, end - pos));
    pos = end + 1;
  }
  return out;
}

Node *map_at(Node &root, std::initializer_list<std::string_view> path, uint32_t origin) {
  Node *n = &root;
  for (std::string_view key : path) {
    if (!n->is_map()) return nullptr;
    Node *next = n->get(key);
    if (!next) {
      Node fresh = Node::make_map();
      fresh.origin = origin;
      next = &n->add(std::string(key), std::move(fresh));
    } else if (next->is_null()) {
      *next = Node::make_map();
      next->origin = origin;
    }
    n = next;
  }
  return n->is_map() ? n : nullptr;
}

}  // namespace clause::kustomize
