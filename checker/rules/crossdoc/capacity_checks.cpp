// Capacity promises against configured limits (5.11): committed storage
// and instance counts that the infrastructure can reach, and request rates
// and quotas that the API gateway lets through.
#include <cctype>
#include <cmath>
#include <sstream>

#include "checker/agreement/values.h"
#include "checker/crossdoc/judge.h"

namespace clause::crossdoc {
namespace {

std::string lower(std::string s) {
  for (auto &c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// GiB per unit of storage as agreements write it.
std::optional<double> gib_per(const std::string &unit) {
  std::string u = lower(unit);
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
  std::string u = lower(unit);
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
  Attr at;
  std::optional<double> value;  // GiB or count
  std::string text;             // "max_allocated_storage = 1000"
};

Ceiling ceiling_of(const IndexedResource &r, bool storage) {
  Ceiling c;
  const Node *b = r.body();
  const std::string &t = r.type();
  auto from = [&](Attr a, double scale, const std::string &name) {
    c.judged = true;
    c.at = a;
    if (auto n = a.number()) c.value = *n * scale;
    c.text = name + (a.known() ? " = " + a.node->scalar_text() : "");
  };
  if (storage) {
    if (t == "aws_db_instance") {
      Attr max = attr(b, "max_allocated_storage");
      if (max.known() && max.number().value_or(0) > 0)
        from(max, 1, "max_allocated_storage");
      else if (max.unknown())
        from(max, 1, "max_allocated_storage");
      else
        from(attr(b, "allocated_storage"), 1, "allocated_storage (storage autoscaling is off)");
    } else if (t == "aws_ebs_volume") {
      from(attr(b, "size"), 1, "size");
    } else if (t == "azurerm_postgresql_flexible_server") {
      if (attr(b, "auto_grow_enabled").boolean().value_or(false))
        c.unlimited = c.judged = true;
      else
        from(attr(b, "storage_mb"), 1.0 / 1024, "storage_mb");
    } else if (t == "google_sql_database_instance") {
      Attr resize = attr(b, "settings.disk_autoresize");
      if (resize.boolean().value_or(true)) {
        Attr limit = attr(b, "settings.disk_autoresize_limit");
        if (limit.absent() || limit.number() == 0.0)
          c.unlimited = c.judged = true;
        else
          from(limit, 1e9 / 1073741824.0, "disk_autoresize_limit (GB)");
      } else {
        from(attr(b, "settings.disk_size"), 1e9 / 1073741824.0, "disk_size (GB)");
      }
    } else if (t == "PersistentVolumeClaim") {
      Attr q = attr(b, "spec.resources.requests.storage");
      c.judged = true;
      c.at = q;
      if (auto s = q.string()) c.value = k8s_gib(*s);
      c.text = q.known() ? "requests.storage = " + q.node->scalar_text() : "requests.storage";
    }
  } else {
    if (t == "aws_autoscaling_group")
      from(attr(b, "max_size"), 1, "max_size");
    else if (t == "HorizontalPodAutoscaler")
      from(attr(b, "spec.maxReplicas"), 1, "maxReplicas");
    else if (t == "google_container_node_pool")
      from(attr(b, "autoscaling.max_node_count"), 1, "max_node_count");
    else if (t == "azurerm_kubernetes_cluster")
      from(attr(b, "default_node_pool.max_count"), 1, "max_count");
    else if (t == "azurerm_kubernetes_cluster_node_pool")
      from(attr(b, "max_count"), 1, "max_count");
    else if (t == "AWS::AutoScaling::AutoScalingGroup")
      from(attr(b, "Properties.MaxSize"), 1, "MaxSize");
  }
  if (c.judged && c.at.absent() && !c.unlimited) c.judged = false;  // nothing written: not judged
  return c;
}

// CL-1170 cap.x-ceiling
void ceiling(const NativeCheckContext &ctx) {
  const ResourceIndex &index = resource_index(ctx.project());
  Judge judge(ctx);
  for (const AgreementView &a : agreements(ctx.project())) {
    Binding binding(a, index);
    for (const Node *entry : elements(&a.root(), "performance.capacity")) {
      Attr limit = attr(entry, "limit");
      auto promised = limit.number();
      auto unit = attr(entry, "unit").string();
      if (!promised || !unit) continue;
      auto gib = gib_per(*unit);
      bool storage = gib.has_value();
      if (!storage && !count_unit(*unit)) continue;
      double wanted = *promised * (storage ? *gib : 1);
      std::string service = attr(entry, "service").string().value_or("");
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
                       attr(entry, "resource").string().value_or("capacity") + " (" + a.where(field.span) +
                       ") but " + r->address() + " cannot grow beyond " + have + " (" + c.text + ")",
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
  const ResourceIndex &index = resource_index(ctx.project());
  Judge judge(ctx);
  for (const AgreementView &a : agreements(ctx.project())) {
    Binding binding(a, index);
    for (const Service &s : a.services()) {
      auto plans = elements(s.node, "plans");
      auto usage_plans = binding.service_scope(
          s.id, [](const IndexedResource &r) { return r.type() == "aws_api_gateway_usage_plan"; });
      for (const Node *plan : plans) {
        std::string plan_id = attr(plan, "id").string().value_or("");
        std::vector<Limit> limits;
        for (const char *kind : {"limits.rates", "limits.quotas"})
          for (const Node *l : elements(plan, kind)) {
            Attr max = attr(l, "max");
            auto per = a.duration_in(*l, "per");
            if (!max.number() || !per || per->seconds <= 0) continue;
            Limit lim;
            lim.rate = std::string_view(kind) == "limits.rates";
            lim.max = *max.number();
            lim.period_seconds = static_cast<double>(per->seconds);
            lim.per_second = lim.max / lim.period_seconds;
            lim.field = Promised{max.node, max.span_or(max.node->span)};
            limits.push_back(lim);
          }
        if (limits.empty()) continue;
        for (const auto &[u, m] : usage_plans) {
          std::string name = lower(attr(u->body(), "name").string().value_or(""));
          bool named = !plan_id.empty() && name.find(lower(plan_id)) != std::string::npos;
          if (!named && !(plans.size() == 1 && usage_plans.size() == 1)) continue;
          for (const Limit &lim : limits) {
            Attr enforced = lim.rate ? attr(u->body(), "throttle_settings.rate_limit")
                                     : attr(u->body(), "quota_settings.limit");
            if (enforced.absent()) continue;
            if (enforced.unknown()) {
              judge.undecided(*u, enforced);
              continue;
            }
            auto v = enforced.number();
            if (!v) continue;
            double enforced_per_second = *v;
            std::string enforced_text = number_text(*v) + " requests a second";
            if (!lim.rate) {
              Attr period = attr(u->body(), "quota_settings.period");
              auto p = period.string() ? gateway_period_seconds(*period.string()) : std::nullopt;
              if (!p) {
                if (period.unknown()) judge.undecided(*u, period);
                continue;
              }
              enforced_per_second = *v / *p;
              enforced_text = number_text(*v) + " requests a " + lower(*period.string());
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
