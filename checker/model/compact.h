#pragma once
// Releases the spare capacity a model's vectors keep after they were built
// by appending (a vector grows by doubling, so one of three Exprs or six map
// entries can sit unused). A scan holds every model of a root until its
// rules have run, so what a parser leaves spare is held all that time. The
// values are not changed, only where they are stored.
#include "checker/model/document.h"
#include "checker/model/expr.h"

namespace clause {

// The Expr and every Expr below it (before it is shared: Exprs are
// immutable once a Node holds them).
void shrink_to_fit(Expr &expr);

// Every Node of the document's blocks and roots, and the document's own
// lists. Exprs the Nodes hold are left as they are (see above).
void shrink_to_fit(Document &doc);

}  // namespace clause
