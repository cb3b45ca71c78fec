#include "checker/crossdoc/copies.h"
#include "checker/model/attribute.h"
#include "checker/model/unknown.h"

#include "checker/catalogue/provider_catalogue.h"
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
  void to_resource(const IndexedResource &owner, const IndexedResource *source, const Attribute &value,
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
      c.destination_name = value.node->is_string() ? value.node->text : unknown_input(*value.node);
      c.destination = unknown_at(
          owner.family, owner, c.span,
          targets.empty() ? "the location of " + c.destination_name + ", which is not declared in this scan"
                          : "which of several resources " + c.destination_name + " is");
    }
    out_.push_back(std::move(c));
  }

  // A copy into a region named by `value`.
  void to_region(const IndexedResource &owner, const Attribute &value, ProviderFamily family,
                 const char *what, bool backup) {
    if (value.absent()) return;
    DataCopy c = base(owner, nullptr, value, what, backup);
    if (auto s = value.as_string()) {
      c.destination_name = *s;
      c.destination = known_at(family, *s, owner, c.span, "its " + std::string(what) + " setting");
    } else {
      c.destination_name = value.node->text;
      c.destination = unknown_at(family, owner, c.span, value.blocked_by());
    }
    out_.push_back(std::move(c));
  }

  // Azure geo-redundancy: the paired region of the resource's own.
  void to_pair(const IndexedResource &owner, const Attribute &setting, const char *what, bool backup) {
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

  DataCopy base(const IndexedResource &owner, const IndexedResource *source, const Attribute &value,
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
    static const std::vector<catalogue::CopyFacts> kNone;
    const catalogue::ResourceFacts *facts = catalogue::provider_catalogue().find(r.resource->format, t);
    // Copies into a region the resource names, as the catalogue lists them.
    for (const catalogue::CopyFacts &c : facts ? facts->copies : kNone) {
      if (c.each.empty()) {
        collect.to_region(r, read_attribute(body, c.region, kFirstElement), r.family, c.what.c_str(),
                          c.backup);
        continue;
      }
      for (const Node *element : read_attribute(body, c.each, kFirstElement).elements())
        collect.to_region(r, read_attribute(element, c.region, kFirstElement), r.family, c.what.c_str(),
                          c.backup);
    }
    if (t == "aws_s3_bucket_replication_configuration") {
      Attribute bucket = read_attribute(body, "bucket", kFirstElement);
      const IndexedResource *source =
          bucket.node ? single(index.referenced(r, *bucket.node, {"aws_s3_bucket"})) : nullptr;
      for (const Node *rule : read_attribute(body, "rule", kFirstElement).elements())
        for (const Node *dest : read_attribute(rule, "destination", kFirstElement).elements())
          collect.to_resource(r, source, read_attribute(dest, "bucket", kFirstElement), {"aws_s3_bucket"},
                              "replica", false);
    } else if (t == "aws_s3_bucket") {
      for (const Node *rc : read_attribute(body, "replication_configuration", kFirstElement).elements())
        for (const Node *rule : read_attribute(rc, "rules", kFirstElement).elements())
          for (const Node *dest : read_attribute(rule, "destination", kFirstElement).elements())
            collect.to_resource(r, &r, read_attribute(dest, "bucket", kFirstElement), {"aws_s3_bucket"},
                                "replica", false);
    } else if (t == "AWS::S3::Bucket") {
      for (const Node *rule :
           read_attribute(body, "Properties.ReplicationConfiguration.Rules", kFirstElement).elements())
        collect.to_resource(r, &r, read_attribute(rule, "Destination.Bucket", kFirstElement),
                            {"AWS::S3::Bucket"}, "replica", false);
    } else if (t == "aws_backup_plan") {
      for (const Node *rule : read_attribute(body, "rule", kFirstElement).elements())
        for (const Node *copy : read_attribute(rule, "copy_action", kFirstElement).elements())
          collect.to_resource(r, nullptr, read_attribute(copy, "destination_vault_arn", kFirstElement),
                              {"aws_backup_vault"}, "backup copy", true);
    } else if (t == "AWS::Backup::BackupPlan") {
      for (const Node *rule :
           read_attribute(body, "Properties.BackupPlan.BackupPlanRule", kFirstElement).elements())
        for (const Node *copy : read_attribute(rule, "CopyActions", kFirstElement).elements())
          collect.to_resource(r, nullptr, read_attribute(copy, "DestinationBackupVaultArn", kFirstElement),
                              {"AWS::Backup::BackupVault"}, "backup copy", true);
    } else if (t == "azurerm_storage_account") {
      Attribute type = read_attribute(body, "account_replication_type", kFirstElement);
      if (auto s = type.as_string(); s && (*s == "GRS" || *s == "RAGRS" || *s == "GZRS" || *s == "RAGZRS"))
        collect.to_pair(r, type, "geo-redundant copy", false);
    } else if (t == "azurerm_postgresql_flexible_server" || t == "azurerm_mysql_flexible_server") {
      Attribute geo = read_attribute(body, "geo_redundant_backup_enabled", kFirstElement);
      if (geo.as_bool().value_or(false)) collect.to_pair(r, geo, "geo-redundant backup", true);
    }
  }
  return out;
}

}  // namespace clause::crossdoc
