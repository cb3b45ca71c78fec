// Backup promises against backup settings: how much data may be lost (RPO)
// and how long backups are kept (5.9), whether restores are tested (5.9),
// and whether backups outlive the promised deletion (5.15).
#include <cmath>

#include "checker/agreement/values.h"
#include "checker/crossdoc/backups.h"
#include "checker/crossdoc/judge.h"
#include "checker/model/attribute.h"

namespace clause::crossdoc {
namespace {

std::string seconds_text(double s) {
  if (s <= kContinuousSeconds) return "a few minutes";
  return agreement::format_duration(static_cast<int64_t>(std::llround(s)));
}

// The mechanism a finding about `store` is best placed at: the store's own
// setting when it has one, else the first mechanism.
const BackupMechanism *best_of(const std::vector<BackupMechanism> &ms, bool by_interval) {
  const BackupMechanism *best = nullptr;
  for (const auto &m : ms) {
    auto v = by_interval ? m.interval_seconds : m.retention_days;
    if (!v) continue;
    auto bv = best ? (by_interval ? best->interval_seconds : best->retention_days) : std::nullopt;
    if (!best || (by_interval ? *v < *bv : *v > *bv)) best = &m;
  }
  return best;
}

// CL-0970 ops.x-rpo
void rpo(const NativeCheckContext &ctx) {
  if (!has_agreement(ctx.project())) return;
  const ResourceIndex &index = resource_index(ctx.project());
  Judge judge(ctx);
  for (const AgreementView &a : agreements(ctx.project())) {
    auto promise = a.duration("reliability.disasterRecovery.rpo");
    if (!promise) continue;
    Binding binding(a, index);
    for (const auto &[r, m] : binding.scope([](const IndexedResource &r) { return r.data_bearing; })) {
      StoreBackups backups = backups_of(index, *r);
      if (!backups.judged) continue;
      const BackupMechanism *best = best_of(backups.mechanisms, /*by_interval=*/true);
      if (best && *best->interval_seconds <= static_cast<double>(promise->seconds)) {
        judge.pass();
        continue;
      }
      const BackupMechanism *blocked = nullptr;
      for (const auto &mech : backups.mechanisms)
        if (!mech.interval_seconds) blocked = &mech;
      if (blocked) {
        judge.undecided(*blocked->declared_by, blocked->span, blocked->blocked);
        continue;
      }
      std::vector<RelatedLocation> related{
          a.related(*promise, "the agreement promises to lose at most " +
                                  agreement::format_duration(promise->seconds) + " of data")};
      std::string rpo_text = agreement::format_duration(promise->seconds);
      if (!best) {
        std::string why = backups.own_text.empty() ? "nothing backs it up"
                                                   : backups.own_text + " and no backup plan selects it";
        judge.fail(*r, m, backups.own.span_or(r->resource->span),
                   "The agreement promises a recovery point objective of " + rpo_text + " (" +
                       a.where(promise->span) + ") but " + r->address() + " has no backup at all (" + why +
                       ")",
                   std::move(related));
        continue;
      }
      if (best->declared_by != r)
        related.push_back(RelatedLocation{r->resource->location(), "the data store"});
      judge.fail(*best->declared_by, m, best->span,
                 "The agreement promises a recovery point objective of " + rpo_text + " (" +
                     a.where(promise->span) + ") but the most frequent backup of " + r->address() +
                     " runs every " + seconds_text(*best->interval_seconds) + " (" + best->description + ")",
                 std::move(related));
    }
  }
}

// CL-0971 ops.x-backup-retention
void backup_retention(const NativeCheckContext &ctx) {
  if (!has_agreement(ctx.project())) return;
  const ResourceIndex &index = resource_index(ctx.project());
  Judge judge(ctx);
  for (const AgreementView &a : agreements(ctx.project())) {
    auto promise = a.duration("reliability.backup.retention");
    if (!promise) continue;
    double promised_days = static_cast<double>(promise->seconds) / agreement::kSecondsPerDay;
    Binding binding(a, index);
    for (const auto &[r, m] : binding.scope([](const IndexedResource &r) { return r.data_bearing; })) {
      StoreBackups backups = backups_of(index, *r);
      if (!backups.judged || backups.mechanisms.empty()) continue;  // no backup at all: ops.x-rpo
      const BackupMechanism *best = best_of(backups.mechanisms, /*by_interval=*/false);
      if (best && *best->retention_days >= promised_days) {
        judge.pass();
        continue;
      }
      const BackupMechanism *blocked = nullptr;
      for (const auto &mech : backups.mechanisms)
        if (!mech.retention_days) blocked = &mech;
      if (blocked) {
        judge.undecided(*blocked->declared_by, blocked->retention_span, blocked->blocked);
        continue;
      }
      if (!best) continue;
      std::vector<RelatedLocation> related{
          a.related(*promise, "the agreement promises backups are kept " + days_text(promised_days))};
      if (best->declared_by != r)
        related.push_back(RelatedLocation{r->resource->location(), "the data store"});
      judge.fail(*best->declared_by, m, best->retention_span,
                 "The agreement promises backups are kept " + days_text(promised_days) + " (" +
                     a.where(promise->span) + ") but the longest-kept backup of " + r->address() +
                     " is kept " + days_text(*best->retention_days) + " (" + best->description + ")",
                 std::move(related));
    }
  }
}

bool is_restore_test(const IndexedResource &r) {
  return r.type() == "aws_backup_restore_testing_plan" ||
         r.type() == "aws_backup_restore_testing_selection" || r.type() == "AWS::Backup::RestoreTestingPlan";
}

// CL-0972 ops.x-restore-test
void restore_test(const NativeCheckContext &ctx) {
  if (!has_agreement(ctx.project())) return;
  const ResourceIndex &index = resource_index(ctx.project());
  Judge judge(ctx);
  for (const AgreementView &a : agreements(ctx.project())) {
    auto every = a.duration("reliability.backup.restoreTestEvery");
    if (!every) continue;
    Binding binding(a, index);
    // Only AWS declares restore tests as infrastructure.
    auto aws_store = [](const IndexedResource &r) {
      return r.data_bearing && r.family == ProviderFamily::Aws;
    };
    auto stores = binding.scope(aws_store);
    if (stores.empty()) continue;
    bool tested = false;
    for (const auto &r : index.resources()) tested = tested || is_restore_test(r);
    if (tested) {
      judge.pass();
      continue;
    }
    const IndexedResource &example = *stores.front().first;
    judge.fail_at_agreement(
        a, every->span,
        "The agreement promises a restore test every " + agreement::format_duration(every->seconds) +
            " but the infrastructure declares no restore testing (aws_backup_restore_testing_plan) for its "
            "AWS "
            "data stores",
        {RelatedLocation{example.resource->location(),
                         "a data store whose restores are promised to be tested: " + example.address()}});
  }
}

struct Lifetime {
  const IndexedResource *at = nullptr;
  Span span;
  std::optional<double> days;  // kForever: never deleted
  std::string blocked;
  std::string description;
};

// How long each backup a resource defines may live.
std::vector<Lifetime> backup_lifetimes(const IndexedResource &r) {
  std::vector<Lifetime> out;
  const Node *b = r.body();
  auto days_attr = [&](const Attribute &a, const Span &fallback, double absent, const std::string &what,
                       double scale) {
    Lifetime l;
    l.at = &r;
    l.span = a.span_or(fallback);
    if (a.unknown()) {
      l.blocked = a.blocked_by();
    } else if (a.absent()) {
      l.days = absent;
    } else if (auto n = a.as_number()) {
      l.days = *n * scale;
    } else {
      l.blocked = a.node->scalar_text();
    }
    l.description = what + (a.known() ? " = " + a.node->scalar_text() : " is not set");
    out.push_back(l);
  };
  if (r.type() == "aws_backup_plan") {
    for (const Node *rule : read_attribute(b, "rule", kFirstElement).elements()) {
      days_attr(read_attribute(rule, "lifecycle.delete_after", kFirstElement), rule->span, kForever,
                "lifecycle.delete_after", 1);
      for (const Node *copy : read_attribute(rule, "copy_action", kFirstElement).elements())
        days_attr(read_attribute(copy, "lifecycle.delete_after", kFirstElement), copy->span, kForever,
                  "copy_action lifecycle.delete_after", 1);
    }
  } else if (r.type() == "AWS::Backup::BackupPlan") {
    for (const Node *rule :
         read_attribute(b, "Properties.BackupPlan.BackupPlanRule", kFirstElement).elements())
      days_attr(read_attribute(rule, "Lifecycle.DeleteAfterDays", kFirstElement), rule->span, kForever,
                "Lifecycle.DeleteAfterDays", 1);
  } else if (r.type() == "aws_db_instance" || r.type() == "aws_rds_cluster") {
    // Automated backups retained after the instance is deleted.
    Attribute keep = read_attribute(b, "delete_automated_backups", kFirstElement);
    if (keep.known() && keep.as_bool() == false)
      days_attr(read_attribute(b, "backup_retention_period", kFirstElement), keep.span_or(r.resource->span),
                1, "delete_automated_backups = false keeps automated backups for backup_retention_period", 1);
  } else if (r.type() == "AWS::RDS::DBInstance") {
    Attribute keep = read_attribute(b, "Properties.DeleteAutomatedBackups", kFirstElement);
    if (keep.known() && keep.as_bool() == false)
      days_attr(read_attribute(b, "Properties.BackupRetentionPeriod", kFirstElement),
                keep.span_or(r.resource->span), 1,
                "DeleteAutomatedBackups: false keeps automated backups for BackupRetentionPeriod", 1);
  } else if (r.type() == "AWS::RDS::DBCluster") {
    // CloudFormation has no DeleteAutomatedBackups for a cluster: deleting
    // it deletes its automated backups.
    out.push_back(Lifetime{&r, r.resource->span, 0.0, "", "automated backups are deleted with the cluster"});
  } else if (r.type() == "azurerm_mssql_database") {
    for (const char *k : {"weekly_retention", "monthly_retention", "yearly_retention"}) {
      Attribute a = read_attribute(b, std::string("long_term_retention_policy.") + k, kFirstElement);
      if (a.absent()) continue;
      Lifetime l;
      l.at = &r;
      l.span = a.span_or(r.resource->span);
      l.description = std::string(k) + " = " + a.node->scalar_text();
      if (auto s = agreement::parse_duration_seconds(*a.node))
        l.days = static_cast<double>(*s) / agreement::kSecondsPerDay;
      else
        l.blocked = a.unknown() ? a.blocked_by() : a.node->scalar_text();
      out.push_back(l);
    }
  } else if (r.type() == "azurerm_backup_policy_vm") {
    const std::pair<const char *, double> kinds[] = {{"retention_daily.count", 1},
                                                     {"retention_weekly.count", 7},
                                                     {"retention_monthly.count", 30},
                                                     {"retention_yearly.count", 365}};
    for (const auto &[path, scale] : kinds) {
      Attribute a = read_attribute(b, path, kFirstElement);
      if (!a.absent()) days_attr(a, r.resource->span, 0, path, scale);
    }
  } else if (r.type() == "azurerm_cosmosdb_account") {
    Attribute hours = read_attribute(b, "backup.retention_in_hours", kFirstElement);
    if (!hours.absent()) days_attr(hours, r.resource->span, 0, "backup.retention_in_hours", 1.0 / 24);
  }
  return out;
}

bool defines_backups(const IndexedResource &r) {
  static const char *const kTypes[] = {
      "aws_backup_plan",        "AWS::Backup::BackupPlan",  "aws_db_instance",
      "aws_rds_cluster",        "AWS::RDS::DBInstance",     "AWS::RDS::DBCluster",
      "azurerm_mssql_database", "azurerm_backup_policy_vm", "azurerm_cosmosdb_account"};
  for (const char *t : kTypes)
    if (r.type() == t) return true;
  return false;
}

// CL-1571 rm.x-backup-outlives
void backup_outlives(const NativeCheckContext &ctx) {
  if (!has_agreement(ctx.project())) return;
  const ResourceIndex &index = resource_index(ctx.project());
  Judge judge(ctx);
  for (const AgreementView &a : agreements(ctx.project())) {
    auto purge = a.duration("dataManagement.deletion.backupsPurgedWithin");
    if (!purge) continue;
    Promised includes = a.field("dataManagement.deletion.includesBackups");
    if (includes.node && includes.node->kind == NodeKind::Bool && !includes.node->boolean) continue;
    double promised_days = static_cast<double>(purge->seconds) / agreement::kSecondsPerDay;
    Binding binding(a, index);
    for (const auto &[r, m] : binding.scope(defines_backups)) {
      for (const Lifetime &l : backup_lifetimes(*r)) {
        if (!l.days) {
          judge.undecided(*r, l.span, l.blocked);
          continue;
        }
        if (*l.days <= promised_days) {
          judge.pass();
          continue;
        }
        std::string kept = std::isinf(*l.days) ? "never expire" : "are kept " + days_text(*l.days);
        judge.fail(*r, m, l.span,
                   "The agreement promises backups are purged within " + days_text(promised_days) + " (" +
                       a.where(purge->span) + ") but backups defined here " + kept + " (" + l.description +
                       "), so deleted customer data survives in them",
                   {a.related(*purge, "the agreement promises backups are purged within " +
                                          days_text(promised_days))});
      }
    }
  }
}

const NativeCheckRegistrar reg_rpo("CL-0970", &rpo);
const NativeCheckRegistrar reg_retention("CL-0971", &backup_retention);
const NativeCheckRegistrar reg_restore("CL-0972", &restore_test);
const NativeCheckRegistrar reg_outlives("CL-1571", &backup_outlives);

}  // namespace
}  // namespace clause::crossdoc
