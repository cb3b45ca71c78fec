// Scenario 5.12 (check and improve): attestations that are still valid.
#include <chrono>

#include "checker/rules/agreement/agreement_check.h"

namespace clause::agreement {
namespace {

// The `asOf` parameter when set, else today's date (UTC).
std::optional<Date> evaluation_date(const NativeCheckContext &ctx) {
  const Node *as_of = ctx.param("asOf");
  if (as_of && as_of->kind == NodeKind::String && !as_of->text.empty()) return parse_date(as_of->text);
  const std::chrono::year_month_day today{
      std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())};
  return Date{static_cast<int>(today.year()), static_cast<int>(static_cast<unsigned>(today.month())),
              static_cast<int>(static_cast<unsigned>(today.day()))};
}

// CL-1241 imp.attestations-valid: each attestation names its standard and
// scope and has not expired.
void attestations_valid(const NativeCheckContext &ctx) {
  const std::optional<Date> today = evaluation_date(ctx);
  for_each_agreement(ctx, [&](const AgreementReporter &r) {
    for (const Node &att : read_attribute(&r.root(), "security.attestations", kPlainMaps).items()) {
      const std::string label = item_label(att, "attestation", "standard");
      std::vector<std::string> missing = missing_fields(&att, {"standard", "scope", "validUntil"});
      if (!missing.empty()) {
        r.at(read_attribute(&att, "", kPlainMaps), label + " has no " + join_words(missing));
        continue;
      }
      Attribute until = read_entry(&att, "validUntil", kPlainMaps);
      auto expiry = parse_date(until.text());
      if (expiry && today && *expiry < *today)
        r.at(until, label + " expired on " + expiry->to_string() + "; it no longer attests anything");
    }
  });
}

const NativeCheckRegistrar kAttestationsValid("CL-1241", attestations_valid);

}  // namespace
}  // namespace clause::agreement
