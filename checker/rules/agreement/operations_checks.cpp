// Scenario 5.9 (deliver and operate): backup commitments that agree with
// the recovery objectives built on them.
#include "checker/rules/agreement/agreement_check.h"

namespace clause::agreement {
namespace {

// CL-0941 ops.rpo-backup-interval: the recovery point objective is not
// shorter than the interval between backups.
void rpo_backup_interval(const NativeCheckContext &ctx) {
  for_each_agreement(ctx, [&](const AgreementReporter &r) {
    Attribute rpo = read_attribute(&r.root(), "reliability.disasterRecovery.rpo", kPlainMaps);
    auto rpo_s = duration_of(rpo);
    auto every = duration_of(read_attribute(&r.root(), "reliability.backup.frequency", kPlainMaps));
    if (!rpo_s || !every || *rpo_s >= *every) return;
    r.at(rpo, "the RPO of " + human(*rpo_s) + " is shorter than the backup interval of " + human(*every) +
                  ": a failure just before the next backup loses up to " + human(*every) + " of data");
  });
}

// CL-0942 ops.backup-retention: backups are kept long enough to be useful,
// and at least until the next one exists.
void backup_retention(const NativeCheckContext &ctx) {
  const std::optional<int64_t> minimum = param_duration(ctx, "minRetention");
  for_each_agreement(ctx, [&](const AgreementReporter &r) {
    Attribute retention = read_attribute(&r.root(), "reliability.backup.retention", kPlainMaps);
    auto kept = duration_of(retention);
    if (!kept) return;
    auto every = duration_of(read_attribute(&r.root(), "reliability.backup.frequency", kPlainMaps));
    if (every && *kept < *every) {
      r.at(retention, "backups are kept " + human(*kept) + " but taken every " + human(*every) +
                          ": each is deleted before the next one exists");
    } else if (minimum && *kept < *minimum) {
      r.at(retention, "backups are kept only " + human(*kept) + "; keep them at least " + human(*minimum) +
                          " so that a bad change can be noticed before its last good copy is gone");
    }
  });
}

const NativeCheckRegistrar kRpoBackupInterval("CL-0941", rpo_backup_interval);
const NativeCheckRegistrar kBackupRetention("CL-0942", backup_retention);

}  // namespace
}  // namespace clause::agreement
