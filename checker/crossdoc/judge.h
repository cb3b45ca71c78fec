#pragma once
// How a cross-document rule records its verdict on one (promise, resource)
// pair, so that every rule treats unknowns and uncertain bindings alike:
//  - fail(): a finding at the infrastructure line with the agreement field as
//    a related location; when the resource's binding to the agreement is
//    itself unknown (tags not known statically), an undecided note instead;
//  - pass(): counted for the compliance summary;
//  - undecided(): the infrastructure value is unknown; silent unless --strict.
#include <string>
#include <vector>

#include "checker/crossdoc/binding.h"
#include "checker/engine/native_check.h"
#include "checker/model/attribute.h"

namespace clause::crossdoc {

class Judge {
 public:
  explicit Judge(const NativeCheckContext &ctx) : ctx_(ctx) {}

  void fail(const IndexedResource &r, const Membership &m, const Span &span, std::string message,
            std::vector<RelatedLocation> related) const;
  // A finding located in the agreement (the promise has nothing behind it).
  void fail_at_agreement(const AgreementView &a, const Span &span, std::string message,
                         std::vector<RelatedLocation> related = {}) const;
  void pass() const { ctx_.passed(); }
  void undecided(const IndexedResource &r, const Span &span, const std::string &blocked_by) const;
  void undecided(const IndexedResource &r, const Attribute &a) const;

  const NativeCheckContext &ctx() const { return ctx_; }

 private:
  const NativeCheckContext &ctx_;
};

// A number for messages: integers without exponent or decimals ("50000000"),
// others with up to six significant digits ("99.95").
std::string number_text(double v);

}  // namespace clause::crossdoc
