// Availability and recovery-time promises against redundancy: a high
// availability target (5.7) needs data stores with a standby in another
// zone, compute spread over zones and more than one instance; a short
// recovery time (5.4) needs a standby to promote rather than a restore.
#include <cmath>
#include <set>
#include <sstream>

#include "checker/agreement/values.h"
#include "checker/crossdoc/availability.h"
#include "checker/crossdoc/judge.h"
#include "checker/model/attribute.h"
#include "checker/model/unknown.h"

namespace clause::crossdoc {
namespace {

std::string percent_text(double v) { return number_text(v) + " %"; }

// Monthly downtime a target leaves, for messages (30-day month).
std::string budget_text(double target) {
  double minutes = (100.0 - target) / 100.0 * 30 * 24 * 60;
  std::ostringstream s;
  s.precision(minutes < 10 ? 2 : 3);
  s << minutes;
  return s.str() + " minutes of downtime a month";
}

std::vector<RelatedLocation> objective_related(const AgreementView &a, const Objective &o) {
  return {a.related(*o.target, "the agreement promises " + percent_text(o.target->value) + " availability" +
                                   (o.service.empty() ? "" : " for " + o.service))};
}

// CL-0770 agr.x-ha-datastore
void ha_datastore(const NativeCheckContext &ctx) {
  if (!has_agreement(ctx.project())) return;
  const ResourceIndex &index = resource_index(ctx.project());
  Judge judge(ctx);
  double threshold = availability_threshold(ctx.param("availabilityThreshold"));
  for (const AgreementView &a : agreements(ctx.project())) {
    Binding binding(a, index);
    auto keep = [](const IndexedResource &r) { return has_zone_standby_rule(r.type()); };
    for (const HighAvailability &h : high_availability_scope(binding, threshold, keep)) {
      const IndexedResource &r = *h.resource;
      Standby s = zone_standby(index, r, /*promotable_replicas=*/false);
      if (s.state == Standby::State::NotApplicable) continue;
      if (s.state == Standby::State::Yes) {
        judge.pass();
        continue;
      }
      if (s.state == Standby::State::Unknown) {
        judge.undecided(r, s.setting.span_or(r.resource->span), s.blocked);
        continue;
      }
      const Objective &o = *h.objective;
      judge.fail(r, h.membership, s.setting.span_or(r.resource->span),
                 "The agreement promises " + percent_text(o.target->value) + " availability (" +
                     a.where(o.target->span) + "), " + budget_text(o.target->value) + ", but " + r.address() +
                     " runs in a single zone: " + s.actual +
                     "; losing that zone takes the service down for "
                     "longer than the budget",
                 objective_related(a, o));
    }
  }
}

// The availability zones a list of subnets spans.
struct Zones {
  std::set<std::string> zones;
  std::string blocked;  // non-empty: some zone is not known
};

Zones subnet_zones(const ResourceIndex &index, const IndexedResource &owner, const Attribute &subnets,
                   std::initializer_list<std::string_view> types, const char *zone_attr,
                   const char *zone_id_attr) {
  Zones out;
  if (subnets.absent()) return out;
  auto found = index.referenced(owner, *subnets.node, types);
  if (found.empty()) {
    out.blocked = subnets.unknown() ? subnets.blocked_by()
                                    : "the zones of subnets not declared in this scan (" +
                                          subnets.node->scalar_text() + ")";
    return out;
  }
  for (const IndexedResource *s : found) {
    Attribute z = read_attribute(s->body(), zone_attr, kFirstElement);
    if (z.absent() && zone_id_attr) z = read_attribute(s->body(), zone_id_attr, kFirstElement);
    if (auto v = z.as_string()) {
      out.zones.insert(*v);
    } else {
      out.blocked = z.absent() ? "the zone AWS picks for " + s->address() : z.blocked_by();
    }
  }
  return out;
}

Zones listed_zones(const Attribute &list) {
  Zones out;
  if (list.unknown()) {
    out.blocked = list.blocked_by();
    return out;
  }
  if (!list.known() || !list.node->is_list()) return out;
  for (const auto &z : list.node->items) {
    if (z.is_scalar())
      out.zones.insert(z.scalar_text());
    else
      out.blocked = unknown_input(z);
  }
  return out;
}

bool zone_shaped(const std::string &location) {
  // Google zones end in "-<letter>": europe-west3-a.
  return location.size() > 2 && location[location.size() - 2] == '-' &&
         std::isalpha(static_cast<unsigned char>(location.back()));
}

struct Spread {
  bool judged = false;
  Zones zones;
  Attribute at;
  std::string what;  // "its subnets", "zones"
};

Spread compute_spread(const ResourceIndex &index, const IndexedResource &r) {
  Spread s;
  const Node *b = r.body();
  const std::string &t = r.type();
  const bool cfn = r.resource->format == DocKind::CloudFormation;
  auto zones_of = [&](const Attribute &a) {
    return cfn ? subnet_zones(index, r, a, {"AWS::EC2::Subnet"}, "Properties.AvailabilityZone",
                              "Properties.AvailabilityZoneId")
               : subnet_zones(index, r, a, {"aws_subnet"}, "availability_zone", "availability_zone_id");
  };
  auto aws_subnets = [&](const Attribute &a) {
    s.judged = !a.absent();
    s.at = a;
    s.what = "its subnets";
    s.zones = zones_of(a);
  };
  // Subnet mappings (`subnet_mapping` blocks, `SubnetMappings`): the zones
  // of every mapping's subnet.
  auto mapped_subnets = [&](const Attribute &mappings, const char *subnet_key) {
    s.judged = !mappings.absent();
    s.at = mappings;
    s.what = "its subnets";
    if (mappings.unknown()) s.zones.blocked = mappings.blocked_by();
    for (const Node *m : mappings.elements()) {
      Zones z = zones_of(read_attribute(m, subnet_key, kFirstElement));
      s.zones.zones.insert(z.zones.begin(), z.zones.end());
      if (s.zones.blocked.empty()) s.zones.blocked = z.blocked;
    }
  };
  if (t == "aws_autoscaling_group") {
    Attribute azs = read_attribute(b, "availability_zones", kFirstElement);
    if (!azs.absent()) {
      s = Spread{true, listed_zones(azs), azs, "availability_zones"};
    } else {
      aws_subnets(read_attribute(b, "vpc_zone_identifier", kFirstElement));
    }
  } else if (t == "aws_ecs_service") {
    aws_subnets(read_attribute(b, "network_configuration.subnets", kFirstElement));
  } else if (t == "aws_lb" || t == "aws_alb" || t == "AWS::ElasticLoadBalancingV2::LoadBalancer") {
    Attribute subnets = read_attribute(b, cfn ? "Properties.Subnets" : "subnets", kFirstElement);
    if (subnets.absent())
      mapped_subnets(read_attribute(b, cfn ? "Properties.SubnetMappings" : "subnet_mapping", kFirstElement),
                     cfn ? "SubnetId" : "subnet_id");
    else
      aws_subnets(subnets);
  } else if (t == "AWS::ECS::Service") {
    aws_subnets(
        read_attribute(b, "Properties.NetworkConfiguration.AwsvpcConfiguration.Subnets", kFirstElement));
  } else if (t == "AWS::AutoScaling::AutoScalingGroup") {
    Attribute azs = read_attribute(b, "Properties.AvailabilityZones", kFirstElement);
    if (!azs.absent()) {
      s = Spread{true, listed_zones(azs), azs, "AvailabilityZones"};
    } else {
      aws_subnets(read_attribute(b, "Properties.VPCZoneIdentifier", kFirstElement));
    }
  } else if (t == "azurerm_kubernetes_cluster" || t == "azurerm_kubernetes_cluster_node_pool" ||
             t == "azurerm_linux_virtual_machine_scale_set" ||
             t == "azurerm_windows_virtual_machine_scale_set" ||
             t == "azurerm_orchestrated_virtual_machine_scale_set") {
    Attribute zones = read_attribute(
        b, t == "azurerm_kubernetes_cluster" ? "default_node_pool.zones" : "zones", kFirstElement);
    s = Spread{true, listed_zones(zones), zones, "zones"};
  } else if (t == "google_container_cluster") {
    Attribute location = read_attribute(b, "location", kFirstElement);
    auto loc = location.as_string();
    if (location.unknown()) s = Spread{true, Zones{{}, location.blocked_by()}, location, "location"};
    if (loc && zone_shaped(*loc)) {
      Attribute nodes = read_attribute(b, "node_locations", kFirstElement);
      Zones z = listed_zones(nodes);
      z.zones.insert(*loc);
      s = Spread{true, z, nodes.absent() ? location : nodes, "its zone and node_locations"};
    }
  } else if (t == "google_compute_instance_group_manager") {
    Attribute zone = read_attribute(b, "zone", kFirstElement);
    Zones z;
    if (auto v = zone.as_string())
      z.zones.insert(*v);
    else if (zone.unknown())
      z.blocked = zone.blocked_by();
    else
      z.zones.insert("its provider's zone");
    s = Spread{true, z, zone, "its zone (a zonal instance group)"};
  } else if (t == "google_compute_region_instance_group_manager") {
    Attribute zones = read_attribute(b, "distribution_policy_zones", kFirstElement);
    if (!zones.absent()) s = Spread{true, listed_zones(zones), zones, "distribution_policy_zones"};
  }
  return s;
}

bool is_compute(const IndexedResource &r) {
  static const std::set<std::string, std::less<>> kTypes = {"aws_autoscaling_group",
                                                            "aws_ecs_service",
                                                            "aws_lb",
                                                            "aws_alb",
                                                            "AWS::AutoScaling::AutoScalingGroup",
                                                            "AWS::ElasticLoadBalancingV2::LoadBalancer",
                                                            "AWS::ECS::Service",
                                                            "azurerm_kubernetes_cluster",
                                                            "azurerm_kubernetes_cluster_node_pool",
                                                            "azurerm_linux_virtual_machine_scale_set",
                                                            "azurerm_windows_virtual_machine_scale_set",
                                                            "azurerm_orchestrated_virtual_machine_scale_set",
                                                            "google_container_cluster",
                                                            "google_compute_instance_group_manager",
                                                            "google_compute_region_instance_group_manager"};
  return kTypes.count(r.type()) > 0;
}

// CL-0771 agr.x-compute-spread
void compute_spread_check(const NativeCheckContext &ctx) {
  if (!has_agreement(ctx.project())) return;
  const ResourceIndex &index = resource_index(ctx.project());
  Judge judge(ctx);
  double threshold = availability_threshold(ctx.param("availabilityThreshold"));
  for (const AgreementView &a : agreements(ctx.project())) {
    Binding binding(a, index);
    for (const HighAvailability &h : high_availability_scope(binding, threshold, is_compute)) {
      const IndexedResource &r = *h.resource;
      Spread s = compute_spread(index, r);
      if (!s.judged) continue;
      Span at = s.at.span_or(r.resource->span);
      if (s.zones.zones.size() >= 2) {
        judge.pass();
        continue;
      }
      if (!s.zones.blocked.empty()) {
        judge.undecided(r, at, s.zones.blocked);
        continue;
      }
      std::string where = s.zones.zones.empty() ? "no zone at all" : "only " + *s.zones.zones.begin();
      const Objective &o = *h.objective;
      judge.fail(r, h.membership, at,
                 "The agreement promises " + percent_text(o.target->value) + " availability (" +
                     a.where(o.target->span) + ") but " + r.address() + " is confined to one zone: " +
                     s.what + " cover " + where + "; one zone failure stops it",
                 objective_related(a, o));
    }
  }
}

// The HorizontalPodAutoscaler minReplicas for a workload, if one targets it.
std::optional<Attribute> hpa_min_replicas(const ResourceIndex &index, const IndexedResource &workload) {
  const std::string &kind = workload.type();
  Attribute ns = read_attribute(workload.body(), "metadata.namespace", kFirstElement);
  std::string name = workload.resource->name;
  for (const IndexedResource *h : index.of_type("HorizontalPodAutoscaler")) {
    if (h->resource->document != workload.resource->document &&
        read_attribute(h->body(), "metadata.namespace", kFirstElement).as_string() != ns.as_string())
      continue;
    if (read_attribute(h->body(), "spec.scaleTargetRef.kind", kFirstElement).as_string() != kind) continue;
    if (read_attribute(h->body(), "spec.scaleTargetRef.name", kFirstElement).as_string() != name) continue;
    return read_attribute(h->body(), "spec.minReplicas", kFirstElement);
  }
  return std::nullopt;
}

struct Replicas {
  bool judged = false;
  Attribute at;
  double absent_value = 1;
  std::string name = "replicas";
};

Replicas replicas_of(const IndexedResource &r) {
  const std::string &t = r.type();
  const Node *b = r.body();
  if (t == "Deployment" || t == "StatefulSet")
    return Replicas{true, read_attribute(b, "spec.replicas", kFirstElement), 1, "replicas"};
  if (t == "aws_autoscaling_group")
    return Replicas{true, read_attribute(b, "min_size", kFirstElement), 0, "min_size"};
  if (t == "AWS::AutoScaling::AutoScalingGroup")
    return Replicas{true, read_attribute(b, "Properties.MinSize", kFirstElement), 0, "MinSize"};
  // Attributes that are optional because an autoscaler may own them: judged
  // only when written.
  const char *path = nullptr;
  if (t == "aws_ecs_service") path = "desired_count";
  if (t == "AWS::ECS::Service") path = "Properties.DesiredCount";
  if (t == "azurerm_linux_virtual_machine_scale_set" || t == "azurerm_windows_virtual_machine_scale_set")
    path = "instances";
  if (t == "google_compute_region_instance_group_manager" || t == "google_compute_instance_group_manager")
    path = "target_size";
  if (!path) return Replicas{};
  Attribute a = read_attribute(b, path, kFirstElement);
  if (a.absent()) return Replicas{};
  std::string p = path;
  return Replicas{true, a, 0, p.substr(p.rfind('.') == std::string::npos ? 0 : p.rfind('.') + 1)};
}

// CL-0772 agr.x-single-replica
void single_replica(const NativeCheckContext &ctx) {
  if (!has_agreement(ctx.project())) return;
  const ResourceIndex &index = resource_index(ctx.project());
  Judge judge(ctx);
  double threshold = availability_threshold(ctx.param("availabilityThreshold"));
  auto keep = [](const IndexedResource &r) { return replicas_of(r).judged; };
  for (const AgreementView &a : agreements(ctx.project())) {
    Binding binding(a, index);
    for (const HighAvailability &h : high_availability_scope(binding, threshold, keep)) {
      const IndexedResource &r = *h.resource;
      Replicas rep = replicas_of(r);
      if (rep.at.unknown()) {
        judge.undecided(r, rep.at);
        continue;
      }
      double n = rep.at.known() ? rep.at.as_number().value_or(-1) : rep.absent_value;
      if (n < 0) continue;
      std::string how = rep.name + (rep.at.known() ? " = " + rep.at.node->scalar_text()
                                                   : " is not set (" + std::to_string(int(n)) + ")");
      if (n < 2 && (r.type() == "Deployment" || r.type() == "StatefulSet")) {
        if (auto min = hpa_min_replicas(index, r)) {
          if (min->unknown()) {
            judge.undecided(r, *min);
            continue;
          }
          double m = min->as_number().value_or(1);
          if (m >= 2) {
            judge.pass();
            continue;
          }
          how += " and its HorizontalPodAutoscaler keeps minReplicas at " + std::to_string(int(m));
        }
      }
      if (n >= 2) {
        judge.pass();
        continue;
      }
      const Objective &o = *h.objective;
      judge.fail(r, h.membership, rep.at.span_or(r.resource->span),
                 "The agreement promises " + percent_text(o.target->value) + " availability (" +
                     a.where(o.target->span) + ") but " + r.address() + " may run a single instance (" + how +
                     "); any restart or instance failure is an outage",
                 objective_related(a, o));
    }
  }
}

// CL-0471 req.x-rto-feasible
void rto_feasible(const NativeCheckContext &ctx) {
  if (!has_agreement(ctx.project())) return;
  const ResourceIndex &index = resource_index(ctx.project());
  Judge judge(ctx);
  double hours = 1;
  if (const Node *p = ctx.param("rtoThresholdHours"); p && p->kind == NodeKind::Number) hours = p->number;
  for (const AgreementView &a : agreements(ctx.project())) {
    auto rto = a.duration("reliability.disasterRecovery.rto");
    if (!rto || static_cast<double>(rto->seconds) > hours * agreement::kSecondsPerHour) continue;
    Binding binding(a, index);
    auto keep = [](const IndexedResource &r) { return has_zone_standby_rule(r.type()); };
    for (const auto &[r, m] : binding.scope(keep)) {
      Standby s = zone_standby(index, *r, /*promotable_replicas=*/true);
      if (s.state == Standby::State::NotApplicable) continue;
      if (s.state == Standby::State::Yes) {
        judge.pass();
        continue;
      }
      if (s.state == Standby::State::Unknown) {
        judge.undecided(*r, s.setting.span_or(r->resource->span), s.blocked);
        continue;
      }
      judge.fail(*r, m, s.setting.span_or(r->resource->span),
                 "The agreement promises recovery within " + agreement::format_duration(rto->seconds) + " (" +
                     a.where(rto->span) + ") but " + r->address() + " has no standby to fail over to (" +
                     s.actual + "); restoring it from a backup takes longer than that",
                 {a.related(*rto, "the agreement promises a recovery time of " +
                                      agreement::format_duration(rto->seconds))});
    }
  }
}

const NativeCheckRegistrar reg_ha("CL-0770", &ha_datastore);
const NativeCheckRegistrar reg_spread("CL-0771", &compute_spread_check);
const NativeCheckRegistrar reg_replica("CL-0772", &single_replica);
const NativeCheckRegistrar reg_rto("CL-0471", &rto_feasible);

}  // namespace
}  // namespace clause::crossdoc
