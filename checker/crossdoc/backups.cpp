#include "checker/crossdoc/backups.h"
#include "checker/model/attribute.h"

#include <algorithm>
#include <sstream>

#include "checker/agreement/values.h"
#include "checker/catalogue/provider_catalogue.h"
#include "checker/crossdoc/binding.h"

namespace clause::crossdoc {
namespace {

constexpr double kDay = agreement::kSecondsPerDay;
constexpr double kHour = agreement::kSecondsPerHour;

std::vector<std::string> split(const std::string &s, char sep) {
  std::vector<std::string> out;
  std::stringstream ss(s);
  std::string part;
  while (std::getline(ss, part, sep)) out.push_back(part);
  return out;
}

bool any_value(const std::string &field) { return field == "*" || field == "?"; }

// "*/6" or "0/6" -> 6.
std::optional<int> step_of(const std::string &field) {
  size_t slash = field.find('/');
  if (slash == std::string::npos) return std::nullopt;
  try {
    int step = std::stoi(field.substr(slash + 1));
    return step > 0 ? std::optional<int>(step) : std::nullopt;
  } catch (...) {
    return std::nullopt;
  }
}

// The largest gap between the sorted numbers of a list field ("0,12" ->
// 12), wrapping around `period`.
std::optional<double> largest_gap(const std::string &field, int period) {
  std::vector<int> values;
  for (const auto &p : split(field, ',')) {
    if (p.empty() || p.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
    values.push_back(std::stoi(p));
  }
  if (values.empty()) return std::nullopt;
  std::sort(values.begin(), values.end());
  int gap = values.front() + period - values.back();
  for (size_t i = 1; i < values.size(); ++i) gap = std::max(gap, values[i] - values[i - 1]);
  return gap;
}

std::string days_setting(const Attribute &a, const std::string &name) {
  return a.known() ? name + " = " + a.node->scalar_text() : name + " is not set";
}

BackupMechanism mechanism(const IndexedResource &by, const Span &span, std::optional<double> interval,
                          std::optional<double> retention, std::string description,
                          std::string blocked = "") {
  return BackupMechanism{&by, span, span, interval, retention, std::move(description), std::move(blocked)};
}

// A number of days from a store setting: its value, the default when
// absent, nullopt (with `blocked`) when unknown.
std::optional<double> days_of(const Attribute &a, double absent_default, std::string &blocked) {
  if (a.unknown()) {
    blocked = a.blocked_by();
    return std::nullopt;
  }
  if (a.absent()) return absent_default;
  auto n = a.as_number();
  if (!n) blocked = a.node->scalar_text();
  return n;
}

// Where AWS Backup keeps its settings, per format: the selection, the plan
// it names and the plan's rules.
struct AwsBackupShape {
  std::string_view selection, plan;
  std::string_view plan_ref;   // in the selection
  std::string_view resources;  // in the selection: references, ARNs or "*"
  std::string_view rules;      // in the plan
  // In a rule:
  std::string_view rule_name, schedule, continuous, delete_after;
  std::string_view delete_after_name;  // as messages name it
};

constexpr AwsBackupShape kAwsBackup[] = {
    {"aws_backup_selection", "aws_backup_plan", "plan_id", "resources", "rule", "rule_name", "schedule",
     "enable_continuous_backup", "lifecycle.delete_after", "delete_after"},
    {"AWS::Backup::BackupSelection", "AWS::Backup::BackupPlan", "Properties.BackupPlanId",
     "Properties.BackupSelection.Resources", "Properties.BackupPlan.BackupPlanRule", "RuleName",
     "ScheduleExpression", "EnableContinuousBackup", "Lifecycle.DeleteAfterDays",
     "Lifecycle.DeleteAfterDays"},
};

// Whether `store` carries tag `key` = `value` (Unknown when its tags hide it).
Membership tagged(const IndexedResource &store, const std::optional<std::string> &key,
                  const std::optional<std::string> &value) {
  if (!key || !value) return Membership{};
  if (store.tags.value(*key) == *value) return Membership{Membership::State::Yes, ""};
  if (store.tags.unknown_for(*key)) return Membership{Membership::State::Unknown, store.tags.blocked_by};
  return Membership{};
}

// The tag conditions of a selection, any of which selects: Terraform
// `selection_tag` blocks, CloudFormation `ListOfTags` (STRINGEQUALS, the only
// type AWS Backup has).
std::vector<std::pair<std::optional<std::string>, std::optional<std::string>>> tag_conditions(
    const IndexedResource &selection) {
  std::vector<std::pair<std::optional<std::string>, std::optional<std::string>>> out;
  const Node *b = selection.body();
  for (const Node *tag : read_attribute(b, "selection_tag", kFirstElement).elements())
    out.emplace_back(read_attribute(tag, "key", kFirstElement).as_string(),
                     read_attribute(tag, "value", kFirstElement).as_string());
  for (const Node *tag : read_attribute(b, "Properties.BackupSelection.ListOfTags", kFirstElement).elements())
    out.emplace_back(read_attribute(tag, "ConditionKey", kFirstElement).as_string(),
                     read_attribute(tag, "ConditionValue", kFirstElement).as_string());
  return out;
}

// CloudFormation `Conditions`: every `StringEquals` on `aws:ResourceTag/<key>`
// must hold. Other operators are not read, so a selection using them selects
// nothing here.
Membership conditions_select(const IndexedResource &selection, const IndexedResource &store) {
  Attribute conditions =
      read_attribute(selection.body(), "Properties.BackupSelection.Conditions", kFirstElement);
  if (!conditions.known() || !conditions.node->is_map()) return Membership{};
  std::vector<const Node *> equals;
  for (const MapEntry &op : conditions.node->entries) {
    std::vector<const Node *> listed = read_entry(conditions, op.key, kFirstElement).elements();
    if (op.key == "StringEquals")
      equals = std::move(listed);
    else if (!listed.empty())
      return Membership{};
  }
  if (equals.empty()) return Membership{};
  constexpr std::string_view kPrefix = "aws:ResourceTag/";
  Membership all{Membership::State::Yes, ""};
  for (const Node *c : equals) {
    auto key = read_attribute(c, "ConditionKey", kFirstElement).as_string();
    if (!key || !key->starts_with(kPrefix)) return Membership{};
    Membership one = tagged(store, key->substr(kPrefix.size()),
                            read_attribute(c, "ConditionValue", kFirstElement).as_string());
    if (one.no()) return one;
    if (one.unknown()) all = one;
  }
  return all;
}

// Resources an AWS Backup selection protects: is `store` one of them?
Membership selected(const ResourceIndex &index, const AwsBackupShape &shape, const IndexedResource &selection,
                    const IndexedResource &store) {
  Attribute resources = read_attribute(selection.body(), shape.resources, kFirstElement);
  if (resources.known() && resources.node->is_list()) {
    for (const auto &item : resources.node->items) {
      if (item.is_string() && item.text == "*") return Membership{Membership::State::Yes, ""};
      for (const IndexedResource *t : index.referenced(selection, item, {store.type()}))
        if (t == &store) return Membership{Membership::State::Yes, ""};
    }
  } else if (resources.unknown()) {
    for (const IndexedResource *t : index.referenced(selection, *resources.node, {store.type()}))
      if (t == &store) return Membership{Membership::State::Yes, ""};
  }
  for (const auto &[key, value] : tag_conditions(selection))
    if (Membership m = tagged(store, key, value); !m.no()) return m;
  return conditions_select(selection, store);
}

// The mechanisms of the AWS Backup plans whose selections cover `store`.
void plan_mechanisms(const ResourceIndex &index, const AwsBackupShape &shape, const IndexedResource &store,
                     std::vector<BackupMechanism> &out) {
  for (const IndexedResource *selection : index.of_type(shape.selection)) {
    if (!selected(index, shape, *selection, store).yes()) continue;
    Attribute plan_id = read_attribute(selection->body(), shape.plan_ref, kFirstElement);
    if (plan_id.absent()) continue;
    auto plans = index.referenced(*selection, *plan_id.node, {shape.plan});
    if (plans.empty()) {
      out.push_back(mechanism(*selection, plan_id.span_or(selection->resource->span), std::nullopt,
                              std::nullopt, "the backup plan " + plan_id.node->scalar_text(),
                              plan_id.node->scalar_text()));
      continue;
    }
    for (const IndexedResource *plan : plans) {
      for (const Node *rule : read_attribute(plan->body(), shape.rules, kFirstElement).elements()) {
        Attribute schedule = read_attribute(rule, shape.schedule, kFirstElement);
        Attribute continuous = read_attribute(rule, shape.continuous, kFirstElement);
        Attribute keep = read_attribute(rule, shape.delete_after, kFirstElement);
        std::optional<double> interval;
        std::string blocked;
        Span span = schedule.span_or(rule->span);
        if (continuous.as_bool().value_or(false)) {
          interval = kContinuousSeconds;
        } else if (auto s = schedule.as_string()) {
          interval = backup_schedule_interval(*s);
          if (!interval) blocked = "the schedule " + *s;
        } else if (schedule.unknown()) {
          blocked = schedule.blocked_by();
        } else {
          interval = kDay;  // AWS Backup's default: daily
        }
        std::optional<double> retention = days_of(keep, kForever, blocked);
        Attribute rule_name = read_attribute(rule, shape.rule_name, kFirstElement);
        std::string name = rule_name.as_string().value_or("rule");
        out.push_back(
            mechanism(*plan, span, interval, retention,
                      plan->address() + " " + name + " (" +
                          (schedule.known() ? "schedule " + schedule.node->scalar_text() : "daily") + ", " +
                          days_setting(keep, std::string(shape.delete_after_name)) + ")",
                      blocked));
        out.back().retention_span = keep.span_or(rule->span);
      }
    }
  }
}

// A store's own automated backups as the catalogue describes them; false
// when the store is a replica whose backups are its source's.
bool own_backups(const IndexedResource &r, const catalogue::BackupFacts &facts, StoreBackups &out) {
  const Node *b = r.body();
  for (const std::string &path : facts.unless)
    if (!read_attribute(b, path, kFirstElement).absent()) return false;
  Attribute setting = read_attribute(b, facts.retention, kFirstElement);
  std::string_view name = facts.retention;
  if (name.starts_with("Properties.")) name.remove_prefix(std::string_view("Properties.").size());
  std::string blocked;
  auto days = days_of(setting, facts.retention_default, blocked);
  std::optional<double> interval = facts.every_hours ? *facts.every_hours * kHour : kContinuousSeconds;
  out.own = setting;
  out.own_text = setting.known()
                     ? std::string(name) + " = " + setting.node->scalar_text()
                     : std::string(name) + " is not set (" + days_text(facts.retention_default) + ")";
  Span at = setting.span_or(r.resource->span);
  if (!days) {
    // Unknown: so is whether they are on at all, when a value switches them off.
    if (facts.off)
      out.mechanisms.push_back(mechanism(r, at, std::nullopt, std::nullopt, out.own_text, blocked));
    else
      out.mechanisms.push_back(
          mechanism(r, at, interval, std::nullopt, facts.what + " (" + out.own_text + ")", blocked));
    return true;
  }
  if (facts.off && *days <= *facts.off) return true;
  out.mechanisms.push_back(mechanism(r, at, interval, days, facts.what + " (" + out.own_text + ")"));
  return true;
}

}  // namespace

std::optional<double> backup_schedule_interval(const std::string &expression) {
  std::string e = expression;
  if (e.rfind("cron(", 0) != 0 || e.back() != ')') return std::nullopt;
  auto f = split(e.substr(5, e.size() - 6), ' ');
  f.erase(std::remove(f.begin(), f.end(), ""), f.end());
  if (f.size() != 6) return std::nullopt;
  const std::string &minutes = f[0], &hours = f[1], &dom = f[2], &dow = f[4];
  if (minutes == "*") return 60.0;
  if (auto step = step_of(minutes)) return *step * 60.0;
  if (hours == "*") return kHour;
  if (auto step = step_of(hours)) return *step * kHour;
  if (hours.find(',') != std::string::npos) {
    auto gap = largest_gap(hours, 24);
    return gap ? std::optional<double>(*gap * kHour) : std::nullopt;
  }
  if (hours.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  if (!any_value(dow)) {
    // Days of the week: names or numbers, comma-separated.
    size_t n = split(dow, ',').size();
    if (dow.find('-') != std::string::npos || dow.find('#') != std::string::npos ||
        dow.find('L') != std::string::npos)
      return std::nullopt;
    return 7.0 / static_cast<double>(n) * kDay;
  }
  if (!any_value(dom)) {
    if (dom.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
    return 30 * kDay;
  }
  return kDay;
}

StoreBackups backups_of(const ResourceIndex &index, const IndexedResource &r) {
  StoreBackups out;
  const std::string &t = r.type();
  const Node *b = r.body();
  out.judged = true;
  const catalogue::ResourceFacts *facts = catalogue::provider_catalogue().find(r.resource->format, t);
  if (facts && facts->backup) {
    if (!own_backups(r, *facts->backup, out)) return StoreBackups{};
  } else if (t == "aws_dynamodb_table" || t == "AWS::DynamoDB::Table") {
    bool cfn = t[0] == 'A';
    Attribute on =
        read_attribute(b,
                       cfn ? "Properties.PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled"
                           : "point_in_time_recovery.enabled",
                       kFirstElement);
    out.own = on;
    out.own_text = on.known() ? "point-in-time recovery enabled = " + on.node->scalar_text()
                              : "point-in-time recovery is not enabled";
    if (on.unknown()) {
      out.mechanisms.push_back(mechanism(r, on.span_or(r.resource->span), std::nullopt, std::nullopt,
                                         out.own_text, on.blocked_by()));
    } else if (on.as_bool().value_or(false)) {
      std::string blocked;
      Attribute period =
          read_attribute(b,
                         cfn ? "Properties.PointInTimeRecoverySpecification.RecoveryPeriodInDays"
                             : "point_in_time_recovery.recovery_period_in_days",
                         kFirstElement);
      auto days = days_of(period, 35, blocked);
      out.mechanisms.push_back(
          mechanism(r, on.span_or(r.resource->span), kContinuousSeconds, days,
                    "point-in-time recovery (" + days_setting(period, "recovery period") + ")", blocked));
    }
  } else if (t == "aws_efs_file_system") {
    for (const IndexedResource *p : index.referrers(r, "aws_efs_backup_policy", "file_system_id")) {
      Attribute status = read_attribute(p->body(), "backup_policy.status", kFirstElement);
      if (status.as_string() == std::string("ENABLED"))
        out.mechanisms.push_back(mechanism(*p, status.span_or(p->resource->span), kDay, 35,
                                           "the EFS automatic backup policy (daily, kept 35 days)"));
    }
  } else if (t == "AWS::EFS::FileSystem") {
    Attribute status = read_attribute(b, "Properties.BackupPolicy.Status", kFirstElement);
    if (status.unknown())
      out.mechanisms.push_back(mechanism(r, status.span_or(r.resource->span), std::nullopt, std::nullopt,
                                         "the EFS automatic backup policy", status.blocked_by()));
    else if (status.as_string() == std::string("ENABLED"))
      out.mechanisms.push_back(mechanism(r, status.span_or(r.resource->span), kDay, 35,
                                         "the EFS automatic backup policy (daily, kept 35 days)"));
  } else if (t == "google_sql_database_instance") {
    if (!read_attribute(b, "master_instance_name", kFirstElement).absent()) return StoreBackups{};
    Attribute enabled = read_attribute(b, "settings.backup_configuration.enabled", kFirstElement);
    Attribute pitr =
        read_attribute(b, "settings.backup_configuration.point_in_time_recovery_enabled", kFirstElement);
    Attribute binlog = read_attribute(b, "settings.backup_configuration.binary_log_enabled", kFirstElement);
    Attribute kept = read_attribute(
        b, "settings.backup_configuration.backup_retention_settings.retained_backups", kFirstElement);
    out.own = enabled;
    out.own_text = enabled.known() ? "backup_configuration.enabled = " + enabled.node->scalar_text()
                                   : "backup_configuration.enabled is not set";
    if (enabled.unknown()) {
      out.mechanisms.push_back(mechanism(r, enabled.span_or(r.resource->span), std::nullopt, std::nullopt,
                                         out.own_text, enabled.blocked_by()));
    } else if (enabled.as_bool().value_or(false)) {
      std::string blocked;
      auto days = days_of(kept, 7, blocked);  // retained_backups, one a day
      bool continuous = pitr.as_bool().value_or(false) || binlog.as_bool().value_or(false);
      Span at = kept.absent() ? enabled.span_or(r.resource->span) : kept.span_or(r.resource->span);
      out.mechanisms.push_back(mechanism(r, at, continuous ? kContinuousSeconds : kDay, days,
                                         "Cloud SQL backups (" + days_setting(kept, "retained_backups") + ")",
                                         blocked));
    }
  } else if (t == "azurerm_cosmosdb_account") {
    Attribute type = read_attribute(b, "backup.type", kFirstElement);
    out.own = type;
    if (type.as_string() == std::string("Continuous")) {
      auto tier = read_attribute(b, "backup.tier", kFirstElement).as_string();
      out.mechanisms.push_back(mechanism(r, type.span_or(r.resource->span), kContinuousSeconds,
                                         tier == std::string("Continuous30Days") ? 30.0 : 7.0,
                                         "continuous backup"));
    } else if (type.unknown()) {
      out.mechanisms.push_back(mechanism(r, type.span_or(r.resource->span), std::nullopt, std::nullopt,
                                         "backup", type.blocked_by()));
    } else {
      std::string blocked;
      Attribute every = read_attribute(b, "backup.interval_in_minutes", kFirstElement);
      Attribute hours = read_attribute(b, "backup.retention_in_hours", kFirstElement);
      auto minutes = days_of(every, 240, blocked);
      auto kept_hours = days_of(hours, 8, blocked);
      out.own = hours;
      out.own_text = days_setting(hours, "backup.retention_in_hours");
      out.mechanisms.push_back(mechanism(r, hours.span_or(r.resource->span),
                                         minutes ? std::optional<double>(*minutes * 60) : std::nullopt,
                                         kept_hours ? std::optional<double>(*kept_hours / 24) : std::nullopt,
                                         "periodic backup (" + out.own_text + ")", blocked));
    }
  } else {
    out.judged = false;
  }
  if (r.family == ProviderFamily::Aws) {
    for (const AwsBackupShape &shape : kAwsBackup) plan_mechanisms(index, shape, r, out.mechanisms);
    if (!out.mechanisms.empty()) out.judged = true;
  }
  return out;
}

}  // namespace clause::crossdoc
