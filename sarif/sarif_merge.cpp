#include "sarif/sarif_merge.h"

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>

#include "checker/model/report.h"

namespace clause {
namespace {

using Json = nlohmann::ordered_json;

std::string root_of(const Json &run) {
  const auto props = run.find("properties");
  if (props == run.end() || !props->contains("root") || !props->at("root").is_string())
    throw std::runtime_error("a run has no properties.root: not a SARIF log written by clause");
  return props->at("root").get<std::string>();
}

const Json &driver_of(const Json &run) {
  if (!run.contains("tool") || !run.at("tool").contains("driver"))
    throw std::runtime_error("a run has no tool.driver");
  return run.at("tool").at("driver");
}

}  // namespace

bool is_sarif_log(const Json &doc) {
  return doc.is_object() && doc.contains("version") && doc.at("version") == "2.1.0" && doc.contains("runs") &&
         doc.at("runs").is_array();
}

Json merge_sarif_logs(const std::vector<Json> &logs) {
  std::vector<const Json *> runs;
  std::map<std::string, Json> rules;  // by id: the union, in id order
  std::set<std::string> roots;
  const Json *driver = nullptr;
  for (const Json &log : logs) {
    if (!is_sarif_log(log)) throw std::runtime_error("not a SARIF 2.1.0 log");
    for (const Json &run : log.at("runs")) {
      const Json &d = driver_of(run);
      if (driver == nullptr) {
        driver = &d;
      } else if (d.value("name", "") != driver->value("name", "") ||
                 d.value("version", "") != driver->value("version", "")) {
        throw std::runtime_error("the logs come from different tools or versions (" + d.value("name", "") +
                                 " " + d.value("version", "") + " and " + driver->value("name", "") + " " +
                                 driver->value("version", "") + ")");
      }
      if (!roots.insert(root_of(run)).second)
        throw std::runtime_error("root '" + root_of(run) + "' is in more than one input");
      if (d.contains("rules")) {
        for (const Json &rule : d.at("rules")) rules.try_emplace(rule.value("id", ""), rule);
      }
      runs.push_back(&run);
    }
  }
  std::stable_sort(runs.begin(), runs.end(),
                   [](const Json *a, const Json *b) { return root_order_less(root_of(*a), root_of(*b)); });

  Json rule_list = Json::array();
  std::map<std::string, size_t> index;
  for (auto &[id, rule] : rules) {
    index[id] = rule_list.size();
    rule_list.push_back(rule);
  }
  Json merged_runs = Json::array();
  for (const Json *source : runs) {
    Json run = *source;
    Json &d = run["tool"]["driver"];
    // Keep the driver's key order: replace the rules in place.
    d["rules"] = rule_list;
    if (run.contains("results")) {
      for (Json &result : run["results"]) {
        auto it = index.find(result.value("ruleId", ""));
        if (it != index.end()) result["ruleIndex"] = it->second;
      }
    }
    merged_runs.push_back(std::move(run));
  }
  Json out;
  out["$schema"] = logs.empty()
                       ? Json("https://json.schemastore.org/sarif-2.1.0.json")
                       : logs.front().value("$schema", Json("https://json.schemastore.org/sarif-2.1.0.json"));
  out["version"] = "2.1.0";
  out["runs"] = std::move(merged_runs);
  return out;
}

}  // namespace clause
