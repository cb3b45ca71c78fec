#include "checker/model/restamp.h"

namespace clause {

void restamp(Node &n, const Span &span) {
  n.span = span;
  for (auto &i : n.items) restamp(i, span);
  for (auto &e : n.entries) {
    e.key_span = span;
    restamp(e.value, span);
  }
}

}  // namespace clause
