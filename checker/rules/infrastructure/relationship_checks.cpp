// Scenario 5.6: the provider's notices about the account reach a named
// contact of the service.
#include "checker/rules/infrastructure/infra_support.h"

namespace clause::infra {
namespace {

// CL-0601 rel.account-contacts
void account_contacts(const NativeCheckContext &ctx) {
  report_missing_controls(
      ctx,
      {{ProviderFamily::Aws,
        "No alternate contact (aws_account_alternate_contact for SECURITY or OPERATIONS) is registered "
        "with the AWS account; provider notices go only to the root mailbox",
        [](const Resource &r) {
          if (r.type != "aws_account_alternate_contact") return false;
          auto t = read_attribute(r.body, "alternate_contact_type", kBlocksAndDynamic);
          return !t.known() || t.as_string() == "SECURITY" || t.as_string() == "OPERATIONS";
        }},
       {ProviderFamily::Azure,
        "No security contact (azurerm_security_center_contact) is registered with the Azure subscription; "
        "security alerts reach nobody named by the service",
        [](const Resource &r) { return r.type == "azurerm_security_center_contact"; }},
       {ProviderFamily::Google,
        "No essential contact (google_essential_contacts_contact) is registered for the Google Cloud "
        "project; security and technical notices reach nobody named by the service",
        [](const Resource &r) { return r.type == "google_essential_contacts_contact"; }}});
}

const NativeCheckRegistrar kContacts("CL-0601", &account_contacts);

}  // namespace
}  // namespace clause::infra
