#pragma once
// Copies of data that land somewhere of their own: replicas and backup
// copies, with where each lands. Shared by the residency and disaster-
// recovery rules.
//  - aws_s3_bucket_replication_configuration rule[].destination.bucket (and
//    the inline replication_configuration of aws_s3_bucket; CloudFormation
//    ReplicationConfiguration.Rules[].Destination.Bucket): the destination
//    bucket's location;
//  - aws_backup_plan rule[].copy_action[].destination_vault_arn
//    (CloudFormation CopyActions[].DestinationBackupVaultArn): the vault's
//    location, or the region inside a literal ARN;
//  - as data, the catalogue's `copies` (catalogue/resources.yaml):
//    aws_dynamodb_table replica[].region_name, CloudFormation
//    AWS::DynamoDB::GlobalTable Replicas[].Region, azurerm_cosmosdb_account
//    geo_location[].location, google_sql_database_instance
//    settings.backup_configuration.location;
//  - azurerm_storage_account account_replication_type GRS/RA-GRS/GZRS/RA-GZRS
//    and azurerm_{postgresql,mysql}_flexible_server
//    geo_redundant_backup_enabled: the paired region.
#include <string>
#include <vector>

#include "checker/crossdoc/attributes.h"
#include "checker/crossdoc/effective_location.h"
#include "checker/crossdoc/resource_index.h"

namespace clause::crossdoc {

struct DataCopy {
  const IndexedResource *owner = nullptr;   // the resource that declares the copy
  const IndexedResource *source = nullptr;  // the data copied (a bucket), nullptr when it is `owner`'s own
  Span span;                                // the attribute that sends the copy away
  EffectiveLocation destination;            // Unknown when it cannot be known
  std::string what;                         // "replica", "backup copy", "geo-redundant copy"
  std::string destination_name;             // "aws_s3_bucket.replica", "eu-west-1", an ARN
  bool backup = false;                      // a backup copy (appliesTo: backups) rather than a replica

  // The resource whose binding decides whether the copy is in scope.
  const IndexedResource &subject() const { return source ? *source : *owner; }
};

std::vector<DataCopy> data_copies(const ResourceIndex &index);

}  // namespace clause::crossdoc
