#include "checker/crossdoc/copies.h"

#include "checker/geo/region_pairs.h"

namespace clause::crossdoc {
namespace {

EffectiveLocation known_at(ProviderFamily family, std::string region, const IndexedResource &owner,
                           const Span &span, std::string via) {
  EffectiveLocation l;
  l.state = EffectiveLocation::State::Known;
  l.family = family;
  l.region = std::move(region);
  l.doc = &owner.document();
  l.span = span;
  l.via = std::move(via);
  return l;
}

EffectiveLocation unknown_at(ProviderFamily family, const IndexedResource &owner, const Span &span,
                             std::string blocked_by) {
  EffectiveLocation l;
  l.state = EffectiveLocation::State::Unknown;
  l.family = family;
  l.doc = &owner.document();
  l.span = span;
  l.blocked_by = std::move(blocked_by);
  return l;
}

// The region inside an ARN (`arn:aws:backup:eu-west-1:123:backup-vault:x`).
std::string arn_region(const std::string &arn) {
  if (arn.rfind("arn:", 0) != 0) return "";
  size_t a = arn.find(':', 4);                                   // after partition
  size_t b = a == std::string::npos ? a : arn.find(':', a + 1);  // after service
  size_t c = b == std::string::npos ? b : arn.find(':', b + 1);  // after region
  if (c == std::string::npos) return "";
  return arn.substr(b + 1, c - b - 1);
}

class Collector {
 public:
  Collector(const ResourceIndex &index, std::vector<DataCopy> &out) : index_(index), out_(out) {}

  // A copy into another resource (bucket, vault) named by `value`.
  void to_resource(const IndexedResource &owner, const IndexedResource *source, const Attr &value,
                   std::initializer_list<std::string_view> types, const char *what, bool backup) {
    if (value.absent()) return;
    DataCopy c = base(owner, source, value, what, backup);
    auto targets = index_.referenced(owner, *value.node, types);
    if (targets.size() == 1) {
      c.destination = targets[0]->location;
      c.destination_name = targets[0]->address();
    } else if (value.known() && !arn_region(value.node->scalar_text()).empty()) {
      c.destination_name = value.node->scalar_text();
      c.destination = known_at(ProviderFamily::Aws, arn_region(c.destination_name), owner, c.span,
                               "the region in the destination's ARN");
    } else {
      c.destination_name = value.node->is_string() ? value.node->text : unknown_text(*value.node);
      c.destination = unknown_at(
          owner.family, owner, c.span,
          targets.empty() ? "the location of " + c.destination_name + ", which is not declared in this scan"
                          : "which of several resources " + c.destination_name + " is");
    }
    out_.push_back(std::move(c));
  }

  // A copy into a region named by `value`.
  void to_region(const IndexedResource &owner, const Attr &value, ProviderFamily family, const char *what,
                 bool backup) {
    if (value.absent()) return;
    DataCopy c = base(owner, nullptr, value, what, backup);
    if (auto s = value.string()) {
      c.destination_name = *s;
      c.destination = known_at(family, *s, owner, c.span, "its " + std::string(what) + " setting");
    } else {
      c.destination_name = value.node->text;
      c.destination = unknown_at(family, owner, c.span, value.blocked_by());
    }
    out_.push_back(std::move(c));
  }

  // Azure geo-redundancy: the paired region of the resource's own.
  void to_pair(const IndexedResource &owner, const Attr &setting, const char *what, bool backup) {
    DataCopy c = base(owner, nullptr, setting, what, backup);
    const EffectiveLocation &own = owner.location;
    if (!own.known()) {
      c.destination = unknown_at(ProviderFamily::Azure, owner, c.span,
                                 own.blocked_by.empty() ? "its location" : own.blocked_by);
    } else if (auto pair = geo::azure_paired_region(own.region)) {
      c.destination_name = *pair;
      c.destination =
          known_at(ProviderFamily::Azure, *pair, owner, c.span, "the region paired with " + own.region);
    } else {
      c.destination =
          unknown_at(ProviderFamily::Azure, owner, c.span,
                     "the region paired with " + own.region + ", which clause's tables do not know");
    }
    out_.push_back(std::move(c));
  }

