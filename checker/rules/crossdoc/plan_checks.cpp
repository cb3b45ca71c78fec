// Scenario 5.12: a Terraform plan that weakens what the agreement depends
// on (redundancy switched off, retention shortened, a data store deleted)
// is a change whose impact on the agreement must be assessed first.
#include <cmath>
#include <map>
#include <sstream>

#include "checker/crossdoc/availability.h"
#include "checker/crossdoc/judge.h"
#include "checker/model/attribute.h"
#include "parsers/terraform/plan_resources.h"

namespace clause::crossdoc {
namespace {

// What a weakened capability puts at risk, and so which promise it is
// compared against.
enum class Depends : uint8_t { Availability, Backups, Logs, Data };

struct Regression {
  const char *path;  // attribute path in before/after
  Depends depends;
  enum class Kind : uint8_t { TrueToFalse, Decrease, LeavesSet } kind;
  std::vector<const char *> good;  // LeavesSet: values that provide the capability
};

const std::vector<Regression> &regressions_for(const std::string &type) {
  using K = Regression::Kind;
  static const std::map<std::string, std::vector<Regression>, std::less<>> kByType = {
      {"aws_db_instance",
       {{"multi_az", Depends::Availability, K::TrueToFalse, {}},
        {"backup_retention_period", Depends::Backups, K::Decrease, {}}}},
      {"aws_rds_cluster", {{"backup_retention_period", Depends::Backups, K::Decrease, {}}}},
      {"aws_elasticache_replication_group",
       {{"multi_az_enabled", Depends::Availability, K::TrueToFalse, {}},
        {"automatic_failover_enabled", Depends::Availability, K::TrueToFalse, {}}}},
      {"google_sql_database_instance",
       {{"settings.availability_type", Depends::Availability, K::LeavesSet, {"REGIONAL"}},
        {"settings.backup_configuration.backup_retention_settings.retained_backups",
         Depends::Backups,
         K::Decrease,
         {}},
        {"settings.backup_configuration.point_in_time_recovery_enabled",
         Depends::Backups,
         K::TrueToFalse,
         {}}}},
      {"azurerm_storage_account",
       {{"account_replication_type", Depends::Availability, K::LeavesSet, {"ZRS", "GZRS", "RAGZRS"}}}},
      {"azurerm_postgresql_flexible_server",
       {{"high_availability.mode", Depends::Availability, K::LeavesSet, {"ZoneRedundant"}},
        {"backup_retention_days", Depends::Backups, K::Decrease, {}}}},
      {"azurerm_mysql_flexible_server",
       {{"high_availability.mode", Depends::Availability, K::LeavesSet, {"ZoneRedundant"}},
        {"backup_retention_days", Depends::Backups, K::Decrease, {}}}},
      {"azurerm_mssql_database", {{"zone_redundant", Depends::Availability, K::TrueToFalse, {}}}},
      {"aws_dynamodb_table", {{"point_in_time_recovery.enabled", Depends::Backups, K::TrueToFalse, {}}}},
      {"aws_cloudwatch_log_group", {{"retention_in_days", Depends::Logs, K::Decrease, {}}}},
      {"azurerm_log_analytics_workspace", {{"retention_in_days", Depends::Logs, K::Decrease, {}}}},
      {"google_logging_project_bucket_config", {{"retention_days", Depends::Logs, K::Decrease, {}}}},
      {"aws_autoscaling_group", {{"min_size", Depends::Availability, K::Decrease, {}}}},
      {"kubernetes_deployment", {{"spec.replicas", Depends::Availability, K::Decrease, {}}}},
      {"kubernetes_deployment_v1", {{"spec.replicas", Depends::Availability, K::Decrease, {}}}},
      {"kubernetes_stateful_set", {{"spec.replicas", Depends::Availability, K::Decrease, {}}}},
      {"kubernetes_stateful_set_v1", {{"spec.replicas", Depends::Availability, K::Decrease, {}}}},
  };
  static const std::vector<Regression> kNone;
  auto it = kByType.find(type);
  return it == kByType.end() ? kNone : it->second;
}

std::string text_of(const Attribute &a) { return a.known() ? a.node->scalar_text() : "not set"; }

// Whether `after_unknown` marks `path` (or a container of it) unknown.
bool unknown_after(const Node *after_unknown, std::string_view path) {
  const Node *cur = after_unknown;
  while (cur) {
    if (cur->kind == NodeKind::Bool) return cur->boolean;
    if (path.empty()) return false;
    if (cur->is_list()) {
      cur = cur->items.empty() ? nullptr : &cur->items.front();
      continue;
    }
    if (!cur->is_map()) return false;
    size_t dot = path.find('.');
    cur = cur->get(path.substr(0, dot));
    path = dot == std::string_view::npos ? std::string_view() : path.substr(dot + 1);
  }
  return false;
}

// The promise of `a` a capability of kind `d` backs, if the agreement makes one.
std::optional<Promised> promise_for(const AgreementView &a, Depends d, double threshold) {
  switch (d) {
    case Depends::Availability: {
      const Objective *best = nullptr;
      for (const Objective *o : a.availability_objectives())
        if (o->target->value >= threshold && (!best || o->target->value > best->target->value)) best = o;
      if (best) return static_cast<Promised>(*best->target);
      return std::nullopt;
    }
    case Depends::Backups:
      for (const char *p : {"reliability.backup.retention", "reliability.disasterRecovery.rpo"})
        if (Promised f = a.field(p); f.node) return f;
      return std::nullopt;
    case Depends::Logs:
      if (Promised f = a.field("logging.auditLogRetention"); f.node) return f;
      return std::nullopt;
    case Depends::Data:
      for (const char *p : {"termination.dataRetrievalPeriod", "metadata.version"})
        if (Promised f = a.field(p); f.node) return f;
      return std::nullopt;
  }
  return std::nullopt;
}

const char *depends_text(Depends d) {
  switch (d) {
    case Depends::Availability: return "the availability the agreement promises";
    case Depends::Backups: return "the agreement's backup promise";
    case Depends::Logs: return "the agreement's log retention promise";
    case Depends::Data: return "the customer data the agreement keeps retrievable";
  }
  return "";
}

// A plan resource's binding: the planned resource's own, or for a deleted
// one, its `before` values read as a resource would be.
Membership plan_membership(const Binding &binding, const ResourceIndex &index, const Project &project,
                           const PlanChange &change) {
  for (const auto &r : project.resources)
    if (r.format == DocKind::TerraformPlan && r.address == change.address)
      if (const IndexedResource *ir = index.of(r)) return binding.in_scope(*ir);
  static const Node kEmpty = Node::make_map();
  Resource before;
  before.address = change.address;
  before.type = change.type;
  before.format = DocKind::TerraformPlan;
  before.provider = provider_family_of_terraform_type(change.type);
  before.body = change.before && change.before->is_map() ? change.before : &kEmpty;
  IndexedResource ir;
  ir.resource = &before;
  ir.family = before.provider;
  const Node *tags = before.body->get("tags_all");
  if (!tags || tags->is_null()) tags = before.body->get("tags");
  if (!tags || tags->is_null()) tags = before.body->get("labels");
  if (tags && tags->is_map()) {
    ir.tags.state = Tags::State::Known;
    ir.tags.map = tags;
  }
  return binding.in_scope(ir);
}

// CL-1270 imp.x-plan-regression
void plan_regression(const NativeCheckContext &ctx) {
  if (!has_agreement(ctx.project())) return;
  const Project &project = ctx.project();
  const ResourceIndex &index = resource_index(project);
  double threshold = availability_threshold(ctx.param("availabilityThreshold"));
  for (const auto &doc : project.documents) {
    if (doc->kind != DocKind::TerraformPlan) continue;
    auto changes = plan_changes(*doc);
    for (const AgreementView &a : agreements(project)) {
      Binding binding(a, index);
      std::string version =
          a.field("metadata.version").node ? a.field("metadata.version").node->scalar_text() : "";
      std::string agreement_text = "agreement " + a.id() + (version.empty() ? "" : " version " + version);
      for (const PlanChange &c : changes) {
        if (c.mode != "managed") continue;
        Membership m;
        bool bound = false;
        auto bind = [&] {
          if (!bound) m = plan_membership(binding, index, project, c), bound = true;
          return m;
        };
        auto report = [&](Depends d, const std::string &what) {
          auto promise = promise_for(a, d, threshold);
          if (!promise) return;
          Membership mm = bind();
          if (mm.no()) return;
          if (mm.unknown()) {
            ctx.undecided(*doc, c.span, c.address, mm.blocked_by);
            return;
          }
          ctx.report(*doc, c.span,
                     "This plan " + what + " on " + c.address + ", weakening " + depends_text(d) + " (" +
                         a.where(promise->span) + "), while the agreement stays at " + agreement_text +
                         "; assess the change against the agreement before applying it",
                     c.address, {a.related(*promise, "the promise this change weakens")});
        };
        bool deletes = c.is("delete");
        if (deletes && is_data_bearing(DocKind::TerraformPlan, c.type)) {
          report(Depends::Data, c.is("create") ? "replaces the data store with a new, empty one (its data is "
                                                 "destroyed)"
                                               : "deletes the data store and its data");
          continue;
        }
        if (!c.is("update") || !c.before || !c.after) continue;
        for (const Regression &reg : regressions_for(c.type)) {
          Attribute before = read_attribute(c.before, reg.path, kFirstElement);
          Attribute after = read_attribute(c.after, reg.path, kFirstElement);
          if (!before.known()) continue;
          if (unknown_after(c.after_unknown, reg.path) || after.unknown()) {
            if (ctx.strict()) ctx.undecided(*doc, c.span, c.address, std::string(reg.path) + " after apply");
            continue;
          }
          bool weaker = false;
          switch (reg.kind) {
            case Regression::Kind::TrueToFalse:
              weaker = before.as_bool() == true && after.as_bool() != true;
              break;
            case Regression::Kind::Decrease: {
              auto b = before.as_number(), n = after.as_number();
              if (!b) break;
              if (reg.depends == Depends::Logs) {
                // 0 or absent: never expires.
                double bv = *b <= 0 ? INFINITY : *b, av = !n || *n <= 0 ? INFINITY : *n;
                weaker = av < bv;
              } else {
                weaker = n ? *n < *b : false;
              }
              break;
            }
            case Regression::Kind::LeavesSet: {
              auto in = [&](const Attribute &x) {
                auto s = x.as_string();
                for (const char *g : reg.good)
                  if (s && *s == g) return true;
                return false;
              };
              weaker = in(before) && !in(after);
              break;
            }
          }
          if (!weaker) continue;
          report(reg.depends,
                 "changes " + std::string(reg.path) + " from " + text_of(before) + " to " + text_of(after));
        }
      }
    }
  }
}

const NativeCheckRegistrar reg_plan("CL-1270", &plan_regression);

}  // namespace
}  // namespace clause::crossdoc
