#pragma once
// Attribute paths in rules: dot-separated keys, e.g.
// `rule.apply_server_side_encryption_by_default.sse_algorithm` or
// `Properties.Tags`. A list on the way fans out over its elements; `[N]`
// picks one element; a key may be quoted with "" when it contains dots
// (`metadata.labels."app.kubernetes.io/name"`).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "checker/model/node.h"

namespace clause {

struct PathStep {
  std::string key;  // map key (empty when index is set)
  std::optional<size_t> index;
};

using AttributePath = std::vector<PathStep>;

// Parses a path; returns nullopt and sets `error` on a malformed one.
std::optional<AttributePath> parse_attribute_path(std::string_view text, std::string &error);
std::string path_to_string(const AttributePath &path);

// Every value the path reaches from `root`, in document order. Lists fan
// out; an Expression met on the way is returned itself (the rest of the path
// is unknowable), with `through_unknown` set.
struct PathHit {
  const Node *node = nullptr;
  const MapEntry *entry = nullptr;  // the map entry holding `node`, when there is one
  bool through_unknown = false;
};
void resolve_path(const Node &root, const AttributePath &path, std::vector<PathHit> &out);

}  // namespace clause
