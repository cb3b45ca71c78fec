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
    Attribute del = r.require("dataManagement.deletion",
                              "the agreement does not say when customer data is deleted after termination");
    if (!del.present()) return;
    if (!del.is_map()) return;
    std::vector<std::string> missing = missing_fields(del.node, {"afterRetrievalWithin", "includesBackups"});
    if (is_true(read_entry(del, "includesBackups", kPlainMaps)) &&
        !read_entry(del, "backupsPurgedWithin", kPlainMaps).present())
      missing.push_back("backupsPurgedWithin");
    if (!missing.empty()) r.at(del, "the deletion commitment has no " + join_words(missing));
    Attribute after = read_entry(del, "afterRetrievalWithin", kPlainMaps);
    auto seconds = duration_of(after);
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
    Attribute method = r.require("dataManagement.deletion.method",
                                 "the agreement does not say how customer data is destroyed");
    if (!method.present()) return;
    if (!contains(methods, method.text())) {
      r.at(method, "deletion method " + quoted(method.text()) + " is not one of " + join_words(methods));
      return;
    }
    if (method.text() != "crypto-erase") return;
    Attribute scope = read_attribute(&r.root(), "dataManagement.deletion.keyScope", kPlainMaps);
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
    Attribute del = read_attribute(&r.root(), "dataManagement.deletion", kPlainMaps);
    if (!is_true(read_entry(del, "includesBackups", kPlainMaps))) return;
    Attribute purge = read_entry(del, "backupsPurgedWithin", kPlainMaps);
    auto purge_s = duration_of(purge);
    auto kept = duration_of(read_attribute(&r.root(), "reliability.backup.retention", kPlainMaps));
    if (!purge_s || !kept || *kept <= *purge_s) return;
    r.at(purge, "backups are kept " + human(*kept) + " (reliability.backup.retention), longer than the " +
                    human(*purge_s) + " within which deleted data must be purged from them");
  });
}

// CL-1545 rm.log-deletion-window: logs about the customer outlast the
// retrieval period but not the deletion deadline.
void log_deletion_window(const NativeCheckContext &ctx) {
  for_each_agreement(ctx, [&](const AgreementReporter &r) {
    Attribute logs = read_attribute(&r.root(), "termination.logRetentionAfter", kPlainMaps);
    auto kept = duration_of(logs);
    auto retrieval = duration_of(read_attribute(&r.root(), "termination.dataRetrievalPeriod", kPlainMaps));
    if (!kept || !retrieval) return;
    if (*kept < *retrieval) {
      r.at(logs, "logs are deleted " + human(*kept) + " after termination, before the " + human(*retrieval) +
                     " retrieval period ends");
      return;
    }
    auto deletion =
        duration_of(read_attribute(&r.root(), "dataManagement.deletion.afterRetrievalWithin", kPlainMaps));
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
