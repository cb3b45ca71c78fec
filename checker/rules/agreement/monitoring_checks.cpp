// Scenario 5.10 (monitor and report): regular reports to known recipients
// that cover what was promised, and monitoring of defined metrics.
#include "checker/rules/agreement/agreement_check.h"

namespace clause::agreement {
namespace {

// CL-1040 mon.reporting: a reporting interval no longer than the maximum, a
// delivery delay, and recipients that are parties.
void reporting(const NativeCheckContext &ctx) {
  const std::optional<int64_t> max_interval = param_duration(ctx, "maxInterval");
  for_each_agreement(ctx, [&](const AgreementReporter &r) {
    Attribute rep = r.require("reporting", "the agreement promises no service reports (reporting)");
    if (!rep.present()) return;
    if (!rep.is_map()) return;
    std::vector<std::string> missing = missing_fields(rep.node, {"every", "deliveredWithin", "recipients"});
    if (!missing.empty()) r.at(rep, "reporting has no " + join_words(missing));
    Attribute every = read_entry(rep, "every", kPlainMaps);
    auto interval = duration_of(every);
    if (interval && max_interval && *interval > *max_interval)
      r.at(every,
           "reports come every " + human(*interval) + "; report at least every " + human(*max_interval));
    std::vector<std::string> parties = ids_of(read_entry(&r.root(), "parties", kPlainMaps));
    for (const Node &recipient : read_entry(rep, "recipients", kPlainMaps).items())
      if (!contains(parties, recipient.scalar_text()))
        r.at(read_attribute(&recipient, "", kPlainMaps),
             "report recipient " + quoted(recipient.scalar_text()) + " is not a party id");
  });
}

// CL-1041 mon.report-contents: reports cover every metric an objective
// promises and the required topics.
void report_contents(const NativeCheckContext &ctx) {
  const std::vector<std::string> topics = param_strings(ctx, "requiredTopics");
  for_each_agreement(ctx, [&](const AgreementReporter &r) {
    Attribute contents = read_attribute(&r.root(), "reporting.contents", kPlainMaps);
    std::vector<std::string> covered = strings_of(contents);
    std::vector<std::string> needed;
    for (const Node &obj : read_attribute(&r.root(), "serviceLevels.objectives", kPlainMaps).items()) {
      std::string metric = read_entry(&obj, "metric", kPlainMaps).text();
      if (!metric.empty() && !contains(needed, metric)) needed.push_back(metric);
    }
    for (const auto &t : topics)
      if (!contains(needed, t)) needed.push_back(t);
    std::vector<std::string> gaps;
    for (const auto &n : needed)
      if (!contains(covered, n)) gaps.push_back(n);
    if (gaps.empty()) return;
    const std::string msg = "service reports do not cover " + join_words(gaps);
    if (contents.node) {
      r.at(contents, msg);
    } else {
      r.at_path("reporting.contents", msg);
    }
  });
}

// CL-1042 mon.monitoring-component: what is monitored (defined metrics) and
// how the customer sees it.
void monitoring_component(const NativeCheckContext &ctx) {
  for_each_agreement(ctx, [&](const AgreementReporter &r) {
    Attribute mon = r.require("monitoring",
                              "the agreement does not say what is monitored or how the customer sees it "
                              "(monitoring)");
    if (!mon.present()) return;
    if (!mon.is_map()) return;
    std::vector<std::string> missing = missing_fields(mon.node, {"parameters", "mechanisms"});
    if (!missing.empty()) r.at(mon, "monitoring has no " + join_words(missing));
    std::vector<std::string> metrics = ids_of(read_entry(&r.root(), "metrics", kPlainMaps));
    for (const Node &p : read_entry(mon, "parameters", kPlainMaps).items())
      if (!contains(metrics, p.scalar_text()))
        r.at(read_attribute(&p, "", kPlainMaps),
             "monitored parameter " + quoted(p.scalar_text()) + " is not defined in metrics[]");
  });
}

const NativeCheckRegistrar kReporting("CL-1040", reporting);
const NativeCheckRegistrar kReportContents("CL-1041", report_contents);
const NativeCheckRegistrar kMonitoringComponent("CL-1042", monitoring_component);

}  // namespace
}  // namespace clause::agreement
