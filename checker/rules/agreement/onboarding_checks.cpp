// Scenario 5.8 (onboarding): planned steps with owners and deadlines, access
// handed over, and a customer sign-off that closes onboarding.
#include "checker/rules/agreement/agreement_check.h"

namespace clause::agreement {
namespace {

std::vector<std::string> customer_ids(const Node &root) {
  std::vector<std::string> out;
  for (const Node &party : read_entry(&root, "parties", kPlainMaps).items())
    if (read_entry(&party, "role", kPlainMaps).text() == "cloud-service-customer")
      out.push_back(read_entry(&party, "id", kPlainMaps).text());
  return out;
}

// CL-0840 onb.steps: onboarding has steps, each with an owner, a deadline
// and acceptance criteria.
void steps(const NativeCheckContext &ctx) {
  for_each_agreement(ctx, [&](const AgreementReporter &r) {
    Attribute list = read_attribute(&r.root(), "onboarding.steps", kPlainMaps);
    if (list.items().empty()) {
      if (!list.present() || list.is_list())
        r.at_path("onboarding.steps",
                  "onboarding has no steps: how the customer is brought onto the service is "
                  "not planned");
      return;
    }
    std::vector<std::string> owners = ids_of(read_entry(&r.root(), "parties", kPlainMaps));
    owners.push_back("csp");
    owners.push_back("csc");
    for (const Node &step : list.items()) {
      std::vector<std::string> missing = missing_fields(&step, {"owner", "dueWithin", "acceptanceCriteria"});
      if (!missing.empty()) {
        r.at(read_attribute(&step, "", kPlainMaps),
             item_label(step, "onboarding step") + " has no " + join_words(missing));
        continue;
      }
      Attribute owner = read_entry(&step, "owner", kPlainMaps);
      if (!contains(owners, owner.text()))
        r.at(owner, item_label(step, "onboarding step") + " is owned by " + quoted(owner.text()) +
                        ", which is neither csp, csc nor a party id");
    }
  });
}

// CL-0841 onb.acceptance: criteria and a customer party that signs off.
void acceptance(const NativeCheckContext &ctx) {
  for_each_agreement(ctx, [&](const AgreementReporter &r) {
    Attribute acc = r.require(
        "onboarding.acceptance",
        "onboarding has no acceptance: nothing says when the customer accepts the service as ready");
    if (!acc.present()) return;
    if (!acc.is_map()) return;
    std::vector<std::string> missing = missing_fields(acc.node, {"criteria", "signOffBy"});
    if (!missing.empty()) {
      r.at(acc, "onboarding acceptance has no " + join_words(missing));
      return;
    }
    Attribute by = read_entry(acc, "signOffBy", kPlainMaps);
    if (!contains(customer_ids(r.root()), by.text()))
      r.at(by, "onboarding is signed off by " + quoted(by.text()) +
                   ", which is not a cloud-service-customer party: the customer must accept");
  });
}

// CL-0842 onb.access-provisioning: a step hands over access, and says how
// the first credentials reach the customer.
void access_provisioning(const NativeCheckContext &ctx) {
  for_each_agreement(ctx, [&](const AgreementReporter &r) {
    Attribute list = read_attribute(&r.root(), "onboarding.steps", kPlainMaps);
    bool found = false;
    for (const Node &step : list.items()) {
      if (read_entry(&step, "type", kPlainMaps).text() != "access-provisioning") continue;
      found = true;
      if (!read_entry(&step, "credentialHandover", kPlainMaps).present())
        r.at(read_attribute(&step, "", kPlainMaps),
             item_label(step, "onboarding step") +
                 " provisions access but does not say how credentials are handed over "
                 "(credentialHandover)");
    }
    if (!found)
      r.at_path("onboarding.steps",
                "no onboarding step provisions the customer's access (type: "
                "access-provisioning)");
  });
}

const NativeCheckRegistrar kSteps("CL-0840", steps);
const NativeCheckRegistrar kAcceptance("CL-0841", acceptance);
const NativeCheckRegistrar kAccessProvisioning("CL-0842", access_provisioning);

}  // namespace
}  // namespace clause::agreement
