// SelectorIndex (checker/rules/infrastructure/kubernetes_index.h) finds the
// object a workload's labels select without trying every selector; it must
// give the same answer as trying them all in order with k8s_selector_matches.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "checker/rules/infrastructure/infra_support.h"
#include "checker/rules/infrastructure/kubernetes_index.h"

namespace clause::infra {
namespace {

Node labels_of(std::vector<std::pair<std::string, Node>> pairs) {
  Node map = Node::make_map();
  for (auto &[k, v] : pairs) map.add(k, std::move(v));
  return map;
}

Node str(const std::string &s) { return Node::make_string(s); }

struct Candidate {
  std::optional<Node> selector;  // nullopt: no selector at all
  bool always = false;
};

std::vector<Candidate> candidates() {
  Node list = Node::make_list();
  list.items.push_back(str("x"));
  Node expressions = Node::make_map();
  expressions.add("matchExpressions", list);
  Node match_labels = Node::make_map();
  match_labels.add("matchLabels", labels_of({{"app", str("api")}, {"tier", str("be")}}));
  Node bad_match = Node::make_map();
  bad_match.add("matchLabels", str("app=api"));
  return {
      {labels_of({{"app", str("web")}})},
      {match_labels},
      {labels_of({{"app", list}})},                             // selects nothing
      {labels_of({{"version", Node::make_number(1, "1")}})},    // number against a string label
      {bad_match},                                              // selects nothing
      {std::nullopt},                                           // selects nothing
      {labels_of({{"app", str("api")}, {"tier", str("fe")}})},  // same first label as match_labels
      {labels_of({{"app", str("api")}})},
      {expressions},         // selects everything
      {Node::make_map()},    // selects everything
      {std::nullopt, true},  // not known: counts as selecting
  };
}

std::vector<std::optional<Node>> workloads() {
  return {
      labels_of({{"app", str("web")}}),
      labels_of({{"app", str("api")}, {"tier", str("be")}}),
      labels_of({{"tier", str("be")}, {"app", str("api")}}),
      labels_of({{"app", str("api")}, {"tier", str("fe")}}),
      labels_of({{"app", str("api")}}),
      labels_of({{"version", str("1")}}),
      labels_of({{"app", str("web")}, {"app", str("api")}}),  // a repeated key: the first counts
      Node::make_map(),
      str("not a map"),
      std::nullopt,
  };
}

TEST(SelectorIndex, FirstMatchIsTheFirstSelectorThatMatches) {
  const std::vector<Candidate> all = candidates();
  std::vector<Resource> objects(all.size());
  for (size_t i = 0; i < all.size(); ++i) objects[i].address = "object" + std::to_string(i);
  // Every window of the candidates, so that each kind of selector comes
  // first, last and in between.
  for (size_t from = 0; from < all.size(); ++from)
    for (size_t to = from; to <= all.size(); ++to) {
      SelectorIndex index;
      for (size_t i = from; i < to; ++i)
        index.add(&objects[i], all[i].selector ? &*all[i].selector : nullptr, all[i].always);
      for (const auto &w : workloads()) {
        const Node *labels = w ? &*w : nullptr;
        const Resource *expected = nullptr;
        for (size_t i = from; i < to && !expected; ++i)
          if (all[i].always || k8s_selector_matches(all[i].selector ? &*all[i].selector : nullptr, labels))
            expected = &objects[i];
        EXPECT_EQ(index.first_match(labels), expected) << "candidates " << from << ".." << to << ", labels "
                                                       << (labels ? labels->scalar_text() : "none");
      }
    }
}

}  // namespace
}  // namespace clause::infra
