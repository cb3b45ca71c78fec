// Scenario 5.4 (requirements): objectives that can be verified -- complete,
// measured by a defined metric, with values that parse and mean something.
#include <cctype>

#include "checker/agreement/agreement_schema.h"
#include "checker/agreement/vague_terms.h"
#include "checker/rules/agreement/agreement_check.h"

namespace clause::agreement {
namespace {

// CL-0440 req.slo-complete: metric, comparator, target, unit, period, window.
void slo_complete(const NativeCheckContext &ctx) {
  for_each_agreement(ctx, [&](const AgreementReporter &r) {
    for (const Node &obj : read_attribute(&r.root(), "serviceLevels.objectives", kPlainMaps).items()) {
      std::vector<std::string> missing =
          missing_fields(&obj, {"metric", "comparator", "target", "unit", "period", "window"});
      if (!missing.empty())
        r.at(read_attribute(&obj, "", kPlainMaps), item_label(obj, "objective") + " has no " +
                                                       join_words(missing) +
                                                       ", so whether it is met cannot be decided");
    }
  });
}

// CL-0441 req.metric-defined: objectives measure metrics that metrics[]
// defines with unit, expression, rules and source.
void metric_defined(const NativeCheckContext &ctx) {
  for_each_agreement(ctx, [&](const AgreementReporter &r) {
    Attribute metrics = read_entry(&r.root(), "metrics", kPlainMaps);
    std::vector<std::string> defined = ids_of(metrics);
    std::vector<std::string> used;
    for (const Node &obj : read_attribute(&r.root(), "serviceLevels.objectives", kPlainMaps).items()) {
      Attribute metric = read_entry(&obj, "metric", kPlainMaps);
      if (!metric.present()) continue;  // req.slo-complete
      used.push_back(metric.text());
      if (!contains(defined, metric.text()))
        r.at(metric, item_label(obj, "objective") + " measures metric " + quoted(metric.text()) +
                         ", which metrics[] does not define");
    }
    for (const Node &metric : metrics.items()) {
      if (!contains(used, read_entry(&metric, "id", kPlainMaps).text())) continue;
      std::vector<std::string> missing = missing_fields(&metric, {"unit", "expression", "rules", "source"});
      if (!missing.empty())
        r.at(read_attribute(&metric, "", kPlainMaps), item_label(metric, "metric") + " has no " +
                                                          join_words(missing) +
                                                          ": two parties could compute it differently");
    }
  });
}

bool is_objective_field(const std::string &path, std::string_view name) {
  const std::string suffix = "]." + std::string(name);
  return path.rfind("serviceLevels.objectives[", 0) == 0 && path.size() > suffix.size() &&
         path.compare(path.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool same_text_ci(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

// CL-0442 req.values-valid: durations, percentages and dates parse; a
// percentage lies in 0-100; comparators and windows are from their lists.
void values_valid(const NativeCheckContext &ctx) {
  for_each_agreement(ctx, [&](const AgreementReporter &r) {
    for_each_schema_field(r.root(), [&](const SchemaField &f) {
      const Node &v = f.value;
      Attribute at{v.is_null() ? Attribute::State::Absent : Attribute::State::Known, &v, f.entry};
      if (f.value_type == "duration" && v.kind == NodeKind::String && !parse_duration_seconds(v)) {
        std::string vague = find_vague_term(v.text);
        r.at(at, f.path + " " + quoted(v.text) +
                     (vague.empty() ? " is not a duration" : " is vague wording, not a duration") +
                     "; write ISO 8601 (P30D, PT4H) or a short form (30d, 4h)");
      } else if (f.value_type == "percent" && v.is_scalar()) {
        auto p = parse_percent(v);
        if (!p) {
          r.at(at, f.path + " " + quoted(v.scalar_text()) + " is not a percentage");
        } else if (!percent_in_range(*p)) {
          r.at(at, f.path + " is " + v.scalar_text() + ", outside 0 to 100 percent");
        }
      } else if (f.value_type == "date" && v.kind == NodeKind::String && !parse_date(v.text)) {
        r.at(at, f.path + " " + quoted(v.text) + " is not a calendar date (YYYY-MM-DD)");
      } else if (!f.enum_values.empty() && v.is_scalar() &&
                 (is_objective_field(f.path, "comparator") || is_objective_field(f.path, "window")) &&
                 !contains(f.enum_values, v.scalar_text())) {
        r.at(at, f.path + " " + quoted(v.scalar_text()) + " is not one of " + join_words(f.enum_values));
      }
    });
    // A target in percent is a percentage too.
    for (const Node &obj : read_attribute(&r.root(), "serviceLevels.objectives", kPlainMaps).items()) {
      std::string unit = read_entry(&obj, "unit", kPlainMaps).text();
      if (!same_text_ci(unit, "percent") && unit != "%") continue;
      auto t = numeric_target(obj);
      if (t && !percent_in_range(*t))
        r.at(read_entry(&obj, "target", kPlainMaps), item_label(obj, "objective") + " has target " +
                                                         read_entry(&obj, "target", kPlainMaps).text() +
                                                         " percent, outside 0 to 100");
    }
  });
}

// CL-0445 req.target-measurable: a target is a number, not wording.
void target_measurable(const NativeCheckContext &ctx) {
  for_each_agreement(ctx, [&](const AgreementReporter &r) {
    for (const Node &obj : read_attribute(&r.root(), "serviceLevels.objectives", kPlainMaps).items()) {
      Attribute target = read_entry(&obj, "target", kPlainMaps);
      if (!target.present() || numeric_target(obj)) continue;
      std::string text = target.text();
      std::string vague = find_vague_term(text);
      if (!vague.empty()) {
        r.at(target, item_label(obj, "objective") + " promises " + quoted(text) + ": " + quoted(vague) +
                         " cannot be measured; commit to a number in its unit");
      } else {
        r.at(target, item_label(obj, "objective") + " has target " +
                         (text.empty() ? std::string("that is not a value") : quoted(text)) +
                         ", which is not a number; write the number here and the unit in 'unit'");
      }
    }
  });
}

// CL-0447 req.unit-consistent: an objective states its target in the unit
// its metric is measured in.
void unit_consistent(const NativeCheckContext &ctx) {
  for_each_agreement(ctx, [&](const AgreementReporter &r) {
    Attribute metrics = read_entry(&r.root(), "metrics", kPlainMaps);
    for (const Node &obj : read_attribute(&r.root(), "serviceLevels.objectives", kPlainMaps).items()) {
      Attribute unit = read_entry(&obj, "unit", kPlainMaps);
      std::string metric_id = read_entry(&obj, "metric", kPlainMaps).text();
      if (!unit.present() || metric_id.empty()) continue;
      for (const Node &metric : metrics.items()) {
        if (read_entry(&metric, "id", kPlainMaps).text() != metric_id) continue;
        std::string metric_unit = read_entry(&metric, "unit", kPlainMaps).text();
        auto normal = [](const std::string &u) { return u == "%" ? std::string("percent") : u; };
        if (!metric_unit.empty() && !same_text_ci(normal(unit.text()), normal(metric_unit)))
          r.at(unit, item_label(obj, "objective") + " states its target in " + quoted(unit.text()) +
                         ", but metric " + quoted(metric_id) + " is measured in " + quoted(metric_unit));
      }
    }
  });
}

const NativeCheckRegistrar kSloComplete("CL-0440", slo_complete);
const NativeCheckRegistrar kMetricDefined("CL-0441", metric_defined);
const NativeCheckRegistrar kValuesValid("CL-0442", values_valid);
const NativeCheckRegistrar kTargetMeasurable("CL-0445", target_measurable);
const NativeCheckRegistrar kUnitConsistent("CL-0447", unit_consistent);

}  // namespace
}  // namespace clause::agreement
