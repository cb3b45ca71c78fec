// The provider catalogue (catalogue/resources.yaml): what the built-in file
// says, and that a malformed catalogue is refused with its line.
#include "checker/catalogue/provider_catalogue.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace clause::catalogue {
namespace {

std::string parse_error(const std::string &text) {
  try {
    ProviderCatalogue::parse(text, "c.yaml");
  } catch (const std::runtime_error &e) {
    return e.what();
  }
  return "";
}

TEST(ProviderCatalogue, BuiltInFileNamesDataStoresAndNameAttributes) {
  const ProviderCatalogue &c = provider_catalogue();
  EXPECT_TRUE(c.holds_data(DocKind::Terraform, "aws_s3_bucket"));
  EXPECT_TRUE(c.holds_data(DocKind::TerraformPlan, "google_sql_database_instance"));
  EXPECT_TRUE(c.holds_data(DocKind::CloudFormation, "AWS::DynamoDB::GlobalTable"));
  EXPECT_TRUE(c.holds_data(DocKind::Kubernetes, "StatefulSet"));
  EXPECT_FALSE(c.holds_data(DocKind::Kubernetes, "Deployment"));
  EXPECT_FALSE(c.holds_data(DocKind::CloudFormation, "aws_s3_bucket"));  // a Terraform type
  // Known for how others name it, but holds no data of its own.
  ASSERT_NE(c.find(DocKind::Terraform, "aws_kms_key"), nullptr);
  EXPECT_FALSE(c.holds_data(DocKind::Terraform, "aws_kms_key"));
  EXPECT_EQ(c.find(DocKind::Terraform, "aws_s3_bucket")->name, "bucket");
  EXPECT_EQ(c.find(DocKind::Terraform, "aws_s3_bucket")->provider, "aws");
  EXPECT_EQ(c.find(DocKind::CloudFormation, "AWS::S3::Bucket")->name, "Properties.BucketName");
  EXPECT_EQ(c.find(DocKind::Terraform, "aws_sqs_queue")->name, "");
  // The customer-managed key attribute of the primary stores only.
  EXPECT_EQ(c.find(DocKind::Terraform, "aws_dynamodb_table")->key, "server_side_encryption.kms_key_arn");
  EXPECT_EQ(c.find(DocKind::CloudFormation, "AWS::EC2::Volume")->key, "Properties.KmsKeyId");
  EXPECT_EQ(c.find(DocKind::Terraform, "aws_sqs_queue")->key, "");
  EXPECT_EQ(c.find(DocKind::Terraform, "aws_instance"), nullptr);
}

TEST(ProviderCatalogue, DataStoreAliasesExpandToTheDataBearingTypes) {
  ProviderCatalogue c = ProviderCatalogue::parse(
      "terraform:\n  - {type: aws_kms_key, provider: aws}\n  - {type: aws_s3_bucket, provider: aws, data: "
      "true}\n"
      "  - {type: google_storage_bucket, provider: google, data: true}\n"
      "kubernetes:\n  - {type: StatefulSet, data: true}\n",
      "c.yaml");
  EXPECT_EQ(c.expand_alias(DocKind::Terraform, "@data-stores"),
            (std::vector<std::string>{"aws_s3_bucket", "google_storage_bucket"}));
  EXPECT_EQ(c.expand_alias(DocKind::TerraformPlan, "@data-stores/aws"),
            std::vector<std::string>{"aws_s3_bucket"});
  EXPECT_EQ(c.expand_alias(DocKind::Kubernetes, "@data-stores"), std::vector<std::string>{"StatefulSet"});
  auto error = [&](DocKind format, std::string_view alias) -> std::string {
    try {
      c.expand_alias(format, alias);
    } catch (const std::invalid_argument &e) {
      return e.what();
    }
    return "";
  };
  // No data store of that provider, no such provider, no provider part outside Terraform.
  EXPECT_EQ(error(DocKind::Terraform, "@data-stores/azurerm"),
            "unknown alias '@data-stores/azurerm' for terraform: the catalogue names \"@data-stores\" and "
            "\"@data-stores/<provider>\" (aws, azurerm, google)");
  EXPECT_NE(error(DocKind::Terraform, "@data-stores/"), "");
  EXPECT_NE(error(DocKind::Terraform, "@data-storesX"), "");
  EXPECT_EQ(error(DocKind::Kubernetes, "@data-stores/aws"),
            "unknown alias '@data-stores/aws' for kubernetes: the catalogue names \"@data-stores\"");
  // A format with no data store in this catalogue.
  EXPECT_NE(error(DocKind::CloudFormation, "@data-stores"), "");
  EXPECT_NE(error(DocKind::Agreement, "@data-stores"), "");
}

TEST(ProviderCatalogue, ProvidersPlaceAndTagTheirResources) {
  const ProviderCatalogue &c = provider_catalogue();
  const ProviderFacts *google = c.provider(DocKind::Terraform, "google");
  ASSERT_NE(google, nullptr);
  EXPECT_EQ(google->location, (std::vector<std::string>{"location", "region", "zone"}));
  EXPECT_EQ(google->provider_location, (std::vector<std::string>{"region", "zone"}));
  EXPECT_TRUE(c.provider(DocKind::TerraformPlan, "azurerm")->provider_location.empty());
  EXPECT_EQ(c.provider(DocKind::Terraform, "oci"), nullptr);
  // A type placed by one attribute of its own, not its provider's list.
  EXPECT_EQ(c.find(DocKind::Terraform, "google_compute_disk")->location, std::vector<std::string>{"zone"});
  EXPECT_TRUE(c.find(DocKind::Terraform, "google_storage_bucket")->location.empty());
  const ProviderFacts *cfn = c.provider(DocKind::CloudFormation, "");
  ASSERT_NE(cfn, nullptr);
  ASSERT_EQ(cfn->tags.size(), 1u);
  EXPECT_EQ(cfn->tags[0].path, "Properties.Tags");
  EXPECT_EQ(cfn->tags[0].shape, TagShape::KeyValueList);  // the format's own shape
  const ResourceFacts *asg = c.find(DocKind::Terraform, "aws_autoscaling_group");
  ASSERT_NE(asg, nullptr);
  ASSERT_EQ(asg->tags.size(), 1u);
  EXPECT_EQ(asg->tags[0].shape, TagShape::KeyValueBlocks);
  EXPECT_FALSE(asg->data);
}

TEST(ProviderCatalogue, MalformedProviderSectionsAreRefusedWithTheirLine) {
  const std::pair<const char *, const char *> cases[] = {
      {"providers:\n  terraform:\n    - {provider: google}\n    - {provider: aws}\n",
       "c.yaml:4:7: aws is out of order or listed twice: providers are sorted within a format, one entry "
       "outside "
       "Terraform"},
      {"providers:\n  kubernetes:\n    - {tags: [a]}\n    - {tags: [b]}\n",
       "c.yaml:4:7: this entry is out of order or listed twice: providers are sorted within a format, one "
       "entry "
       "outside Terraform"},
      {"providers:\n  terraform:\n    - {location: [region]}\n",
       "c.yaml:3:7: a Terraform entry needs its provider (aws, azurerm or google)"},
      {"providers:\n  terraform:\n    - {provider: aws, zone: [a]}\n",
       "c.yaml:3:23: unexpected field or value 'zone'"},
      {"providers:\n  terraform:\n    - {provider: aws, location: region}\n",
       "c.yaml:3:33: 'location' holds a list of names"},
      {"providers:\n  helm:\n    - {tags: [a]}\n", "c.yaml:2:3: unknown format 'helm'"},
      {"providers: [aws]\n", "c.yaml:1:12: 'providers' maps formats to lists of providers"},
      {"providers:\n  kubernetes: [tags]\n",
       "c.yaml:2:16: an entry is a mapping such as {provider: aws, location: [region]}"},
      {"kubernetes:\n  - {type: Pod, tags: [{path: a, shape: round}]}\n",
       "c.yaml:2:34: unexpected field or value 'shape' (a tag property is {path, shape: map, key-value-list "
       "or "
       "key-value-blocks})"},
      {"kubernetes:\n  - {type: Pod, tags: [{shape: map}]}\n", "c.yaml:2:24: a tag property needs its path"},
      {"providers:\n  terraform:\n    - {provider: aws, tags: [tags, {path: tag, shape: "
       "key-value-blocks}]}\n",
       ""},
  };
  for (const auto &[text, error] : cases) EXPECT_EQ(parse_error(text), error) << text;
}

TEST(ProviderCatalogue, BackupSettingsAndTheirDefaults) {
  const ProviderCatalogue &c = provider_catalogue();
  const ResourceFacts *db = c.find(DocKind::CloudFormation, "AWS::RDS::DBInstance");
  ASSERT_TRUE(db && db->backup);
  EXPECT_EQ(db->backup->retention, "Properties.BackupRetentionPeriod");
  EXPECT_EQ(db->backup->retention_default, 1);
  EXPECT_EQ(db->backup->off, 0);
  EXPECT_FALSE(db->backup->every_hours);  // continuous
  EXPECT_EQ(db->backup->unless, (std::vector<std::string>{"Properties.SourceDBInstanceIdentifier",
                                                          "Properties.DBClusterIdentifier"}));
  const ResourceFacts *redshift = c.find(DocKind::Terraform, "aws_redshift_cluster");
  ASSERT_TRUE(redshift && redshift->backup);
  EXPECT_EQ(redshift->backup->every_hours, 8);
  EXPECT_EQ(redshift->backup->what, "automated snapshots");
  const ResourceFacts *pg = c.find(DocKind::Terraform, "azurerm_postgresql_flexible_server");
  ASSERT_TRUE(pg && pg->backup);
  EXPECT_FALSE(pg->backup->off);  // always on
  EXPECT_EQ(pg->backup->retention_default, 7);

  const std::pair<const char *, const char *> cases[] = {
      {"kubernetes:\n  - {type: Pod, backup: {retention: keep}}\n",
       "c.yaml:2:25: 'backup' needs its retention attribute and its default"},
      {"kubernetes:\n  - {type: Pod, backup: {retention: keep, default: one}}\n",
       "c.yaml:2:43: unexpected field or value 'default' in backup"},
      {"kubernetes:\n  - {type: Pod, backup: {retention: keep, default: 1, every: daily}}\n",
       "c.yaml:2:55: unexpected field or value 'every' in backup"},
      {"kubernetes:\n  - {type: Pod, backup: keep}\n",
       "c.yaml:2:25: 'backup' is a mapping such as {retention: P, default: 1}"},
      {"kubernetes:\n  - {type: Pod, backup: {retention: keep, default: 1, every: 24h, off: 0, unless: "
       "[a]}}\n",
       ""},
  };
  for (const auto &[text, error] : cases) EXPECT_EQ(parse_error(text), error) << text;
}

TEST(ProviderCatalogue, CopiesNameTheirRegionAttribute) {
  const ProviderCatalogue &c = provider_catalogue();
  const ResourceFacts *table = c.find(DocKind::CloudFormation, "AWS::DynamoDB::GlobalTable");
  ASSERT_TRUE(table && table->copies.size() == 1u);
  EXPECT_EQ(table->copies[0].each, "Properties.Replicas");
  EXPECT_EQ(table->copies[0].region, "Region");
  EXPECT_EQ(table->copies[0].what, "replica");
  EXPECT_FALSE(table->copies[0].backup);
  const ResourceFacts *sql = c.find(DocKind::Terraform, "google_sql_database_instance");
  ASSERT_TRUE(sql && sql->copies.size() == 1u);
  EXPECT_EQ(sql->copies[0].each, "");  // the resource itself
  EXPECT_TRUE(sql->copies[0].backup);

  const std::pair<const char *, const char *> cases[] = {
      {"kubernetes:\n  - {type: Pod, copies: {region: r}}\n",
       "c.yaml:2:25: 'copies' holds a list of {each, region, what}"},
      {"kubernetes:\n  - {type: Pod, copies: [{each: r, what: replica}]}\n",
       "c.yaml:2:26: a copy needs its region attribute and what it is"},
      {"kubernetes:\n  - {type: Pod, copies: [{region: r, what: replica, backup: yes}]}\n",
       "c.yaml:2:53: unexpected field or value 'backup' in a copy"},
      {"kubernetes:\n  - {type: Pod, copies: [{region: r, what: backup, backup: true}]}\n", ""},
  };
  for (const auto &[text, error] : cases) EXPECT_EQ(parse_error(text), error) << text;
}

TEST(ProviderCatalogue, LogStoresKeepLogsForTheirRetention) {
  const ProviderCatalogue &c = provider_catalogue();
  const ResourceFacts *workspace = c.find(DocKind::Terraform, "azurerm_log_analytics_workspace");
  ASSERT_TRUE(workspace && workspace->logs);
  EXPECT_EQ(workspace->logs->retention, "retention_in_days");
  EXPECT_EQ(workspace->logs->retention_default, 30);
  EXPECT_EQ(workspace->logs->noun, "workspace");
  EXPECT_EQ(c.find(DocKind::CloudFormation, "AWS::Logs::LogGroup")->logs->retention_default,
            0);  // never expires
  EXPECT_FALSE(c.find(DocKind::Terraform, "aws_s3_bucket")->logs);

  const std::pair<const char *, const char *> cases[] = {
      {"kubernetes:\n  - {type: Pod, logs: {retention: days, default: 30}}\n",
       "c.yaml:2:23: 'logs' needs its retention attribute, its default and its noun"},
      {"kubernetes:\n  - {type: Pod, logs: {retention: days, default: -1, noun: pod}}\n",
       "c.yaml:2:41: unexpected field or value 'default' in logs"},
      {"kubernetes:\n  - {type: Pod, logs: [days]}\n",
       "c.yaml:2:23: 'logs' is a mapping {retention, default, noun}"},
      {"kubernetes:\n  - {type: Pod, logs: {retention: days, default: 0, noun: pod}}\n", ""},
  };
  for (const auto &[text, error] : cases) EXPECT_EQ(parse_error(text), error) << text;
}

TEST(ProviderCatalogue, TeardownNamesTheSettingThatDeletesTheData) {
  const ProviderCatalogue &c = provider_catalogue();
  const ResourceFacts *bucket = c.find(DocKind::Terraform, "aws_s3_bucket");
  ASSERT_TRUE(bucket && bucket->teardown);
  EXPECT_EQ(bucket->teardown->setting, "force_destroy");
  EXPECT_EQ(bucket->teardown->deletes, SettingValue(true));
  EXPECT_FALSE(bucket->teardown->default_value);  // not judged when not written
  EXPECT_EQ(bucket->teardown->effect, "destroying the bucket deletes every object in it");
  const ResourceFacts *table = c.find(DocKind::Terraform, "aws_dynamodb_table");
  ASSERT_TRUE(table && table->teardown);
  EXPECT_EQ(table->teardown->deletes, SettingValue(false));
  EXPECT_EQ(table->teardown->default_value, SettingValue(false));
  EXPECT_EQ(table->teardown->unless, std::vector<std::string>{"lifecycle.prevent_destroy"});
  EXPECT_EQ(c.find(DocKind::Terraform, "aws_efs_file_system")->teardown->setting, "");  // always deletes
  const ResourceFacts *db = c.find(DocKind::CloudFormation, "AWS::RDS::DBInstance");
  ASSERT_TRUE(db && db->teardown);
  EXPECT_EQ(db->teardown->deletes, SettingValue(std::string("Delete")));
  EXPECT_EQ(db->teardown->default_value, SettingValue(std::string("Snapshot")));
  EXPECT_FALSE(c.find(DocKind::Terraform, "aws_sqs_queue")->teardown);

  const std::pair<const char *, const char *> cases[] = {
      {"kubernetes:\n  - {type: Pod, teardown: gone}\n",
       "c.yaml:2:27: 'teardown' is a mapping such as {setting: P, deletes: true, effect: T}"},
      {"kubernetes:\n  - {type: Pod, teardown: {setting: s, effect: e}}\n",
       "c.yaml:2:27: 'teardown' needs its effect and either its setting with the value that deletes, or only "
       "what stops it (unless)"},
      {"kubernetes:\n  - {type: Pod, teardown: {setting: s, deletes: true}}\n",
       "c.yaml:2:27: 'teardown' needs its effect and either its setting with the value that deletes, or only "
       "what stops it (unless)"},
      {"kubernetes:\n  - {type: Pod, teardown: {deletes: true, unless: [u], effect: e}}\n",
       "c.yaml:2:27: 'teardown' needs its effect and either its setting with the value that deletes, or only "
       "what stops it (unless)"},
      {"kubernetes:\n  - {type: Pod, teardown: {setting: s, deletes: [x], effect: e}}\n",
       "c.yaml:2:40: unexpected field or value 'deletes' in teardown"},
      {"kubernetes:\n  - {type: Pod, teardown: {unless: [u], effect: e}}\n", ""},
      {"kubernetes:\n  - {type: Pod, teardown: {setting: s, deletes: Delete, default: Snapshot, effect: "
       "e}}\n",
       ""},
  };
  for (const auto &[text, error] : cases) EXPECT_EQ(parse_error(text), error) << text;
}

TEST(ProviderCatalogue, SoftDeleteKeepsDeletedDataRestorableForItsRetention) {
  const ProviderCatalogue &c = provider_catalogue();
  const ResourceFacts *bucket = c.find(DocKind::Terraform, "google_storage_bucket");
  ASSERT_TRUE(bucket && bucket->soft_delete.size() == 1u);
  EXPECT_EQ(bucket->soft_delete[0].within, "");  // always on
  EXPECT_EQ(bucket->soft_delete[0].retention, "soft_delete_policy.retention_duration_seconds");
  EXPECT_EQ(bucket->soft_delete[0].retention_default, 7);
  EXPECT_DOUBLE_EQ(bucket->soft_delete[0].unit_days, 1.0 / 86400);
  const ResourceFacts *account = c.find(DocKind::Terraform, "azurerm_storage_account");
  ASSERT_TRUE(account && account->soft_delete.size() == 2u);
  EXPECT_EQ(account->soft_delete[1].within, "blob_properties.container_delete_retention_policy");
  EXPECT_EQ(account->soft_delete[1].retention, "days");
  EXPECT_EQ(account->soft_delete[1].unit_days, 1);
  EXPECT_EQ(c.find(DocKind::Terraform, "aws_secretsmanager_secret")->soft_delete[0].what,
            "a deleted secret stays recoverable");
  EXPECT_TRUE(c.find(DocKind::CloudFormation, "AWS::SecretsManager::Secret")->soft_delete.empty());

  const std::pair<const char *, const char *> cases[] = {
      {"kubernetes:\n  - {type: Pod, soft_delete: {retention: r}}\n",
       "c.yaml:2:30: 'soft_delete' holds a list of {retention, default, what}"},
      {"kubernetes:\n  - {type: Pod, soft_delete: [{retention: r, default: 7}]}\n",
       "c.yaml:2:31: a soft delete needs its retention attribute, its default and what it does"},
      {"kubernetes:\n  - {type: Pod, soft_delete: [{retention: r, default: 7, unit: hours, what: w}]}\n",
       "c.yaml:2:58: unexpected field or value 'unit' in soft_delete"},
      {"kubernetes:\n  - {type: Pod, soft_delete: [{retention: r, default: -1, what: w}]}\n",
       "c.yaml:2:46: unexpected field or value 'default' in soft_delete"},
      {"kubernetes:\n  - {type: Pod, soft_delete: [{within: b, retention: r, default: 7, unit: seconds, "
       "what: "
       "w}]}\n",
       ""},
  };
  for (const auto &[text, error] : cases) EXPECT_EQ(parse_error(text), error) << text;
}

TEST(ProviderCatalogue, LocksNameWhatLocksThemAndThePeriodTheyKeep) {
  const ProviderCatalogue &c = provider_catalogue();
  const ResourceFacts *bucket = c.find(DocKind::Terraform, "aws_s3_bucket");
  ASSERT_TRUE(bucket && bucket->lock);
  EXPECT_EQ(bucket->lock->each, "object_lock_configuration.rule.default_retention");
  EXPECT_EQ(bucket->lock->when, "mode");
  EXPECT_EQ(bucket->lock->when_is, SettingValue(std::string("COMPLIANCE")));
  ASSERT_EQ(bucket->lock->keeps.size(), 2u);
  EXPECT_EQ(bucket->lock->keeps[0].path, "days");
  EXPECT_EQ(bucket->lock->keeps[0].unit_days, 1);
  EXPECT_EQ(bucket->lock->keeps[1].path, "years");
  EXPECT_EQ(bucket->lock->keeps[1].unit_days, 365);
  EXPECT_FALSE(bucket->lock->backups);
  const ResourceFacts *vault = c.find(DocKind::CloudFormation, "AWS::Backup::BackupVault");
  ASSERT_TRUE(vault && vault->lock);
  EXPECT_EQ(vault->lock->each, "");    // the resource itself
  EXPECT_FALSE(vault->lock->when_is);  // locked when ChangeableForDays is written
  EXPECT_TRUE(vault->lock->backups);   // it keeps recovery points
  const ResourceFacts *policy = c.find(DocKind::Terraform, "azurerm_storage_container_immutability_policy");
  ASSERT_TRUE(policy && policy->lock);
  EXPECT_FALSE(policy->data);  // the container's data is the storage account's
  EXPECT_EQ(policy->lock->when_is, SettingValue(true));
  EXPECT_DOUBLE_EQ(c.find(DocKind::Terraform, "google_storage_bucket")->lock->keeps[0].unit_days,
                   1.0 / 86400);

  const std::pair<const char *, const char *> cases[] = {
      {"kubernetes:\n  - {type: Pod, lock: [l]}\n",
       "c.yaml:2:23: 'lock' is a mapping such as {when: P, keeps: [days], what: T}"},
      {"kubernetes:\n  - {type: Pod, lock: {when: l, what: w}}\n",
       "c.yaml:2:23: 'lock' needs what locks it (when), the periods it keeps and what it keeps"},
      {"kubernetes:\n  - {type: Pod, lock: {when: l, keeps: d, what: w}}\n",
       "c.yaml:2:40: 'keeps' holds a list of periods"},
      {"kubernetes:\n  - {type: Pod, lock: {when: l, keeps: [{path: d, unit: weeks}], what: w}}\n",
       "c.yaml:2:51: unexpected field or value 'unit' in a period"},
      {"kubernetes:\n  - {type: Pod, lock: {when: l, keeps: [{unit: days}], what: w}}\n",
       "c.yaml:2:41: a period needs its path"},
      {"kubernetes:\n  - {type: Pod, lock: {when: l, keeps: [d], what: w, backups: 1}}\n",
       "c.yaml:2:54: unexpected field or value 'backups' in lock"},
      {"kubernetes:\n  - {type: Pod, lock: {each: a.b, when: l, is: on, keeps: [d, {path: y, unit: years}], "
       "what: w, backups: true}}\n",
       ""},
  };
  for (const auto &[text, error] : cases) EXPECT_EQ(parse_error(text), error) << text;
}

TEST(ProviderCatalogue, EncryptionNamesTheSwitchAndWhetherItIsOnByDefault) {
  const ProviderCatalogue &c = provider_catalogue();
  const ResourceFacts *db = c.find(DocKind::Terraform, "aws_db_instance");
  ASSERT_TRUE(db && db->encryption);
  EXPECT_EQ(db->encryption->setting, "storage_encrypted");
  EXPECT_FALSE(db->encryption->default_on);
  const ResourceFacts *queue = c.find(DocKind::CloudFormation, "AWS::SQS::Queue");
  ASSERT_TRUE(queue && queue->encryption);
  EXPECT_EQ(queue->encryption->setting, "Properties.SqsManagedSseEnabled");
  EXPECT_TRUE(queue->encryption->default_on);
  EXPECT_FALSE(c.find(DocKind::Terraform, "aws_s3_bucket")->encryption);  // encrypted whatever is written

  const std::pair<const char *, const char *> cases[] = {
      {"kubernetes:\n  - {type: Pod, encryption: on}\n",
       "c.yaml:2:29: 'encryption' is a mapping {setting: P, default: false}"},
      {"kubernetes:\n  - {type: Pod, encryption: {setting: s}}\n",
       "c.yaml:2:29: 'encryption' needs its setting and its default"},
      {"kubernetes:\n  - {type: Pod, encryption: {setting: s, default: no}}\n",
       "c.yaml:2:42: unexpected field or value 'default' in encryption"},
      {"kubernetes:\n  - {type: Pod, encryption: {setting: s, default: false}}\n", ""},
  };
  for (const auto &[text, error] : cases) EXPECT_EQ(parse_error(text), error) << text;
}

TEST(ProviderCatalogue, KeyDeletionWindowsAndTheirDefaults) {
  const ProviderCatalogue &c = provider_catalogue();
  const ResourceFacts *kms = c.find(DocKind::CloudFormation, "AWS::KMS::Key");
  ASSERT_TRUE(kms && kms->key_deletion);
  EXPECT_EQ(kms->key_deletion->window, "Properties.PendingWindowInDays");
  EXPECT_EQ(kms->key_deletion->window_default, 30);
  EXPECT_FALSE(kms->key_deletion->google_duration);
  EXPECT_FALSE(kms->data);  // a key holds no customer data of its own
  const ResourceFacts *google = c.find(DocKind::Terraform, "google_kms_crypto_key");
  ASSERT_TRUE(google && google->key_deletion);
  EXPECT_TRUE(google->key_deletion->google_duration);
  EXPECT_EQ(c.find(DocKind::Terraform, "azurerm_key_vault")->key_deletion->window_default, 90);

  const std::pair<const char *, const char *> cases[] = {
      {"kubernetes:\n  - {type: Pod, key_deletion: 30}\n",
       "c.yaml:2:31: 'key_deletion' is a mapping {window: P, default: 30}"},
      {"kubernetes:\n  - {type: Pod, key_deletion: {window: w}}\n",
       "c.yaml:2:31: 'key_deletion' needs its window attribute and its default"},
      {"kubernetes:\n  - {type: Pod, key_deletion: {window: w, default: 30, unit: hours}}\n",
       "c.yaml:2:56: unexpected field or value 'unit' in key_deletion"},
      {"kubernetes:\n  - {type: Pod, key_deletion: {window: w, default: 7, unit: google-duration}}\n", ""},
  };
  for (const auto &[text, error] : cases) EXPECT_EQ(parse_error(text), error) << text;
}

TEST(ProviderCatalogue, MalformedCataloguesAreRefusedWithTheirLine) {
  EXPECT_EQ(parse_error("terraform:\n  - {type: b, provider: aws}\n  - {type: a, provider: aws}\n"),
            "c.yaml:3:5: a is out of order or listed twice: types are sorted within a format");
  EXPECT_EQ(parse_error("terraform:\n  - {type: a, provider: aws}\n  - {type: a, provider: aws}\n"),
            "c.yaml:3:5: a is out of order or listed twice: types are sorted within a format");
  EXPECT_EQ(parse_error("terraform:\n  - {type: a}\n"),
            "c.yaml:2:5: a needs its provider (aws, azurerm or google)");
  EXPECT_EQ(parse_error("terraform:\n  - {type: a, provider: oci}\n"),
            "c.yaml:2:15: unexpected field or value 'provider'");
  EXPECT_EQ(parse_error("kubernetes:\n  - {type: Pod, data: yes please}\n"),
            "c.yaml:2:17: unexpected field or value 'data'");
  EXPECT_EQ(parse_error("helm:\n  - {type: x}\n"), "c.yaml:1:1: unknown format 'helm'");
  EXPECT_EQ(parse_error("kubernetes:\n  - {data: true}\n"), "c.yaml:2:5: an entry needs its type");
  EXPECT_EQ(parse_error("kubernetes: {type: Pod}\n"), "c.yaml:1:13: a format holds a list of resource types");
  EXPECT_EQ(parse_error("kubernetes:\n  - {type: PersistentVolumeClaim, data: true}\n"), "");
}

}  // namespace
}  // namespace clause::catalogue
