#include "checker/crossdoc/judge.h"
#include "checker/model/attribute.h"

#include <cmath>
#include <sstream>

namespace clause::crossdoc {

void Judge::fail(const IndexedResource &r, const Membership &m, const Span &span, std::string message,
                 std::vector<RelatedLocation> related) const {
  if (m.unknown()) {
    ctx_.undecided(r.document(), span, r.address(), m.blocked_by);
    return;
  }
  if (ctx_.note_default(*r.resource, nullptr, span, message)) return;
  for (const auto &call : r.resource->call_chain)
    related.push_back(RelatedLocation{call, "instantiated through this module call"});
  ctx_.report(r.document(), span.valid() ? span : r.resource->span, std::move(message), r.address(),
              std::move(related));
}

void Judge::fail_at_agreement(const AgreementView &a, const Span &span, std::string message,
                              std::vector<RelatedLocation> related) const {
  ctx_.report(a.document(), span.valid() ? span : a.resource().span, std::move(message), a.resource().address,
              std::move(related));
}

void Judge::undecided(const IndexedResource &r, const Span &span, const std::string &blocked_by) const {
  ctx_.undecided(r.document(), span.valid() ? span : r.resource->span, r.address(), blocked_by);
}

void Judge::undecided(const IndexedResource &r, const Attribute &a) const {
  undecided(r, a.span_or(r.resource->span), a.blocked_by());
}

std::string number_text(double v) {
  if (std::isfinite(v) && v == std::floor(v) && std::fabs(v) < 1e15)
    return std::to_string(static_cast<long long>(v));
  std::ostringstream s;
  s << v;
  return s.str();
}

}  // namespace clause::crossdoc
