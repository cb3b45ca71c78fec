// End-of-contract promises against data lifecycle settings: data must
// survive until the retrieval window ends (5.13), and then disappear as
// fast as promised, from soft-delete and version stores too (5.15), which
// locked retention may forbid (5.15).
#include <cmath>

#include "checker/agreement/values.h"
#include "checker/crossdoc/backups.h"
#include "checker/crossdoc/judge.h"

namespace clause::crossdoc {
namespace {

double days_of(const DurationPromise &d) {
  return static_cast<double>(d.seconds) / agreement::kSecondsPerDay;
}

std::string leaf(std::string_view path) {
  size_t dot = path.rfind('.');
  return std::string(dot == std::string_view::npos ? path : path.substr(dot + 1));
}

struct Lock {
  const IndexedResource *at = nullptr;
  Attr setting;
  std::optional<double> days;
  std::string blocked;
  std::string description;
  bool backups = false;  // locks backups (compared with backupsPurgedWithin)
};

std::optional<double> number_days(const Attr &a, double scale, std::string &blocked) {
  if (a.unknown()) {
    blocked = a.blocked_by();
    return std::nullopt;
  }
  if (auto n = a.number()) return *n * scale;
  return std::nullopt;
}

// S3 Object Lock default retention in COMPLIANCE mode.
void object_lock(const IndexedResource &r, const Node *retention, std::vector<Lock> &out) {
  if (!retention) return;
  Attr mode = attr(retention, r.resource->format == DocKind::CloudFormation ? "Mode" : "mode");
  if (mode.string() != std::string("COMPLIANCE")) return;
  bool cfn = r.resource->format == DocKind::CloudFormation;
  Attr days = attr(retention, cfn ? "Days" : "days");
  Attr years = attr(retention, cfn ? "Years" : "years");
  Lock l;
  l.at = &r;
  l.setting = days.absent() ? years : days;
  l.days = number_days(l.setting, days.absent() ? 365 : 1, l.blocked);
  l.description = "Object Lock in COMPLIANCE mode keeps objects " +
                  (l.setting.known() ? leaf(l.setting.entry ? l.setting.entry->key : "days") + " = " +
                                           l.setting.node->scalar_text()
                                     : std::string("for its default retention"));
  if (!l.setting.absent()) out.push_back(l);
}

std::vector<Lock> locks_of(const IndexedResource &r) {
  std::vector<Lock> out;
  const Node *b = r.body();
  const std::string &t = r.type();
  if (t == "aws_backup_vault_lock_configuration") {
    // Without changeable_for_days the lock is in governance mode and can
    // be removed; with it, it becomes immutable.
    if (attr(b, "changeable_for_days").absent()) return out;
    Lock l;
    l.at = &r;
    l.backups = true;
    l.setting = attr(b, "min_retention_days");
    l.days = number_days(l.setting, 1, l.blocked);
    l.description = "the compliance-mode vault lock keeps every recovery point min_retention_days = " +
                    (l.setting.known() ? l.setting.node->scalar_text() : std::string("?"));
    if (!l.setting.absent()) out.push_back(l);
  } else if (t == "AWS::Backup::BackupVault") {
    if (attr(b, "Properties.LockConfiguration.ChangeableForDays").absent()) return out;
    Lock l;
    l.at = &r;
    l.backups = true;
    l.setting = attr(b, "Properties.LockConfiguration.MinRetentionDays");
    l.days = number_days(l.setting, 1, l.blocked);
    l.description = "the compliance-mode vault lock keeps every recovery point MinRetentionDays";
    if (!l.setting.absent()) out.push_back(l);
  } else if (t == "aws_s3_bucket_object_lock_configuration") {
    for (const Node *rule : elements(b, "rule"))
      for (const Node *ret : elements(rule, "default_retention")) object_lock(r, ret, out);
  } else if (t == "aws_s3_bucket") {
    for (const Node *ol : elements(b, "object_lock_configuration"))
      for (const Node *rule : elements(ol, "rule"))
        for (const Node *ret : elements(rule, "default_retention")) object_lock(r, ret, out);
  } else if (t == "AWS::S3::Bucket") {
    for (const Node *ret : elements(b, "Properties.ObjectLockConfiguration.Rule.DefaultRetention"))
      object_lock(r, ret, out);
  } else if (t == "google_storage_bucket") {
    for (const Node *policy : elements(b, "retention_policy")) {
      if (!attr(policy, "is_locked").boolean().value_or(false)) continue;
      Lock l;
      l.at = &r;
      l.setting = attr(policy, "retention_period");
      l.days = number_days(l.setting, 1.0 / agreement::kSecondsPerDay, l.blocked);
      l.description = "the locked retention policy keeps objects retention_period = " +
                      (l.setting.known() ? l.setting.node->scalar_text() + " seconds" : std::string("?"));
      if (!l.setting.absent()) out.push_back(l);
    }
  } else if (t == "azurerm_storage_container_immutability_policy") {
    if (!attr(b, "locked").boolean().value_or(false)) return out;
    Lock l;
    l.at = &r;
    l.setting = attr(b, "immutability_period_in_days");
    l.days = number_days(l.setting, 1, l.blocked);
    l.description = "the locked immutability policy keeps blobs immutability_period_in_days = " +
                    (l.setting.known() ? l.setting.node->scalar_text() : std::string("?"));
    if (!l.setting.absent()) out.push_back(l);
  }
  return out;
}

bool has_locks(const IndexedResource &r) {
  static const char *const kTypes[] = {"aws_backup_vault_lock_configuration",
                                       "AWS::Backup::BackupVault",
                                       "aws_s3_bucket_object_lock_configuration",
                                       "aws_s3_bucket",
                                       "AWS::S3::Bucket",
                                       "google_storage_bucket",
                                       "azurerm_storage_container_immutability_policy"};
  for (const char *t : kTypes)
    if (r.type() == t) return true;
  return false;
}

// CL-1572 rm.x-immutability-conflict
void immutability_conflict(const NativeCheckContext &ctx) {
  const ResourceIndex &index = resource_index(ctx.project());
  Judge judge(ctx);
  for (const AgreementView &a : agreements(ctx.project())) {
    auto data = a.duration("dataManagement.deletion.afterRetrievalWithin");
    auto backups = a.duration("dataManagement.deletion.backupsPurgedWithin");
    if (!data && !backups) continue;
    Binding binding(a, index);
    for (const auto &[r, m] : binding.scope(has_locks)) {
      for (const Lock &l : locks_of(*r)) {
        const std::optional<DurationPromise> &promise = l.backups && backups ? backups
                                                        : data               ? data
                                                                             : backups;
        if (!promise) continue;
        if (!l.days) {
          if (!l.blocked.empty()) judge.undecided(*r, l.setting.span_or(r->resource->span), l.blocked);
          continue;
        }
        double promised = days_of(*promise);
        if (*l.days <= promised) {
          judge.pass();
          continue;
        }
        std::string what = l.backups ? "backups" : "customer data";
        judge.fail(*r, m, l.setting.span_or(r->resource->span),
                   "The agreement promises " + what + " are deleted within " + days_text(promised) + " (" +
                       a.where(promise->span) + ") but " + l.description + ", about " +
                       days_text(std::ceil(*l.days)) + ", and nobody can delete them earlier",
                   {a.related(*promise, "the agreement promises deletion within " + days_text(promised))});
      }
    }
  }
}

struct Lag {
  const IndexedResource *at = nullptr;
  Attr setting;
  std::optional<double> days;  // kForever: until someone deletes them
  std::string blocked;
  std::string description;
};

// How long deleted objects of a versioned S3 bucket stay as noncurrent versions.
void versioned_bucket_lag(const ResourceIndex &index, const IndexedResource &bucket, std::vector<Lag> &out) {
  Attr status;
  const IndexedResource *at = &bucket;
  for (const IndexedResource *v : index.referrers(bucket, "aws_s3_bucket_versioning", "bucket")) {
    status = attr(v->body(), "versioning_configuration.status");
    at = v;
  }
  bool inline_versioning = attr(bucket.body(), "versioning.enabled").boolean().value_or(false);
  if (status.unknown()) {
    out.push_back(Lag{at, status, std::nullopt, status.blocked_by(), ""});
    return;
  }
  if (status.string() != std::string("Enabled") && !inline_versioning) return;
  if (inline_versioning && status.absent()) status = attr(bucket.body(), "versioning.enabled");
  std::optional<double> days = kForever;
  std::string blocked;
  for (const IndexedResource *lc : index.referrers(bucket, "aws_s3_bucket_lifecycle_configuration", "bucket"))
    for (const Node *rule : elements(lc->body(), "rule")) {
      if (attr(rule, "status").string() == std::string("Disabled")) continue;
      Attr nd = attr(rule, "noncurrent_version_expiration.noncurrent_days");
      if (nd.unknown()) blocked = nd.blocked_by();
      if (auto n = nd.number(); n && (!days || *n < *days)) days = *n;
    }
  if (!blocked.empty() && days && std::isinf(*days)) days.reset();
  out.push_back(Lag{
      at, status, days, blocked,
      days && std::isinf(*days)
          ? "versioning of " + bucket.address() +
                " keeps every deleted or overwritten object as a noncurrent version and no lifecycle rule "
                "expires them"
          : "versioning of " + bucket.address() + " keeps deleted objects as noncurrent versions"});
}

std::vector<Lag> lags_of(const ResourceIndex &index, const IndexedResource &r) {
  std::vector<Lag> out;
  const Node *b = r.body();
  const std::string &t = r.type();
  auto setting = [&](const std::string &path, double absent_days, double scale, std::string description) {
    Attr a = attr(b, path);
    Lag l{&r, a, std::nullopt, "", std::move(description)};
    if (a.unknown())
      l.blocked = a.blocked_by();
    else if (a.absent())
      l.days = absent_days;
    else if (auto n = a.number())
      l.days = *n * scale;
    l.description += a.known() ? " (" + leaf(path) + " = " + a.node->scalar_text() + ")"
                               : " (" + leaf(path) + " is not set, so " + days_text(absent_days) + ")";
    out.push_back(l);
  };
  if (t == "google_storage_bucket") {
    setting("soft_delete_policy.retention_duration_seconds", 7, 1.0 / agreement::kSecondsPerDay,
            "soft delete keeps deleted objects restorable");
  } else if (t == "azurerm_storage_account") {
    for (const char *policy :
         {"blob_properties.delete_retention_policy", "blob_properties.container_delete_retention_policy"}) {
      if (attr(b, policy).absent()) continue;
      setting(std::string(policy) + ".days", 7, 1, "soft delete keeps deleted blobs restorable");
    }
  } else if (t == "aws_secretsmanager_secret") {
    setting("recovery_window_in_days", 30, 1, "a deleted secret stays recoverable");
  } else if (t == "AWS::SecretsManager::Secret") {
    return out;  // the recovery window is set at deletion, not in the template
  } else if (t == "aws_s3_bucket") {
    versioned_bucket_lag(index, r, out);
  }
  return out;
}

bool has_lag(const IndexedResource &r) {
  return r.type() == "google_storage_bucket" || r.type() == "azurerm_storage_account" ||
         r.type() == "aws_secretsmanager_secret" || r.type() == "aws_s3_bucket";
}

// CL-1573 rm.x-softdelete-lag
void softdelete_lag(const NativeCheckContext &ctx) {
  const ResourceIndex &index = resource_index(ctx.project());
  Judge judge(ctx);
  for (const AgreementView &a : agreements(ctx.project())) {
    auto promise = a.duration("dataManagement.deletion.afterRetrievalWithin");
    if (!promise) continue;
    double promised = days_of(*promise);
    Binding binding(a, index);
    for (const auto &[r, m] : binding.scope(has_lag)) {
      for (const Lag &l : lags_of(index, *r)) {
        if (!l.days) {
          judge.undecided(*l.at, l.setting.span_or(l.at->resource->span), l.blocked);
          continue;
        }
        if (*l.days <= promised) {
          judge.pass();
          continue;
        }
        std::string lag = std::isinf(*l.days) ? ", so deleted data stays until someone removes it by hand"
                                              : " for " + days_text(std::ceil(*l.days)) + " after deletion";
        judge.fail(*l.at, m, l.setting.span_or(l.at->resource->span),
                   "The agreement promises customer data is deleted within " + days_text(promised) + " (" +
                       a.where(promise->span) + ") but " + l.description + lag,
                   {a.related(*promise, "the agreement promises deletion within " + days_text(promised) +
                                            " after the retrieval period")});
      }
    }
  }
}

struct Teardown {
  Attr setting;
  std::string effect;  // what destroying it does
};

// Settings under which destroying a data store destroys its data with it.
std::optional<Teardown> teardown_of(const IndexedResource &r, std::string &blocked) {
  const Node *b = r.body();
  const std::string &t = r.type();
  auto flag = [&](const char *path, bool bad, const char *effect) -> std::optional<Teardown> {
    Attr a = attr(b, path);
    if (a.unknown()) {
      blocked = a.blocked_by();
      return std::nullopt;
    }
    if (a.known() && a.boolean() == bad)
      return Teardown{a, std::string(effect) + " (" + leaf(path) + " = " + a.node->scalar_text() + ")"};
    return std::nullopt;
  };
  if (t == "aws_s3_bucket" || t == "google_storage_bucket")
    return flag("force_destroy", true, "destroying the bucket deletes every object in it");
  if (t == "aws_ecr_repository")
    return flag("force_delete", true, "destroying the repository deletes its images");
  if (t == "aws_backup_vault")
    return flag("force_destroy", true, "destroying the vault deletes its recovery points");
  if (t == "google_bigquery_dataset")
    return flag("delete_contents_on_destroy", true, "destroying the dataset deletes its tables");
  if (t == "aws_db_instance" || t == "aws_rds_cluster" || t == "aws_docdb_cluster")
    return flag("skip_final_snapshot", true, "destroying the database keeps no final snapshot");
  if (t == "google_sql_database_instance")
    return flag("deletion_protection", false,
                "nothing stops Terraform from destroying the instance and its backups");
  if (r.resource->format == DocKind::CloudFormation) {
    // DeletionPolicy defaults to Delete, except Snapshot for RDS.
    bool rds = t == "AWS::RDS::DBInstance" || t == "AWS::RDS::DBCluster";
    bool judged = rds || t == "AWS::S3::Bucket" || t == "AWS::DynamoDB::Table" ||
                  t == "AWS::EFS::FileSystem" || t == "AWS::EC2::Volume" || t == "AWS::DynamoDB::GlobalTable";
    if (!judged) return std::nullopt;
    Attr policy = attr(b, "DeletionPolicy");
    if (policy.unknown()) {
      blocked = policy.blocked_by();
      return std::nullopt;
    }
    auto p = policy.string();
    if ((p && *p == "Delete") || (!p && !rds))
      return Teardown{policy, std::string("deleting the stack deletes it and its data (DeletionPolicy ") +
                                  (p ? "is Delete" : "is not set, so Delete") + ")"};
  }
  return std::nullopt;
}

// CL-1370 term.x-retrievable-until-end
void retrievable_until_end(const NativeCheckContext &ctx) {
  const ResourceIndex &index = resource_index(ctx.project());
  Judge judge(ctx);
  for (const AgreementView &a : agreements(ctx.project())) {
    auto retrieval = a.duration("termination.dataRetrievalPeriod");
    if (!retrieval || retrieval->seconds <= 0) continue;
    Binding binding(a, index);
    for (const auto &[r, m] : binding.scope([](const IndexedResource &r) { return r.data_bearing; })) {
      std::string blocked;
      auto teardown = teardown_of(*r, blocked);
      if (!teardown) {
        if (!blocked.empty())
          judge.undecided(*r, r->resource->span, blocked);
        else
          judge.pass();
        continue;
      }
      judge.fail(
          *r, m, teardown->setting.span_or(r->resource->span),
          "The agreement lets the customer retrieve its data for " +
              agreement::format_duration(retrieval->seconds) + " after the transition (" +
              a.where(retrieval->span) + ") but " + teardown->effect +
              ": a teardown at the end of the contract would destroy the data before that window closes",
          {a.related(*retrieval, "the agreement keeps the customer's data retrievable for " +
                                     agreement::format_duration(retrieval->seconds))});
    }
  }
}

const NativeCheckRegistrar reg_immutable("CL-1572", &immutability_conflict);
const NativeCheckRegistrar reg_softdelete("CL-1573", &softdelete_lag);
const NativeCheckRegistrar reg_retrievable("CL-1370", &retrievable_until_end);

}  // namespace
}  // namespace clause::crossdoc
