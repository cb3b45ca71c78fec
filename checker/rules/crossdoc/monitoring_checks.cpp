// Monitoring promises against monitoring infrastructure: logs kept as long
// as promised (5.10), objectives measured by something (5.4), and SLO
// objects tuned to the promised goal (5.10).
#include <cctype>
#include <cmath>
#include <map>
#include <set>
#include <sstream>
#include <tuple>

#include "checker/agreement/values.h"
#include "checker/catalogue/provider_catalogue.h"
#include "checker/crossdoc/judge.h"
#include "checker/model/ascii.h"
#include "checker/model/attribute.h"

namespace clause::crossdoc {
namespace {

// A log store's retention setting: the catalogue's `logs`
// (catalogue/resources.yaml); nullptr for other types.
const catalogue::LogFacts *log_store(const IndexedResource &r) {
  const catalogue::ResourceFacts *f = catalogue::provider_catalogue().find(r.resource->format, r.type());
  return f && f->logs ? &*f->logs : nullptr;
}

struct Kept {
  const IndexedResource *at = nullptr;
  Attribute setting;
  std::optional<double> days;  // 0 = forever
  std::string noun;
};

// The expirations of a CloudTrail bucket's enabled lifecycle rules: Terraform
// `aws_s3_bucket_lifecycle_configuration` resources of the bucket, or the
// CloudFormation bucket's own `LifecycleConfiguration`.
std::vector<Kept> trail_bucket_retention(const ResourceIndex &index, const IndexedResource &trail) {
  std::vector<Kept> out;
  const bool cfn = trail.type() == "AWS::CloudTrail::Trail";
  Attribute name =
      read_attribute(trail.body(), cfn ? "Properties.S3BucketName" : "s3_bucket_name", kFirstElement);
  if (name.absent()) return out;
  auto expirations = [&out](const IndexedResource &at, const Attribute &rules, const char *status,
                            const char *days) {
    for (const Node *rule : rules.elements()) {
      if (read_attribute(rule, status, kFirstElement).as_string() == std::string("Disabled")) continue;
      Attribute expiry = read_attribute(rule, days, kFirstElement);
      if (expiry.absent()) continue;
      out.push_back(Kept{&at, expiry, expiry.as_number(), "trail bucket"});
    }
  };
  for (const IndexedResource *bucket :
       index.referenced(trail, *name.node, {cfn ? "AWS::S3::Bucket" : "aws_s3_bucket"})) {
    if (cfn) {
      expirations(*bucket,
                  read_attribute(bucket->body(), "Properties.LifecycleConfiguration.Rules", kFirstElement),
                  "Status", "ExpirationInDays");
      continue;
    }
    for (const IndexedResource *lc :
         index.referrers(*bucket, "aws_s3_bucket_lifecycle_configuration", "bucket")) {
      expirations(*lc, read_attribute(lc->body(), "rule", kFirstElement), "status", "expiration.days");
    }
  }
  return out;
}

// CL-1070 mon.x-log-retention
void log_retention(const NativeCheckContext &ctx) {
  if (!has_agreement(ctx.project())) return;
  const ResourceIndex &index = resource_index(ctx.project());
  Judge judge(ctx);
  for (const AgreementView &a : agreements(ctx.project())) {
    auto promise = a.duration("logging.auditLogRetention");
    if (!promise) continue;
    double promised_days = static_cast<double>(promise->seconds) / agreement::kSecondsPerDay;
    Binding binding(a, index);
    auto keep = [](const IndexedResource &r) {
      return log_store(r) != nullptr || r.type() == "aws_cloudtrail" || r.type() == "AWS::CloudTrail::Trail";
    };
    for (const auto &[r, m] : binding.scope(keep)) {
      std::vector<Kept> kept;
      if (r->type() == "aws_cloudtrail" || r->type() == "AWS::CloudTrail::Trail") {
        kept = trail_bucket_retention(index, *r);
      } else {
        const catalogue::LogFacts &lr = *log_store(*r);
        Attribute a_days = read_attribute(r->body(), lr.retention, kFirstElement);
        kept.push_back(Kept{
            r, a_days, a_days.absent() ? std::optional<double>(lr.retention_default) : a_days.as_number(),
            lr.noun});
      }
      for (const Kept &k : kept) {
        if (k.setting.unknown()) {
          judge.undecided(*k.at, k.setting);
          continue;
        }
        if (!k.days) continue;
        if (*k.days == 0 || *k.days >= promised_days) {
          judge.pass();
          continue;
        }
        std::string setting = k.setting.known()
                                  ? " (" + std::string(k.setting.entry ? k.setting.entry->key : "") + " = " +
                                        k.setting.node->scalar_text() + ")"
                                  : " (the default when retention is not set)";
        judge.fail(
            *k.at, m, k.setting.span_or(k.at->resource->span),
            "The agreement promises audit logs are kept " + days_text(promised_days) + " (" +
                a.where(promise->span) + ") but this " + k.noun + " keeps logs " + days_text(*k.days) +
                setting,
            {a.related(*promise, "the agreement promises audit logs are kept " + days_text(promised_days))});
      }
    }
  }
}

// Objects that measure a service level: alarms, probes, SLOs, monitors.
bool measures(const IndexedResource &r) {
  static const std::set<std::string, std::less<>> kTypes = {"aws_cloudwatch_metric_alarm",
                                                            "aws_cloudwatch_composite_alarm",
                                                            "aws_route53_health_check",
                                                            "aws_synthetics_canary",
                                                            "aws_applicationsignals_service_level_objective",
                                                            "google_monitoring_slo",
                                                            "google_monitoring_uptime_check_config",
                                                            "google_monitoring_alert_policy",
                                                            "azurerm_application_insights_standard_web_test",
                                                            "azurerm_application_insights_web_test",
                                                            "azurerm_monitor_metric_alert",
                                                            "azurerm_monitor_scheduled_query_rules_alert_v2",
                                                            "datadog_monitor",
                                                            "datadog_service_level_objective",
                                                            "datadog_synthetics_test",
                                                            "AWS::CloudWatch::Alarm",
                                                            "AWS::CloudWatch::CompositeAlarm",
                                                            "AWS::Route53::HealthCheck",
                                                            "AWS::ApplicationSignals::ServiceLevelObjective",
                                                            "AWS::Synthetics::Canary",
                                                            "ServiceMonitor",
                                                            "PodMonitor",
                                                            "PrometheusRule",
                                                            "Probe"};
  return kTypes.count(r.type()) > 0;
}

// CL-0470 req.x-slo-observable
void slo_observable(const NativeCheckContext &ctx) {
  if (!has_agreement(ctx.project())) return;
  const ResourceIndex &index = resource_index(ctx.project());
  Judge judge(ctx);
  if (!index.has_infrastructure()) return;
  for (const AgreementView &a : agreements(ctx.project())) {
    Binding binding(a, index);
    for (const Objective &o : a.objectives()) {
      if (!o.metric_field.node) continue;
      // A service with nothing deployed is cat.x-coverage's finding.
      auto deployed =
          binding.service_scope(o.service, [](const IndexedResource &r) { return r.data_bearing; });
      if (deployed.empty())
        deployed = binding.service_scope(o.service, [](const IndexedResource &r) { return !measures(r); });
      if (deployed.empty()) continue;
      auto sources = binding.service_scope(o.service, measures);
      bool certain = false;
      std::string blocked;
      for (const auto &[r, m] : sources) {
        if (m.yes())
          certain = true;
        else if (blocked.empty())
          blocked = m.blocked_by;
      }
      if (certain) {
        judge.pass();
        continue;
      }
      if (!blocked.empty()) {
        ctx.undecided(a.document(), o.metric_field.span, a.resource().address, blocked);
        continue;
      }
      std::vector<RelatedLocation> related;
      if (const Service *s = a.service(o.service); s && s->selector)
        related.push_back(RelatedLocation{a.document().location(s->selector_span),
                                          "the resources of " + s->id + " are selected here"});
      related.push_back(
          RelatedLocation{deployed.front().first->resource->location(),
                          "for example " + deployed.front().first->address() + " belongs to it"});
      std::string what = o.id.empty() ? "an objective" : "objective " + o.id;
      judge.fail_at_agreement(a, o.metric_field.span,
                              "The agreement promises " + what + " on " + o.metric +
                                  (o.service.empty() ? "" : " for " + o.service) +
                                  " but no alarm, health check, probe or SLO object among the service's "
                                  "resources measures anything; "
                                  "the promise cannot be observed",
                              std::move(related));
    }
  }
}

struct SloObject {
  Attribute goal;  // the attribute holding the goal
  std::optional<double> goal_percent;
  std::string window;  // "rolling" | "calendar" | ""
  Attribute window_at;
  std::string name;  // for matching objectives
};

SloObject slo_object(const IndexedResource &r) {
  SloObject s;
  const Node *b = r.body();
  if (r.type() == "google_monitoring_slo") {
    s.goal = read_attribute(b, "goal", kFirstElement);
    if (auto g = s.goal.as_number()) s.goal_percent = *g * 100;
    Attribute rolling = read_attribute(b, "rolling_period_days", kFirstElement);
    Attribute calendar = read_attribute(b, "calendar_period", kFirstElement);
    if (!rolling.absent()) s.window = "rolling", s.window_at = rolling;
    if (!calendar.absent()) s.window = "calendar", s.window_at = calendar;
    s.name = read_attribute(b, "slo_id", kFirstElement).as_string().value_or("") + " " +
             read_attribute(b, "display_name", kFirstElement).as_string().value_or("");
  } else if (r.type() == "AWS::ApplicationSignals::ServiceLevelObjective") {
    s.goal = read_attribute(b, "Properties.Goal.AttainmentGoal", kFirstElement);
    s.goal_percent = s.goal.absent() ? std::optional<double>(99) : s.goal.as_number();
    Attribute rolling = read_attribute(b, "Properties.Goal.Interval.RollingInterval", kFirstElement);
    Attribute calendar = read_attribute(b, "Properties.Goal.Interval.CalendarInterval", kFirstElement);
    if (!calendar.absent())
      s.window = "calendar", s.window_at = calendar;
    else
      s.window = "rolling", s.window_at = rolling;  // the default interval is rolling
    s.name = read_attribute(b, "Properties.Name", kFirstElement).as_string().value_or("");
  } else if (r.type() == "datadog_service_level_objective") {
    s.goal = read_attribute(b, "target_threshold", kFirstElement);
    if (s.goal.absent()) s.goal = read_attribute(b, "thresholds.target", kFirstElement);
    s.goal_percent = s.goal.as_number();
    s.window = "rolling";
    s.window_at = read_attribute(b, "timeframe", kFirstElement);
    s.name = read_attribute(b, "name", kFirstElement).as_string().value_or("");
  }
  s.name = ascii_lower(s.name);
  return s;
}

bool is_slo_object(const IndexedResource &r) {
  return r.type() == "google_monitoring_slo" ||
         r.type() == "AWS::ApplicationSignals::ServiceLevelObjective" ||
         r.type() == "datadog_service_level_objective";
}

// CL-1071 mon.x-slo-goal
void slo_goal(const NativeCheckContext &ctx) {
  if (!has_agreement(ctx.project())) return;
  const ResourceIndex &index = resource_index(ctx.project());
  Judge judge(ctx);
  for (const AgreementView &a : agreements(ctx.project())) {
    Binding binding(a, index);
    for (const IndexedResource &res : index.resources()) {
      if (!is_slo_object(res)) continue;
      const IndexedResource *r = &res;
      SloObject slo = slo_object(*r);
      // The objective this SLO object implements: named in it, or the only
      // objective of its service.
      const Objective *match = nullptr;
      Membership membership;
      std::vector<std::pair<const Objective *, Membership>> candidates;
      for (const Objective &o : a.objectives()) {
        if (!o.target) continue;
        Membership m = binding.in_service(o.service, *r);
        if (m.no()) continue;
        candidates.emplace_back(&o, m);
        if ((!o.id.empty() && slo.name.find(ascii_lower(o.id)) != std::string::npos) ||
            (!o.metric.empty() && slo.name.find(ascii_lower(o.metric)) != std::string::npos)) {
          match = &o;
          membership = m;
        }
      }
      if (!match && candidates.size() == 1) std::tie(match, membership) = candidates.front();
      if (!match) continue;
      if (slo.goal.unknown()) {
        judge.undecided(*r, slo.goal);
        continue;
      }
      if (!slo.goal_percent) continue;
      std::string window;
      Attribute objective_window = read_attribute(match->node, "window", kFirstElement);
      if (auto ow = objective_window.as_string(); ow && !slo.window.empty() && *ow != slo.window)
        window = *ow;
      bool weaker = *slo.goal_percent + 1e-9 < match->target->value;
      if (!weaker && window.empty()) {
        judge.pass();
        continue;
      }
      std::vector<RelatedLocation> related{
          a.related(*match->target,
                    "the agreement promises " + number_text(match->target->value) + " % (" +
                        (objective_window.as_string() ? *objective_window.as_string() : std::string("?")) +
                        " window) for " + (match->id.empty() ? match->metric : match->id))};
      std::string message = "The agreement promises " + number_text(match->target->value) + " % for " +
                            (match->id.empty() ? match->metric : match->id) + " (" +
                            a.where(match->target->span) + ") but this SLO object ";
      if (weaker) message += "aims at " + number_text(*slo.goal_percent) + " %";
      if (weaker && !window.empty()) message += " and ";
      if (!window.empty())
        message += "measures over a " + slo.window + " window where the agreement uses a " + window + " one";
      Span at = weaker ? slo.goal.span_or(r->resource->span) : slo.window_at.span_or(r->resource->span);
      message += "; alerts tuned to it fire too late to protect the promise";
      judge.fail(*r, membership, at, message, std::move(related));
    }
  }
}

const NativeCheckRegistrar reg_logs("CL-1070", &log_retention);
const NativeCheckRegistrar reg_observable("CL-0470", &slo_observable);
const NativeCheckRegistrar reg_goal("CL-1071", &slo_goal);

}  // namespace
}  // namespace clause::crossdoc
