#pragma once
// The origin table of one rendering: which file (and, for a change such as a
// removal, which line) each node that does not come from its object's own
// file was written in. Nodes carry an index into it (Node::origin).
#include <map>
#include <tuple>
#include <vector>

#include "checker/model/resource.h"

namespace clause::kustomize {

class Origins {
 public:
  // The 1-based index for nodes written in `doc` (span invalid), or changed
  // by what stands at `span` of `doc`.
  // `removed`: the key the change removed from the node, if it did.
  uint32_t add(const Document *doc, const Span &span = {}, const std::string &removed = {});
  const std::vector<NodeOrigin> &table() const { return table_; }

 private:
  std::vector<NodeOrigin> table_;
  std::map<std::tuple<const Document *, uint32_t, uint32_t, uint32_t, uint32_t>, uint32_t> index_;
};

// From the key of `e` to the end of its value: where an entry is written.
Span entry_span(const MapEntry &e);

// Sets `origin` on `n` and every node beneath it.
void tag_tree(Node &n, uint32_t origin);

// Where a patch's nodes come from: copied nodes are tagged `written`;
// a change (a removal) is tagged with an origin at the directive's span.
struct PatchSource {
  Origins *origins = nullptr;
  const Document *document = nullptr;
  uint32_t written = 0;

  PatchSource(Origins &o, const Document &doc) : origins(&o), document(&doc), written(o.add(&doc)) {}
  uint32_t changed_at(const Span &span, const std::string &removed = {}) const {
    return origins->add(document, span, removed);
  }
};

}  // namespace clause::kustomize
