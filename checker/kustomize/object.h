#pragma once
// A Kubernetes object while a kustomization renders it: its tree (a copy of
// the file's, changed by patches and transformers), the file that declared
// it, and its earlier names (patches and replica counts may name an object
// by its name before a prefix or suffix was added).
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "checker/model/document.h"

namespace clause::kustomize {

struct Object {
  Node body;
  const Document *document = nullptr;
  std::vector<std::string> previous_names;

  std::string kind() const;
  std::string name() const;
  std::string ns() const;
  std::string api_version() const;
  bool named(std::string_view name) const;  // now or before a prefix/suffix
};

// A scalar's text, "" for anything else or nothing.
std::string scalar_or_empty(const Node *n);
// The scalar at `a` (or `a`.`b`) of map `root`, or "".
std::string text_at(const Node &root, std::string_view a, std::string_view b = {});

// `text` cut at every `sep` (empty pieces kept).
std::vector<std::string_view> split(std::string_view text, char sep);

// The map at `path` under `root`, created (tagged `origin`) where missing;
// nullptr when something on the way is not a map.
Node *map_at(Node &root, std::initializer_list<std::string_view> path, uint32_t origin);

}  // namespace clause::kustomize
