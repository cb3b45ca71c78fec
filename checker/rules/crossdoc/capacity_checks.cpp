// Capacity promises against configured limits (5.11): committed storage
// and instance counts that the infrastructure can reach, and request rates
// and quotas that the API gateway lets through.
#include <cctype>
#include <cmath>
#include <sstream>

#include "checker/agreement/values.h"
#include "checker/crossdoc/judge.h"
#include "checker/model/ascii.h"
#include "checker/model/attribute.h"

namespace clause::crossdoc {
namespace {

// GiB per unit of storage as agreements write it.
std::optional<double> gib_per(const std::string &unit) {
  std::string u = ascii_lower(unit);
  if (u == "gib") return 1.0;
  if (u == "gb") return 1e9 / 1073741824.0;
  if (u == "tib") return 1024.0;
  if (u == "tb") return 1e12 / 1073741824.0;
  if (u == "mib") return 1.0 / 1024;
  if (u == "mb") return 1e6 / 1073741824.0;
  return std::nullopt;
}

bool count_unit(const std::string &unit) {
  static const char *const kUnits[] = {"instances", "instance", "replicas", "replica", "nodes",
                                       "node",      "pods",     "pod",      "vms",     "servers"};
  std::string u = ascii_lower(unit);
  for (const char *k : kUnits)
    if (u == k) return true;
  return false;
}

// A Kubernetes quantity ("100Gi", "500G") in GiB.
std::optional<double> k8s_gib(const std::string &q) {
  static const std::pair<const char *, double> kSuffixes[] = {{"Ti", 1024.0},
                                                              {"Gi", 1.0},
                                                              {"Mi", 1.0 / 1024},
                                                              {"T", 1e12 / 1073741824.0},
                                                              {"G", 1e9 / 1073741824.0},
                                                              {"M", 1e6 / 1073741824.0}};
  for (const auto &[suffix, factor] : kSuffixes) {
    std::string s(suffix);
    if (q.size() > s.size() && q.compare(q.size() - s.size(), s.size(), s) == 0) {
      try {
        size_t used = 0;
        double v = std::stod(q.substr(0, q.size() - s.size()), &used);
        if (used == q.size() - s.size()) return v * factor;
      } catch (...) {
      }
      return std::nullopt;
    }
  }
  return std::nullopt;
}

struct Ceiling {
  bool judged = false;
  bool unlimited = false;
  Attribute at;
  std::optional<double> value;  // GiB or count
  std::string text;             // "max_allocated_storage = 1000"
};

Ceiling ceiling_of(const IndexedResource &r, bool storage) {
  Ceiling c;
  const Node *b = r.body();
  const std::string &t = r.type();
  auto from = [&](Attribute a, double scale, const std::string &name) {
    c.judged = true;
    c.at = a;
    if (auto n = a.as_number()) c.value = *n * scale;
    c.text = name + (a.known() ? " = " + a.node->scalar_text() : "");
  };
  // RDS grows storage up to its maximum when one is set, else stays at its
  // allocation.
  auto rds = [&](const std::string &max_path, const std::string &allocated_path) {
    const std::string max_name = max_path.substr(max_path.rfind('.') + 1);
    Attribute max = read_attribute(b, max_path, kFirstElement);
    if ((max.known() && max.as_number().value_or(0) > 0) || max.unknown())
      from(max, 1, max_name);
    else
      from(read_attribute(b, allocated_path, kFirstElement), 1,
           allocated_path.substr(allocated_path.rfind('.') + 1) + " (storage autoscaling is off)");
  };
  if (storage) {
    if (t == "aws_db_instance") {
      rds("max_allocated_storage", "allocated_storage");
    } else if (t == "AWS::RDS::DBInstance") {
      rds("Properties.MaxAllocatedStorage", "Properties.AllocatedStorage");
    } else if (t == "aws_ebs_volume") {
      from(read_attribute(b, "size", kFirstElement), 1, "size");
    } else if (t == "AWS::EC2::Volume") {
      from(read_attribute(b, "Properties.Size", kFirstElement), 1, "Size");
    } else if (t == "azurerm_postgresql_flexible_server") {
      if (read_attribute(b, "auto_grow_enabled", kFirstElement).as_bool().value_or(false))
        c.unlimited = c.judged = true;
      else
        from(read_attribute(b, "storage_mb", kFirstElement), 1.0 / 1024, "storage_mb");
    } else if (t == "google_sql_database_instance") {
      Attribute resize = read_attribute(b, "settings.disk_autoresize", kFirstElement);
      if (resize.as_bool().value_or(true)) {
        Attribute limit = read_attribute(b, "settings.disk_autoresize_limit", kFirstElement);
        if (limit.absent() || limit.as_number() == 0.0)
          c.unlimited = c.judged = true;
        else
          from(limit, 1e9 / 1073741824.0, "disk_autoresize_limit (GB)");
      } else {
        from(read_attribute(b, "settings.disk_size", kFirstElement), 1e9 / 1073741824.0, "disk_size (GB)");
      }
    } else if (t == "PersistentVolumeClaim") {
      Attribute q = read_attribute(b, "spec.resources.requests.storage", kFirstElement);
      c.judged = true;
      c.at = q;
      if (auto s = q.as_string()) c.value = k8s_gib(*s);
      c.text = q.known() ? "requests.storage = " + q.node->scalar_text() : "requests.storage";
    }
  } else {
    if (t == "aws_autoscaling_group")
      from(read_attribute(b, "max_size", kFirstElement), 1, "max_size");
    else if (t == "HorizontalPodAutoscaler")
      from(read_attribute(b, "spec.maxReplicas", kFirstElement), 1, "maxReplicas");
    else if (t == "google_container_node_pool")
      from(read_attribute(b, "autoscaling.max_node_count", kFirstElement), 1, "max_node_count");
    else if (t == "azurerm_kubernetes_cluster")
      from(read_attribute(b, "default_node_pool.max_count", kFirstElement), 1, "max_count");
    else if (t == "azurerm_kubernetes_cluster_node_pool")
      from(read_attribute(b, "max_count", kFirstElement), 1, "max_count");
    else if (t == "AWS::AutoScaling::AutoScalingGroup")
      from(read_attribute(b, "Properties.MaxSize", kFirstElement), 1, "MaxSize");
  }
  if (c.judged && c.at.absent() && !c.unlimited) c.judged = false;  // nothing written: not judged
  return c;
}

// CL-1170 cap.x-ceiling
void ceiling(const NativeCheckContext &ctx) {
  if (!has_agreement(ctx.project())) return;
  const ResourceIndex &index = resource_index(ctx.project());
  Judge judge(ctx);
  for (const AgreementView &a : agreements(ctx.project())) {
    Binding binding(a, index);
    for (const Node *entry : read_attribute(&a.root(), "performance.capacity", kFirstElement).elements()) {
      Attribute limit = read_attribute(entry, "limit", kFirstElement);
      auto promised = limit.as_number();
      auto unit = read_attribute(entry, "unit", kFirstElement).as_string();
      if (!promised || !unit) continue;
      auto gib = gib_per(*unit);
      bool storage = gib.has_value();
      if (!storage && !count_unit(*unit)) continue;
      double wanted = *promised * (storage ? *gib : 1);
      std::string service = read_attribute(entry, "service", kFirstElement).as_string().value_or("");
      Promised field{limit.node, limit.span_or(limit.node->span)};
      for (const auto &[r, m] :
           binding.service_scope(service, [](const IndexedResource &) { return true; })) {
        Ceiling c = ceiling_of(*r, storage);
        if (!c.judged) continue;
        if (c.unlimited) {
          judge.pass();
          continue;
        }
        if (c.at.unknown() || !c.value) {
          judge.undecided(*r, c.at);
          continue;
        }
        if (*c.value + 1e-9 >= wanted) {
          judge.pass();
          continue;
        }
        std::string have =
            storage ? number_text(std::floor(*c.value * 10) / 10) + " GiB" : number_text(*c.value);
        judge.fail(*r, m, c.at.span_or(r->resource->span),
                   "The agreement commits " + number_text(*promised) + " " + *unit + " of " +
                       read_attribute(entry, "resource", kFirstElement).as_string().value_or("capacity") +
                       " (" + a.where(field.span) + ") but " + r->address() + " cannot grow beyond " + have +
                       " (" + c.text + ")",
                   {a.related(field, "the agreement commits " + number_text(*promised) + " " + *unit)});
      }
    }
  }
}

struct Limit {
  double per_second = 0;  // rates
  double max = 0;         // quotas: count per period
  double period_seconds = 0;
  Promised field;
  bool rate = true;
};

std::optional<double> gateway_period_seconds(const std::string &period) {
  if (period == "DAY") return 1.0 * agreement::kSecondsPerDay;
  if (period == "WEEK") return 1.0 * agreement::kSecondsPerWeek;
  if (period == "MONTH") return 1.0 * agreement::kSecondsPerMonth;
  return std::nullopt;
}

// CL-1171 cap.x-gateway-limits
void gateway_limits(const NativeCheckContext &ctx) {
  if (!has_agreement(ctx.project())) return;
  const ResourceIndex &index = resource_index(ctx.project());
  Judge judge(ctx);
  for (const AgreementView &a : agreements(ctx.project())) {
    Binding binding(a, index);
    for (const Service &s : a.services()) {
      auto plans = read_attribute(s.node, "plans", kFirstElement).elements();
      auto usage_plans = binding.service_scope(
          s.id, [](const IndexedResource &r) { return r.type() == "aws_api_gateway_usage_plan"; });
      for (const Node *plan : plans) {
        std::string plan_id = read_attribute(plan, "id", kFirstElement).as_string().value_or("");
        std::vector<Limit> limits;
        for (const char *kind : {"limits.rates", "limits.quotas"})
          for (const Node *l : read_attribute(plan, kind, kFirstElement).elements()) {
            Attribute max = read_attribute(l, "max", kFirstElement);
            auto per = a.duration_in(*l, "per");
            if (!max.as_number() || !per || per->seconds <= 0) continue;
            Limit lim;
            lim.rate = std::string_view(kind) == "limits.rates";
            lim.max = *max.as_number();
            lim.period_seconds = static_cast<double>(per->seconds);
            lim.per_second = lim.max / lim.period_seconds;
            lim.field = Promised{max.node, max.span_or(max.node->span)};
            limits.push_back(lim);
          }
        if (limits.empty()) continue;
        for (const auto &[u, m] : usage_plans) {
          std::string name =
              ascii_lower(read_attribute(u->body(), "name", kFirstElement).as_string().value_or(""));
          bool named = !plan_id.empty() && name.find(ascii_lower(plan_id)) != std::string::npos;
          if (!named && !(plans.size() == 1 && usage_plans.size() == 1)) continue;
          for (const Limit &lim : limits) {
            Attribute enforced =
                lim.rate ? read_attribute(u->body(), "throttle_settings.rate_limit", kFirstElement)
                         : read_attribute(u->body(), "quota_settings.limit", kFirstElement);
            if (enforced.absent()) continue;
            if (enforced.unknown()) {
              judge.undecided(*u, enforced);
              continue;
            }
            auto v = enforced.as_number();
            if (!v) continue;
            double enforced_per_second = *v;
            std::string enforced_text = number_text(*v) + " requests a second";
            if (!lim.rate) {
              Attribute period = read_attribute(u->body(), "quota_settings.period", kFirstElement);
              auto p = period.as_string() ? gateway_period_seconds(*period.as_string()) : std::nullopt;
              if (!p) {
                if (period.unknown()) judge.undecided(*u, period);
                continue;
              }
              enforced_per_second = *v / *p;
              enforced_text = number_text(*v) + " requests a " + ascii_lower(*period.as_string());
            }
            if (enforced_per_second + 1e-12 >= lim.per_second) {
              judge.pass();
              continue;
            }
            std::string promised = number_text(lim.max) + " requests per " +
                                   agreement::format_duration(static_cast<int64_t>(lim.period_seconds));
            judge.fail(*u, m, enforced.span_or(u->resource->span),
                       "The agreement lets plan " + plan_id + " make " + promised + " (" +
                           a.where(lim.field.span) + ") but this usage plan " +
                           (lim.rate ? "throttles" : "caps") + " it at " + enforced_text +
                           ", so customers are refused below what they bought",
                       {a.related(lim.field, "the agreement's " + std::string(lim.rate ? "rate" : "quota") +
                                                 " for plan " + plan_id + ": " + promised)});
          }
        }
      }
    }
  }
}

const NativeCheckRegistrar reg_ceiling("CL-1170", &ceiling);
const NativeCheckRegistrar reg_gateway("CL-1171", &gateway_limits);

}  // namespace
}  // namespace clause::crossdoc
