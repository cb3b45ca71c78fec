#include "checker/model/expr.h"

namespace clause {

const Node &Expr::value() const {
  static const Node none;
  return literal ? *literal : none;
}

}  // namespace clause
