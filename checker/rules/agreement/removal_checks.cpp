// Scenario 5.15 (remove): deletion that is bounded in time, reaches the
// backups, uses a method that works, and does not contradict retention.
#include "checker/rules/agreement/agreement_check.h"

namespace clause::agreement {
namespace {

// CL-1540 rm.deletion-timeline: when deletion completes, whether backups are
// included, and when they are purged.
void deletion_timeline(const NativeCheckContext &ctx) {
  const std::optional<int64_t> max_after = param_duration(ctx, "maxAfterRetrieval");
  for_each_agreement(ctx, [&](const AgreementReporter &r) {
    Field del = r.require("dataManagement.deletion",
                          "the agreement does not say when customer data is deleted after termination");
    if (!del.present()) return;
    if (!del.is_map()) return;
    std::vector<std::string> missing = missing_fields(del.node, {"afterRetrievalWithin", "includesBackups"});
    if (field(del, "includesBackups").is_true() && !field(del, "backupsPurgedWithin").present())
      missing.push_back("backupsPurgedWithin");
    if (!missing.empty()) r.at(del, "the deletion commitment has no " + join_words(missing));
    Field after = field(del, "afterRetrievalWithin");
    auto seconds = after.duration();
    if (seconds && max_after && *seconds > *max_after)
      r.at(after, "deletion may take " + human(*seconds) + " after retrieval ends; commit to at most " +
                      human(*max_after));
  });
}

// CL-1542 rm.deletion-method: a known method, and crypto-erase only with
// keys scoped to the tenant.
void deletion_method(const NativeCheckContext &ctx) {
  const std::vector<std::string> methods = param_strings(ctx, "methods");
  for_each_agreement(ctx, [&](const AgreementReporter &r) {
    Field method = r.require("dataManagement.deletion.method",
                             "the agreement does not say how customer data is destroyed");
    if (!method.present()) return;
    if (!contains(methods, method.text())) {
      r.at(method, "deletion method " + quoted(method.text()) + " is not one of " + join_words(methods));
      return;
    }
    if (method.text() != "crypto-erase") return;
    Field scope = field_at(r.root(), "dataManagement.deletion.keyScope");
    if (scope.text() != "per-tenant")
      r.at(scope.node ? scope : method,
           "crypto-erase destroys one customer's data only when its keys are "
           "scoped to that customer (keyScope: per-tenant)");
  });
}

// CL-1544 rm.backups-outlive-deletion: backups are not kept longer than the
// time within which deleted data must be gone from them.
void backups_outlive_deletion(const NativeCheckContext &ctx) {
  for_each_agreement(ctx, [&](const AgreementReporter &r) {
    Field del = field_at(r.root(), "dataManagement.deletion");
    if (!field(del, "includesBackups").is_true()) return;
    Field purge = field(del, "backupsPurgedWithin");
    auto purge_s = purge.duration();
    auto kept = field_at(r.root(), "reliability.backup.retention").duration();
    if (!purge_s || !kept || *kept <= *purge_s) return;
    r.at(purge, "backups are kept " + human(*kept) + " (reliability.backup.retention), longer than the " +
                    human(*purge_s) + " within which deleted data must be purged from them");
  });
}

// CL-1545 rm.log-deletion-window: logs about the customer outlast the
// retrieval period but not the deletion deadline.
void log_deletion_window(const NativeCheckContext &ctx) {
  for_each_agreement(ctx, [&](const AgreementReporter &r) {
    Field logs = field_at(r.root(), "termination.logRetentionAfter");
    auto kept = logs.duration();
    auto retrieval = field_at(r.root(), "termination.dataRetrievalPeriod").duration();
    if (!kept || !retrieval) return;
    if (*kept < *retrieval) {
      r.at(logs, "logs are deleted " + human(*kept) + " after termination, before the " + human(*retrieval) +
                     " retrieval period ends");
      return;
    }
    auto deletion = field_at(r.root(), "dataManagement.deletion.afterRetrievalWithin").duration();
    if (deletion && *kept > *retrieval + *deletion)
      r.at(logs, "logs are kept " + human(*kept) + " after termination, beyond the deletion deadline of " +
                     human(*retrieval + *deletion) + " (retrieval " + human(*retrieval) + " + deletion " +
                     human(*deletion) + ")");
  });
}

const NativeCheckRegistrar kDeletionTimeline("CL-1540", deletion_timeline);
const NativeCheckRegistrar kDeletionMethod("CL-1542", deletion_method);
const NativeCheckRegistrar kBackupsOutliveDeletion("CL-1544", backups_outlive_deletion);
const NativeCheckRegistrar kLogDeletionWindow("CL-1545", log_deletion_window);

}  // namespace
}  // namespace clause::agreement
