// Scenario 5.13 (terminate a contract): notice, transition, a retrieval
// window long enough to get the data out, the assets returned, and charges.
#include "checker/rules/agreement/agreement_check.h"

namespace clause::agreement {
namespace {

bool data_act_applies(const Node &root) {
  return is_true(read_attribute(&root, "metadata.jurisdictions.dataActApplies", kPlainMaps));
}

// CL-1340 term.notice: a notice period, within the maximum when the EU Data
// Act applies.
void notice(const NativeCheckContext &ctx) {
  const std::optional<int64_t> max_notice = param_duration(ctx, "maxNotice");
  for_each_agreement(ctx, [&](const AgreementReporter &r) {
    Attribute period = r.require("termination.noticePeriod",
                                 "the agreement does not say how much notice ends it "
                                 "(termination.noticePeriod)");
    if (!period.present()) return;
    auto seconds = duration_of(period);
    if (seconds && max_notice && data_act_applies(r.root()) && *seconds > *max_notice)
      r.at(period, "a notice period of " + human(*seconds) + " exceeds the " + human(*max_notice) +
                       " the EU Data Act allows before a switch starts");
  });
}

// CL-1341 term.transition: a transition period that the customer may extend
// and that exceeds the maximum only with a stated technical reason.
void transition(const NativeCheckContext &ctx) {
  const std::optional<int64_t> max_period = param_duration(ctx, "maxPeriod");
  for_each_agreement(ctx, [&](const AgreementReporter &r) {
    Attribute tr =
        r.require("termination.transition",
                  "the agreement has no transition period: service may stop the day the contract ends");
    if (!tr.present()) return;
    if (!tr.is_map()) return;
    Attribute period = read_entry(tr, "period", kPlainMaps);
    auto seconds = duration_of(period);
    if (!period.present()) {
      r.at(tr, "the transition has no period");
    } else if (seconds && max_period && *seconds > *max_period &&
               read_entry(tr, "technicalUnfeasibility", kPlainMaps).text().empty()) {
      r.at(period, "a transition of " + human(*seconds) + " exceeds " + human(*max_period) +
                       " without a technicalUnfeasibility statement explaining why");
    }
    Attribute extendable = read_entry(tr, "extendableByCustomer", kPlainMaps);
    if (!is_true(extendable))
      r.at(extendable.node ? extendable : tr,
           "the customer cannot extend the transition period "
           "(extendableByCustomer is not true)");
  });
}

// CL-1342 term.retrieval-window: the customer has at least the minimum time,
// and at least the export timeline, to retrieve its data.
void retrieval_window(const NativeCheckContext &ctx) {
  const std::optional<int64_t> minimum = param_duration(ctx, "minimum");
  for_each_agreement(ctx, [&](const AgreementReporter &r) {
    Attribute window =
        r.require("termination.dataRetrievalPeriod",
                  "the agreement gives the customer no period to retrieve its data after termination");
    if (!window.present()) return;
    auto seconds = duration_of(window);
    if (!seconds) return;  // req.values-valid
    auto timeline = duration_of(read_attribute(&r.root(), "transfer.timeline", kPlainMaps));
    if (timeline && *seconds < *timeline) {
      r.at(window, "the retrieval period of " + human(*seconds) + " is shorter than the " + human(*timeline) +
                       " the provider may take to deliver an export (transfer.timeline)");
    } else if (minimum && *seconds < *minimum) {
      r.at(window, "the retrieval period of " + human(*seconds) + " is shorter than the minimum of " +
                       human(*minimum));
    }
  });
}

// CL-1343 term.asset-scope: what is returned is listed, and every exportable
// data category is either returned or explicitly excluded.
void asset_scope(const NativeCheckContext &ctx) {
  for_each_agreement(ctx, [&](const AgreementReporter &r) {
    Attribute returned = read_attribute(&r.root(), "termination.returnedAssets", kPlainMaps);
    if (returned.items().empty()) {
      if (!returned.present() || returned.is_list())
        r.at_path("termination.returnedAssets",
                  "the agreement does not list what is returned to the customer "
                  "at termination (termination.returnedAssets)");
      return;
    }
    std::vector<std::string> listed = strings_of(returned);
    std::vector<std::string> excluded =
        ids_of(read_attribute(&r.root(), "termination.excludedData", kPlainMaps), "category");
    std::vector<std::string> forgotten;
    for (const Node &cat : read_attribute(&r.root(), "dataManagement.categories", kPlainMaps).items()) {
      std::string id = read_entry(&cat, "id", kPlainMaps).text();
      if (!id.empty() && is_true(read_entry(&cat, "exportable", kPlainMaps)) && !contains(listed, id) &&
          !contains(excluded, id))
        forgotten.push_back(id);
    }
    if (!forgotten.empty())
      r.at(returned, "exportable data " + join_words(forgotten) + " is neither returned nor excluded");
  });
}

// CL-1344 term.charges: a known charging model, and none once the EU Data
// Act forbids switching charges.
void charges(const NativeCheckContext &ctx) {
  const std::vector<std::string> models = param_strings(ctx, "models");
  const std::optional<Date> free_from = param_date(ctx, "noChargesFrom");
  for_each_agreement(ctx, [&](const AgreementReporter &r) {
    Attribute sc =
        r.require("termination.switchingCharges", "the agreement does not say what switching or exit costs");
    if (!sc.present()) return;
    Attribute model = read_entry(sc, "model", kPlainMaps);
    if (!model.present()) {
      r.at(sc, "switchingCharges has no model");
      return;
    }
    if (!contains(models, model.text())) {
      r.at(model, "switching charge model " + quoted(model.text()) + " is not one of " + join_words(models));
      return;
    }
    if (model.text() == "none" || !free_from || !data_act_applies(r.root())) return;
    Attribute to = read_attribute(&r.root(), "metadata.effective.to", kPlainMaps);
    auto end = to.present() ? parse_date(to.text()) : std::nullopt;
    if (to.present() && !end) return;  // req.values-valid
    if (!end || *end >= *free_from)
      r.at(model, "the agreement runs " +
                      (end ? "until " + end->to_string() : std::string("without an end")) +
                      ", but switching charges are not allowed from " + free_from->to_string() +
                      " under the EU Data Act; set model: none");
  });
}

const NativeCheckRegistrar kNotice("CL-1340", notice);
const NativeCheckRegistrar kTransition("CL-1341", transition);
const NativeCheckRegistrar kRetrievalWindow("CL-1342", retrieval_window);
const NativeCheckRegistrar kAssetScope("CL-1343", asset_scope);
const NativeCheckRegistrar kCharges("CL-1344", charges);

}  // namespace
}  // namespace clause::agreement
