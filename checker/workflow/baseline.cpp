#include "checker/workflow/baseline.h"

#include <algorithm>
#include <fstream>
#include <map>

#include <nlohmann/json.hpp>

#include "clause_version.h"
#include "sarif/fingerprint.h"

namespace clause {

Baseline make_baseline(const Report &report) {
  Baseline b;
  for (const RootReport &root : report.roots) {
    // The same fingerprints the SARIF run of this root carries.
    const std::vector<std::string> prints = run_fingerprints(root.findings);
    for (size_t i = 0; i < root.findings.size(); ++i) {
      const Finding &f = root.findings[i];
      if (f.suppression) continue;
      b.entries.push_back(BaselineEntry{f.rule_id, f.location.path, prints[i], f.message});
    }
  }
  std::sort(b.entries.begin(), b.entries.end(),
            [](const BaselineEntry &x, const BaselineEntry &y) { return x.key() < y.key(); });
  return b;
}

void write_baseline(const Baseline &baseline, std::ostream &out) {
  nlohmann::ordered_json j;
  j["version"] = 1;
  j["generator"] = std::string("clause ") + CLAUSE_VERSION;
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const BaselineEntry &e : baseline.entries) {
    list.push_back(
        {{"ruleId", e.rule_id}, {"path", e.path}, {"fingerprint", e.fingerprint}, {"message", e.message}});
  }
  j["findings"] = std::move(list);
  out << j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
}

Baseline load_baseline(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw BaselineError(path + ": cannot read the baseline");
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception &e) {
    throw BaselineError(path + ": not valid JSON: " + e.what());
  }
  if (!j.is_object() || j.value("version", 0) != 1 || !j.contains("findings") || !j["findings"].is_array())
    throw BaselineError(path + ": not a clause baseline (expected version 1 and a findings list)");
  Baseline b;
  size_t n = 0;
  for (const auto &e : j["findings"]) {
    ++n;
    auto text = [&](const char *key) {
      if (!e.is_object() || !e.contains(key) || !e[key].is_string())
        throw BaselineError(path + ": finding " + std::to_string(n) + " has no '" + key + "' text");
      return e[key].get<std::string>();
    };
    b.entries.push_back(BaselineEntry{text("ruleId"), text("path"), text("fingerprint"),
                                      e.is_object() ? e.value("message", "") : ""});
  }
  return b;
}

size_t apply_baseline(Report &report, const Baseline &baseline) {
  std::map<std::tuple<std::string, std::string, std::string>, size_t> remaining;
  for (const BaselineEntry &e : baseline.entries) ++remaining[{e.rule_id, e.path, e.fingerprint}];
  size_t total = 0;
  for (RootReport &root : report.roots) {
    const std::vector<std::string> prints = run_fingerprints(root.findings);
    std::vector<Finding> kept;
    kept.reserve(root.findings.size());
    for (size_t i = 0; i < root.findings.size(); ++i) {
      Finding &f = root.findings[i];
      if (!f.suppression) {
        auto it = remaining.find({f.rule_id, f.location.path, prints[i]});
        if (it != remaining.end() && it->second > 0) {
          --it->second;
          ++root.baselined;
          ++total;
          continue;
        }
      }
      kept.push_back(std::move(f));
    }
    root.findings = std::move(kept);
  }
  return total;
}

}  // namespace clause
