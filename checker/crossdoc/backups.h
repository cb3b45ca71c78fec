#pragma once
// How a data store is backed up, read from its own settings and from the
// AWS Backup plans that select it: for each mechanism how often it takes a
// recovery point and how long it keeps it. Shared by the RPO and retention
// rules.
//  - own, as data: the catalogue's `backup` facts (catalogue/resources.yaml):
//    RDS / Aurora / DocumentDB `backup_retention_period` (> 0: point-in-time
//    recovery; API default 1 day), Redshift automated snapshots, Azure
//    flexible servers and SQL databases (always continuous, 7 days unless
//    set), and their CloudFormation equivalents;
//  - own, as code (more than one attribute to read): DynamoDB
//    `point_in_time_recovery`, EFS `aws_efs_backup_policy` (CloudFormation
//    `BackupPolicy`), Cloud SQL `backup_configuration`, Cosmos DB `backup`;
//  - AWS Backup: `aws_backup_selection` (by `resources` reference or ARN,
//    `selection_tag`, or "*") -> `aws_backup_plan` rules (`schedule` cron,
//    `lifecycle.delete_after`, `enable_continuous_backup`); in CloudFormation
//    `AWS::Backup::BackupSelection` (`Resources` as `Ref`/`Fn::GetAtt`, ARN or
//    "*", `ListOfTags`, `Conditions.StringEquals` on `aws:ResourceTag/...`) ->
//    `AWS::Backup::BackupPlan` `BackupPlanRule` (`ScheduleExpression`,
//    `Lifecycle.DeleteAfterDays`, `EnableContinuousBackup`). A plan selects
//    stores of either format: AWS Backup works on the account.
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "checker/crossdoc/resource_index.h"
#include "checker/model/attribute.h"

namespace clause::crossdoc {

inline constexpr double kForever = std::numeric_limits<double>::infinity();
// Point-in-time recovery restores to within about five minutes.
inline constexpr double kContinuousSeconds = 5 * 60;

struct BackupMechanism {
  const IndexedResource *declared_by = nullptr;  // the store, or the backup plan
  Span span;                                     // the setting deciding the interval (or the rule block)
  Span retention_span;                           // the setting deciding the retention
  std::optional<double> interval_seconds;        // between recovery points; nullopt: unknown
  std::optional<double> retention_days;          // kForever when nothing expires them; nullopt: unknown
  std::string description;                       // "point-in-time recovery (backup_retention_period = 7)"
  std::string blocked;                           // what is unknown, when something is
};

struct StoreBackups {
  bool judged = false;  // the store type has backups to judge
  std::vector<BackupMechanism> mechanisms;
  // The store's own backup setting (its retention), for locating findings;
  // absent when not written.
  Attribute own;
  std::string own_text;  // "backup_retention_period = 0", "point_in_time_recovery is not enabled"
};

StoreBackups backups_of(const ResourceIndex &index, const IndexedResource &store);

// The interval between runs of an AWS Backup schedule expression
// (`cron(0 5 ? * * *)` -> one day); nullopt when it cannot be read.
std::optional<double> backup_schedule_interval(const std::string &expression);

}  // namespace clause::crossdoc
