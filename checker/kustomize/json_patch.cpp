#include "checker/kustomize/json_patch.h"

#include <charconv>
#include <vector>

#include "checker/kustomize/object.h"
#include "checker/kustomize/strategic_merge.h"

namespace clause::kustomize {
namespace {

std::vector<std::string> pointer_tokens(const std::string &pointer) {
  std::vector<std::string> out;
  if (pointer.empty()) return out;
  size_t pos = pointer.front() == '/' ? 1 : 0;
  while (pos <= pointer.size()) {
    size_t end = pointer.find('/', pos);
    if (end == std::string::npos) end = pointer.size();
    std::string token;
    for (size_t i = pos; i < end; ++i) {
      if (pointer[i] == '~' && i + 1 < end && (pointer[i + 1] == '0' || pointer[i + 1] == '1')) {
        token += pointer[i + 1] == '0' ? '~' : '/';
        ++i;
      } else {
        token += pointer[i];
      }
    }
    out.push_back(std::move(token));
    pos = end + 1;
  }
  return out;
}

bool list_index(const std::string &token, size_t size, bool allow_end, size_t &index) {
  if (token == "-") {
    index = size;
    return allow_end;
  }
  size_t v = 0;
  auto [p, ec] = std::from_chars(token.data(), token.data() + token.size(), v);
  if (ec != std::errc() || p != token.data() + token.size()) return false;
  index = v;
  return allow_end ? v <= size : v < size;
}

// The container that holds the last token of `tokens`, or nullptr.
Node *parent_of(Node &root, const std::vector<std::string> &tokens) {
  Node *n = &root;
  for (size_t i = 0; i + 1 < tokens.size(); ++i) {
    if (n->is_map()) {
      n = n->get(tokens[i]);
    } else if (n->is_list()) {
      size_t idx = 0;
      if (!list_index(tokens[i], n->items.size(), false, idx)) return nullptr;
      n = &n->items[idx];
    } else {
      return nullptr;
    }
    if (!n) return nullptr;
  }
  return n;
}

struct Op {
  std::string op, path, from;
  const MapEntry *value = nullptr;
  Span at;  // the `path:` entry, where the operation names what it changes
};

// Removes the node at `tokens` into `out`; false when there is none.
bool take(Node &root, const std::vector<std::string> &tokens, Node *out, const Op &op,
          const PatchSource &source) {
  if (tokens.empty()) return false;
  Node *parent = parent_of(root, tokens);
  if (!parent) return false;
  const std::string &last = tokens.back();
  if (parent->is_map()) {
    for (auto it = parent->entries.begin(); it != parent->entries.end(); ++it) {
      if (it->key != last) continue;
      if (out) *out = std::move(it->value);
      parent->entries.erase(it);
      parent->origin = source.changed_at(op.at, last);
      return true;
    }
    return false;
  }
  size_t idx = 0;
  if (!parent->is_list() || !list_index(last, parent->items.size(), false, idx)) return false;
  if (out) *out = std::move(parent->items[idx]);
  parent->items.erase(parent->items.begin() + static_cast<long>(idx));
  parent->origin = source.changed_at(op.at);
  return true;
}

// Adds (or, `replace_only`, replaces) `value` at `tokens`.
bool put(Node &root, const std::vector<std::string> &tokens, Node value, const Span &key_span,
         bool replace_only) {
  if (tokens.empty()) {
    root = std::move(value);
    return true;
  }
  Node *parent = parent_of(root, tokens);
  if (!parent) return false;
  const std::string &last = tokens.back();
  if (parent->is_map()) {
    for (MapEntry &e : parent->entries) {
      if (e.key != last) continue;
      e.value = std::move(value);
      e.key_span = key_span;
      return true;
    }
    if (replace_only) return false;
    parent->entries.push_back(MapEntry{last, key_span, std::move(value)});
    return true;
  }
  size_t idx = 0;
  if (!parent->is_list() || !list_index(last, parent->items.size(), !replace_only, idx)) return false;
  if (replace_only)
    parent->items[idx] = std::move(value);
  else
    parent->items.insert(parent->items.begin() + static_cast<long>(idx), std::move(value));
  return true;
}

const Node *find(const Node &root, const std::vector<std::string> &tokens) {
  const Node *n = &root;
  for (const std::string &t : tokens) {
    if (n->is_map()) {
      n = n->get(t);
    } else if (n->is_list()) {
      size_t idx = 0;
      if (!list_index(t, n->items.size(), false, idx)) return nullptr;
      n = &n->items[idx];
    } else {
      return nullptr;
    }
    if (!n) return nullptr;
  }
  return n;
}

}  // namespace

std::string apply_json_patch(Node &target, const Node &ops, const PatchSource &source) {
  if (!ops.is_list()) return "a JSON patch is a list of operations";
  for (const Node &item : ops.items) {
    if (!item.is_map()) return "a JSON patch operation is a map";
    Op op;
    op.op = scalar_or_empty(item.get("op"));
    op.path = scalar_or_empty(item.get("path"));
    op.from = scalar_or_empty(item.get("from"));
    op.value = item.entry("value");
    const MapEntry *path_entry = item.entry("path");
    op.at = path_entry ? entry_span(*path_entry) : item.span;
    const auto tokens = pointer_tokens(op.path);
    const Span key_span = op.value ? op.value->key_span : op.at;
    bool ok = false;
    if (op.op == "add" || op.op == "replace") {
      ok = op.value && put(target, tokens, patch_copy(op.value->value, source), key_span, op.op == "replace");
    } else if (op.op == "remove") {
      ok = take(target, tokens, nullptr, op, source);
    } else if (op.op == "move" || op.op == "copy") {
      const auto from = pointer_tokens(op.from);
      Node moved;
      if (op.op == "move") {
        ok = take(target, from, &moved, op, source);
      } else if (const Node *src = find(target, from)) {
        moved = *src;
        ok = true;
      }
      ok = ok && put(target, tokens, std::move(moved), op.at, false);
    } else if (op.op == "test") {
      ok = true;  // a failed test would stop kustomize; the values it checks are not ours to judge
    } else {
      return "unknown JSON patch operation '" + op.op + "'";
    }
    if (!ok) return "the JSON patch operation '" + op.op + "' on " + op.path + " does not apply";
  }
  return "";
}

}  // namespace clause::kustomize
