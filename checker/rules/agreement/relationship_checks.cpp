// Scenario 5.6 (relationship with the customer): identified parties in their
// cloud roles, named contacts, and an escalation path that leads somewhere.
#include <set>

#include "checker/rules/agreement/agreement_check.h"

namespace clause::agreement {
namespace {

const char *const kProvider = "cloud-service-provider";
const char *const kCustomer = "cloud-service-customer";
const char *const kPartner = "cloud-service-partner";

// CL-0640 rel.parties-roles: exactly one provider, at least one customer,
// partners with their kind, unique party ids.
void parties_roles(const NativeCheckContext &ctx) {
  for_each_agreement(ctx, [&](const AgreementReporter &r) {
    Attribute parties = read_entry(&r.root(), "parties", kPlainMaps);
    if (!parties.present() || (parties.is_list() && parties.items().empty())) {
      r.at_path("parties", "the agreement names no parties: provider and customer must be identified");
      return;
    }
    if (!parties.is_list()) return;
    std::vector<std::string> providers;
    size_t customers = 0;
    std::set<std::string> ids;
    for (const Node &party : parties.items()) {
      Attribute role = read_entry(&party, "role", kPlainMaps);
      Attribute id = read_entry(&party, "id", kPlainMaps);
      const std::string label = item_label(party, "party");
      if (!id.present())
        r.at(read_attribute(&party, "", kPlainMaps), "a party has no id, so other fields cannot refer to it");
      if (id.present() && !ids.insert(id.text()).second)
        r.at(id, "party id " + quoted(id.text()) + " is used twice");
      if (!role.present()) {
        r.at(read_attribute(&party, "", kPlainMaps), label + " has no cloud role");
      } else if (role.text() == kProvider) {
        providers.push_back(id.text());
      } else if (role.text() == kCustomer) {
        ++customers;
      } else if (role.text() == kPartner) {
        if (!read_entry(&party, "partnerRole", kPlainMaps).present())
          r.at(role, label + " is a cloud service partner but does not say which kind (partnerRole)");
      } else {
        r.at(role, label + " has role " + quoted(role.text()) + ", which is not one of " + kProvider + ", " +
                       kCustomer + ", " + kPartner);
      }
    }
    if (providers.empty()) r.at(parties, "no party is the cloud service provider");
    if (providers.size() > 1)
      r.at(parties, std::to_string(providers.size()) + " parties (" + join_words(providers) +
                        ") are cloud service providers; exactly one must be");
    if (customers == 0) r.at(parties, "no party is the cloud service customer");
  });
}

// CL-0641 rel.contacts: provider and customer each name a contact, with
// name and e-mail, for every required function.
void contacts(const NativeCheckContext &ctx) {
  const std::vector<std::string> required = param_strings(ctx, "requiredFunctions");
  for_each_agreement(ctx, [&](const AgreementReporter &r) {
    for (const Node &party : read_entry(&r.root(), "parties", kPlainMaps).items()) {
      std::string role = read_entry(&party, "role", kPlainMaps).text();
      if (role != kProvider && role != kCustomer) continue;
      Attribute list = read_entry(&party, "contacts", kPlainMaps);
      std::vector<std::string> reachable;
      for (const Node &contact : list.items()) {
        std::vector<std::string> missing = missing_fields(&contact, {"function", "name", "email"});
        if (missing.empty()) {
          reachable.push_back(read_entry(&contact, "function", kPlainMaps).text());
        } else {
          r.at(read_attribute(&contact, "", kPlainMaps),
               "a contact of " + item_label(party, "party") + " has no " + join_words(missing));
        }
      }
      std::vector<std::string> absent;
      for (const auto &function : required)
        if (!contains(reachable, function)) absent.push_back(function);
      if (!absent.empty())
        r.at(list.node ? list : read_attribute(&party, "", kPlainMaps),
             item_label(party, role == kProvider ? "provider" : "customer") + " names no " +
                 join_words(absent) + " contact");
    }
  });
}

// Whether "party/function" names a contact of that party.
bool contact_exists(const Node &root, const std::string &ref) {
  size_t slash = ref.find('/');
  if (slash == std::string::npos) return false;
  const std::string party_id = ref.substr(0, slash), function = ref.substr(slash + 1);
  for (const Node &party : read_entry(&root, "parties", kPlainMaps).items())
    if (read_entry(&party, "id", kPlainMaps).text() == party_id)
      return contains(ids_of(read_entry(&party, "contacts", kPlainMaps), "function"), function);
  return false;
}

// CL-0642 rel.escalation: enough levels, in order, each with a contact
// that exists and a response time.
void escalation(const NativeCheckContext &ctx) {
  const std::optional<double> min_levels = param_number(ctx, "minLevels");
  for_each_agreement(ctx, [&](const AgreementReporter &r) {
    Attribute path = r.require("relationship.escalation",
                               "the agreement has no escalation path (relationship.escalation)");
    if (!path.present()) return;
    if (!path.is_list()) return;
    if (min_levels && static_cast<double>(path.items().size()) < *min_levels)
      r.at(path, "the escalation path has " + std::to_string(path.items().size()) + " level(s); at least " +
                     std::to_string(static_cast<int>(*min_levels)) +
                     " are needed to escalate past the first contact");
    double previous = 0;
    for (const Node &level : path.items()) {
      Attribute number = read_entry(&level, "level", kPlainMaps);
      if (number.present() && number.node->kind == NodeKind::Number) {
        if (number.node->number <= previous)
          r.at(number, "escalation level " + number.text() + " does not come after level " +
                           Node::make_number(previous, "").scalar_text() +
                           "; number the levels 1, 2, 3 in order");
        previous = number.node->number;
      }
      std::vector<std::string> missing = missing_fields(&level, {"level", "contactRef", "responseWithin"});
      if (!missing.empty()) {
        r.at(read_attribute(&level, "", kPlainMaps), "an escalation level has no " + join_words(missing));
        continue;
      }
      Attribute ref = read_entry(&level, "contactRef", kPlainMaps);
      if (!contact_exists(r.root(), ref.text()))
        r.at(ref, "escalation contact " + quoted(ref.text()) +
                      " does not name a party and one of its contact functions (party-id/function)");
    }
  });
}

const NativeCheckRegistrar kPartiesRoles("CL-0640", parties_roles);
const NativeCheckRegistrar kContacts("CL-0641", contacts);
const NativeCheckRegistrar kEscalation("CL-0642", escalation);

}  // namespace
}  // namespace clause::agreement
