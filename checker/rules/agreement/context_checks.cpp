// Scenario 5.1 (context): who owns what, who else handles the data, and
// where the data may be.
#include "checker/geo/regions.h"
#include "checker/rules/agreement/agreement_check.h"

namespace clause::agreement {
namespace {

// CL-0140 ctx.ssrm-present: the shared-responsibility matrix names an owner
// for every area the parameter `requiredAreas` lists.
void ssrm_present(const NativeCheckContext &ctx) {
  const std::vector<std::string> required = param_strings(ctx, "requiredAreas");
  for_each_agreement(ctx, [&](const AgreementReporter &r) {
    Attribute matrix = read_entry(&r.root(), "responsibilities", kPlainMaps);
    if (!matrix.present()) {
      r.at_path(
          "responsibilities",
          "the agreement has no shared-responsibility matrix (responsibilities): nobody is named as owner "
          "of backup, keys, access, patching or incident response");
      return;
    }
    if (!matrix.is_list()) return;  // a shape error, reported by the agreement validator
    std::vector<std::string> areas = ids_of(matrix, "area");
    std::vector<std::string> missing;
    for (const auto &area : required)
      if (!contains(areas, area)) missing.push_back(area);
    if (!missing.empty())
      r.at(matrix, "the shared-responsibility matrix gives no owner for " + join_words(missing));
  });
}

bool is_shared_owner(std::string_view owner) {
  return owner == "shared-csp-csc" || owner == "shared-csp-third-party" || owner == "third-party-outsourced";
}

// CL-0141 ctx.ssrm-owner-enum: each area has one owner from the fixed
// classes, and shared or outsourced ownership says how it is split.
void ssrm_owner_enum(const NativeCheckContext &ctx) {
  static const std::vector<std::string> kOwners = {
      "csp", "csc", "shared-csp-csc", "third-party-outsourced", "shared-csp-third-party", "not-applicable"};
  for_each_agreement(ctx, [&](const AgreementReporter &r) {
    for (const Node &item : read_entry(&r.root(), "responsibilities", kPlainMaps).items()) {
      const std::string area = read_entry(&item, "area", kPlainMaps).text();
      const std::string label = area.empty() ? "a responsibility" : "responsibility " + quoted(area);
      Attribute owner = read_entry(&item, "owner", kPlainMaps);
      if (!owner.present()) {
        r.at(read_attribute(&item, "", kPlainMaps), label + " has no owner");
      } else if (!contains(kOwners, owner.text())) {
        r.at(owner, label + " has owner " + quoted(owner.text()) +
                        ", which is not one of csp, csc, shared-csp-csc, third-party-outsourced, "
                        "shared-csp-third-party, not-applicable");
      } else if (is_shared_owner(owner.text()) && read_entry(&item, "notes", kPlainMaps).text().empty()) {
        r.at(owner, label + " is " + owner.text() + " but has no notes saying who does which part");
      }
    }
  });
}

// CL-0142 ctx.subprocessors-disclosed: sub-processors are listed with their
// locations, and changes to them are announced in advance.
void subprocessors_disclosed(const NativeCheckContext &ctx) {
  for_each_agreement(ctx, [&](const AgreementReporter &r) {
    Attribute chain =
        r.require("supplyChain",
                  "the agreement does not disclose its sub-processors (supplyChain); list them, or state "
                  "supplyChain.none: true");
    if (!chain.present()) return;
    if (!chain.is_map()) return;  // a shape error, reported by the agreement validator
    Attribute none = read_entry(chain, "none", kPlainMaps);
    Attribute subs = read_entry(chain, "subprocessors", kPlainMaps);
    if (is_true(none)) {
      if (!subs.items().empty())
        r.at(none, "supplyChain.none says no sub-processor is used, yet " +
                       std::to_string(subs.items().size()) + " are listed");
      return;
    }
    if (subs.items().empty()) {
      if (!subs.present() || subs.is_list())
        r.at(subs.node ? subs : chain,
             "no sub-processor is listed; list every supplier that stores or processes customer data, or "
             "state supplyChain.none: true");
    }
    for (const Node &sub : subs.items()) {
      if (read_entry(&sub, "locations", kPlainMaps).items().empty()) {
        std::string name = read_entry(&sub, "name", kPlainMaps).text();
        r.at(read_attribute(&sub, "", kPlainMaps), "sub-processor " +
                                                       (name.empty() ? std::string("entry") : quoted(name)) +
                                                       " does not say where it holds data (locations)");
      }
    }
    if (!read_entry(chain, "changeNotice", kPlainMaps).present())
      r.at(chain,
           "supplyChain has no changeNotice: the customer is not told in advance when a sub-processor "
           "is added or replaced");
  });
}

// CL-0144 ctx.subproc-in-location: every sub-processor location lies within
// dataManagement.location.allowed.
void subproc_in_location(const NativeCheckContext &ctx) {
  for_each_agreement(ctx, [&](const AgreementReporter &r) {
    std::vector<std::string> allowed =
        strings_of(read_attribute(&r.root(), "dataManagement.location.allowed", kPlainMaps));
    if (allowed.empty()) return;  // nothing promised: ctx.location-declared reports that
    for (const Node &sub : read_attribute(&r.root(), "supplyChain.subprocessors", kPlainMaps).items()) {
      const std::string name = read_entry(&sub, "name", kPlainMaps).text();
      for (const Node &loc : read_entry(&sub, "locations", kPlainMaps).items()) {
        if (loc.kind != NodeKind::String || !geo::is_known_location(loc.text)) continue;  // CL-0145
        if (geo::location_within(loc.text, allowed)) continue;
        r.at(read_attribute(&loc, "", kPlainMaps),
             "sub-processor " + (name.empty() ? std::string("entry") : quoted(name)) + " holds data in " +
                 loc.text + ", outside the allowed locations " + join_words(allowed));
      }
    }
  });
}

// CL-0145 ctx.location-codes-known: every location code is a country code or
// a known group, so that residency can be checked at all.
void location_codes_known(const NativeCheckContext &ctx) {
  for_each_agreement(ctx, [&](const AgreementReporter &r) {
    auto judge = [&](const Attribute &f, const std::string &what) {
      if (!f.present() || f.node->kind != NodeKind::String || geo::is_known_location(f.text())) return;
      std::string groups = join_words(geo::group_names());
      r.at(f, what + " " + quoted(f.text()) +
                  " is neither an ISO 3166-1 alpha-2 country code nor a known location group (" + groups +
                  ")");
    };
    for (const Node &loc : read_attribute(&r.root(), "dataManagement.location.allowed", kPlainMaps).items())
      judge(read_attribute(&loc, "", kPlainMaps), "allowed location");
    for (const Node &sub : read_attribute(&r.root(), "supplyChain.subprocessors", kPlainMaps).items())
      for (const Node &loc : read_entry(&sub, "locations", kPlainMaps).items())
        judge(read_attribute(&loc, "", kPlainMaps), "sub-processor location");
    judge(read_attribute(&r.root(), "metadata.jurisdictions.governingLaw", kPlainMaps), "governing law");
    for (const Node &party : read_entry(&r.root(), "parties", kPlainMaps).items())
      judge(read_entry(&party, "country", kPlainMaps), "party country");
  });
}

const NativeCheckRegistrar kSsrmPresent("CL-0140", ssrm_present);
const NativeCheckRegistrar kSsrmOwnerEnum("CL-0141", ssrm_owner_enum);
const NativeCheckRegistrar kSubprocessorsDisclosed("CL-0142", subprocessors_disclosed);
const NativeCheckRegistrar kSubprocInLocation("CL-0144", subproc_in_location);
const NativeCheckRegistrar kLocationCodesKnown("CL-0145", location_codes_known);

}  // namespace
}  // namespace clause::agreement