 private:
  const ResourceIndex &index_;
  std::vector<DataCopy> &out_;

  DataCopy base(const IndexedResource &owner, const IndexedResource *source, const Attr &value,
                const char *what, bool backup) {
    DataCopy c;
    c.owner = &owner;
    c.source = source;
    c.span = value.span_or(owner.resource->span);
    c.what = what;
    c.backup = backup;
    return c;
  }
};

const IndexedResource *single(const std::vector<const IndexedResource *> &v) {
  return v.size() == 1 ? v[0] : nullptr;
}

}  // namespace

std::vector<DataCopy> data_copies(const ResourceIndex &index) {
  std::vector<DataCopy> out;
  Collector collect(index, out);
  for (const auto &r : index.resources()) {
    const Node *body = r.body();
    const std::string &t = r.type();
    if (t == "aws_s3_bucket_replication_configuration") {
      Attr bucket = attr(body, "bucket");
      const IndexedResource *source =
          bucket.node ? single(index.referenced(r, *bucket.node, {"aws_s3_bucket"})) : nullptr;
      for (const Node *rule : elements(body, "rule"))
        for (const Node *dest : elements(rule, "destination"))
          collect.to_resource(r, source, attr(dest, "bucket"), {"aws_s3_bucket"}, "replica", false);
    } else if (t == "aws_s3_bucket") {
      for (const Node *rc : elements(body, "replication_configuration"))
        for (const Node *rule : elements(rc, "rules"))
          for (const Node *dest : elements(rule, "destination"))
            collect.to_resource(r, &r, attr(dest, "bucket"), {"aws_s3_bucket"}, "replica", false);
    } else if (t == "AWS::S3::Bucket") {
      for (const Node *rule : elements(body, "Properties.ReplicationConfiguration.Rules"))
        collect.to_resource(r, &r, attr(rule, "Destination.Bucket"), {"AWS::S3::Bucket"}, "replica", false);
    } else if (t == "aws_backup_plan") {
      for (const Node *rule : elements(body, "rule"))
        for (const Node *copy : elements(rule, "copy_action"))
          collect.to_resource(r, nullptr, attr(copy, "destination_vault_arn"), {"aws_backup_vault"},
                              "backup copy", true);
    } else if (t == "AWS::Backup::BackupPlan") {
      for (const Node *rule : elements(body, "Properties.BackupPlan.BackupPlanRule"))
        for (const Node *copy : elements(rule, "CopyActions"))
          collect.to_resource(r, nullptr, attr(copy, "DestinationBackupVaultArn"),
                              {"AWS::Backup::BackupVault"}, "backup copy", true);
    } else if (t == "aws_dynamodb_table") {
      for (const Node *replica : elements(body, "replica"))
        collect.to_region(r, attr(replica, "region_name"), ProviderFamily::Aws, "replica", false);
    } else if (t == "AWS::DynamoDB::GlobalTable") {
      for (const Node *replica : elements(body, "Properties.Replicas"))
        collect.to_region(r, attr(replica, "Region"), ProviderFamily::Aws, "replica", false);
    } else if (t == "azurerm_storage_account") {
      Attr type = attr(body, "account_replication_type");
      if (auto s = type.string(); s && (*s == "GRS" || *s == "RAGRS" || *s == "GZRS" || *s == "RAGZRS"))
        collect.to_pair(r, type, "geo-redundant copy", false);
    } else if (t == "azurerm_postgresql_flexible_server" || t == "azurerm_mysql_flexible_server") {
      Attr geo = attr(body, "geo_redundant_backup_enabled");
      if (geo.boolean().value_or(false)) collect.to_pair(r, geo, "geo-redundant backup", true);
    } else if (t == "azurerm_cosmosdb_account") {
      for (const Node *geo : elements(body, "geo_location"))
        collect.to_region(r, attr(geo, "location"), ProviderFamily::Azure, "replica", false);
    } else if (t == "google_sql_database_instance") {
      collect.to_region(r, attr(body, "settings.backup_configuration.location"), ProviderFamily::Google,
                        "backup", true);
    }
  }
  return out;
}

}  // namespace clause::crossdoc
