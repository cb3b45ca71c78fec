#include "checker/crossdoc/availability.h"

#include "checker/model/attribute.h"
#include "checker/model/unknown.h"

#include <set>

namespace clause::crossdoc {
namespace {

Standby yes() { return Standby{Standby::State::Yes, {}, "", ""}; }

Standby unknown_from(const Attribute &a) { return Standby{Standby::State::Unknown, a, "", a.blocked_by()}; }

Standby no(const Attribute &a, std::string actual) {
  return Standby{Standby::State::No, a, std::move(actual), ""};
}

std::string leaf(std::string_view path) {
  size_t dot = path.rfind('.');
  return std::string(dot == std::string_view::npos ? path : path.substr(dot + 1));
}

// A boolean setting that must be true (`absent_means` when not written).
Standby flag(const IndexedResource &r, std::string_view path, const char *absent_means) {
  Attribute a = read_attribute(r.body(), path, kFirstElement);
  if (a.unknown()) return unknown_from(a);
  if (a.as_bool().value_or(false)) return yes();
  return no(a, a.absent() ? leaf(path) + " is not set (" + absent_means + ")"
                          : leaf(path) + " is " + a.node->scalar_text());
}

// A string setting that must be one of `good`.
Standby one_of(const IndexedResource &r, std::string_view path, std::initializer_list<const char *> good,
               const char *absent_means) {
  Attribute a = read_attribute(r.body(), path, kFirstElement);
  if (a.unknown()) return unknown_from(a);
  if (auto s = a.as_string())
    for (const char *g : good)
      if (*s == g) return yes();
  return no(a, a.absent() ? leaf(path) + " is not set (" + absent_means + ")"
                          : leaf(path) + " is " + a.node->scalar_text());
}

// How many instances a resource block stands for: 1 for an evaluated
// instance, its literal `count` otherwise; nullopt when not known.
std::optional<double> instances(const IndexedResource &r) {
  if (!r.address().empty() && r.address().back() == ']') return 1;
  Attribute count = read_attribute(r.body(), "count", kFirstElement);
  if (count.absent()) return 1;
  return count.as_number();
}

bool any_referrer(const ResourceIndex &index, const IndexedResource &r, const char *type, const char *via) {
  return !index.referrers(r, type, via).empty();
}

}  // namespace

double availability_threshold(const Node *param) {
  return param && param->kind == NodeKind::Number ? param->number : 99.9;
}

bool has_zone_standby_rule(const std::string &type) {
  static const std::set<std::string, std::less<>> kTypes = {"aws_db_instance",
                                                            "aws_rds_cluster",
                                                            "aws_elasticache_replication_group",
                                                            "azurerm_postgresql_flexible_server",
                                                            "azurerm_mysql_flexible_server",
                                                            "azurerm_mssql_database",
                                                            "azurerm_storage_account",
                                                            "azurerm_redis_cache",
                                                            "google_sql_database_instance",
                                                            "google_redis_instance",
                                                            "AWS::RDS::DBInstance",
                                                            "AWS::RDS::DBCluster",
                                                            "AWS::ElastiCache::ReplicationGroup"};
  return kTypes.count(type) > 0;
}

Standby zone_standby(const ResourceIndex &index, const IndexedResource &r, bool promotable_replicas) {
  const std::string &t = r.type();
  const Node *body = r.body();
  if (t == "aws_db_instance") {
    if (!read_attribute(body, "replicate_source_db", kFirstElement).absent()) return Standby{};
    Standby s = flag(r, "multi_az", "single-AZ");
    if (s.state == Standby::State::No && promotable_replicas &&
        any_referrer(index, r, "aws_db_instance", "replicate_source_db"))
      return yes();
    return s;
  }
  if (t == "AWS::RDS::DBInstance") {
    if (!read_attribute(body, "Properties.DBClusterIdentifier", kFirstElement).absent() ||
        !read_attribute(body, "Properties.SourceDBInstanceIdentifier", kFirstElement).absent())
      return Standby{};
    return flag(r, "Properties.MultiAZ", "single-AZ");
  }
  if (t == "aws_rds_cluster") {
    if (!read_attribute(body, "db_cluster_instance_class", kFirstElement).absent())
      return yes();  // Multi-AZ DB cluster
    double total = 0;
    for (const IndexedResource *i : index.referrers(r, "aws_rds_cluster_instance", "cluster_identifier")) {
      auto n = instances(*i);
      if (!n) return unknown_from(read_attribute(i->body(), "count", kFirstElement));
      total += *n;
    }
    if (total >= 2) return yes();
    return no(Attribute{}, "has " + std::to_string(static_cast<int>(total)) +
                               " aws_rds_cluster_instance, so no replica can take over");
  }
  if (t == "AWS::RDS::DBCluster") {
    if (!read_attribute(body, "Properties.DBClusterInstanceClass", kFirstElement).absent())
      return yes();  // Multi-AZ DB cluster
    // Members name their cluster by Ref; one that names a cluster otherwise
    // (a literal identifier, an open parameter) may be this one's.
    size_t members = index.referrers(r, "AWS::RDS::DBInstance", "Properties.DBClusterIdentifier").size();
    if (members >= 2) return yes();
    for (const IndexedResource *i : index.of_type("AWS::RDS::DBInstance")) {
      Attribute named = read_attribute(i->body(), "Properties.DBClusterIdentifier", kFirstElement);
      if (named.present() && !intrinsic_target(*named.node)) {
        // The note stands at the member when it is in this template; a
        // member of another stack is named, not pointed at.
        Attribute at = &i->document() == &r.document() ? named : Attribute{};
        return Standby{Standby::State::Unknown, at, "",
                       i->address() + " DBClusterIdentifier " +
                           (named.unknown() ? named.blocked_by() : named.node->scalar_text())};
      }
    }
    return no(Attribute{}, "has " + std::to_string(members) +
                               (members == 1 ? " member instance" : " member instances") +
                               " (AWS::RDS::DBInstance), so no replica can take over");
  }
  if (t == "aws_elasticache_replication_group" || t == "AWS::ElastiCache::ReplicationGroup") {
    bool cfn = t[0] == 'A';
    Standby failover =
        flag(r, cfn ? "Properties.AutomaticFailoverEnabled" : "automatic_failover_enabled", "false");
    if (failover.state != Standby::State::Yes) return failover;
    return flag(r, cfn ? "Properties.MultiAZEnabled" : "multi_az_enabled", "false");
  }
  if (t == "azurerm_postgresql_flexible_server" || t == "azurerm_mysql_flexible_server") {
    Standby s = one_of(r, "high_availability.mode", {"ZoneRedundant"}, "no standby");
    if (s.state == Standby::State::No && promotable_replicas &&
        any_referrer(index, r, t.c_str(), "source_server_id"))
      return yes();
    return s;
  }
  if (t == "azurerm_mssql_database") return flag(r, "zone_redundant", "false");
  if (t == "azurerm_storage_account")
    return one_of(r, "account_replication_type", {"ZRS", "GZRS", "RAGZRS"}, "none");
  if (t == "azurerm_redis_cache") {
    Attribute zones = read_attribute(body, "zones", kFirstElement);
    if (zones.unknown()) return unknown_from(zones);
    if (zones.known() && zones.node->is_list() && zones.node->items.size() >= 2) return yes();
    return no(zones, zones.absent() ? "zones is not set" : "zones lists fewer than two zones");
  }
  if (t == "google_sql_database_instance") {
    if (!read_attribute(body, "master_instance_name", kFirstElement).absent()) return Standby{};
    Standby s = one_of(r, "settings.availability_type", {"REGIONAL"}, "ZONAL");
    if (s.state == Standby::State::No && promotable_replicas &&
        any_referrer(index, r, "google_sql_database_instance", "master_instance_name"))
      return yes();
    return s;
  }
  if (t == "google_redis_instance") return one_of(r, "tier", {"STANDARD_HA"}, "BASIC");
  return Standby{};
}

}  // namespace clause::crossdoc
