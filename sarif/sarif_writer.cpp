#include "sarif/sarif_writer.h"

#include <algorithm>
#include <map>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "checker/model/finding_identity.h"
#include "checker/model/uri.h"
#include "reporters/compliance_summary.h"
#include "reporters/report_json.h"
#include "reporters/report_util.h"
#include "sarif/json_stream.h"

namespace clause {
namespace {

using Json = nlohmann::ordered_json;

constexpr const char *kSchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";
constexpr const char *kSrcRoot = "%SRCROOT%";
constexpr size_t kMaxNameBytes = 255;
constexpr size_t kMaxDescriptionBytes = 1024;
constexpr size_t kMaxTags = 10;  // GitHub keeps 10 tags a rule (rejects over 20)

// Appends "." when `text` does not already end a sentence.
std::string sentence(std::string_view text) {
  std::string out(text);
  if (!out.empty() && std::string_view(".!?").find(out.back()) == std::string_view::npos) out.push_back('.');
  return out;
}

std::string scenario_label(const RuleInfo &rule) {
  std::string out = "ISO/IEC 20000-9 scenario " + rule.scenario;
  if (const char *title = scenario_title(rule.scenario); *title) out += std::string(" (") + title + ")";
  return out;
}

std::string help_text(const RuleInfo &rule) {
  std::string out = sentence(rule.title.empty() ? rule.id : rule.title);
  if (!rule.rationale.empty()) out += "\n\nWhy: " + rule.rationale;
  if (!rule.remediation.empty()) out += "\n\nHow to fix: " + rule.remediation;
  if (!rule.scenario.empty()) out += "\n\n" + sentence(scenario_label(rule));
  out += "\n\nTo suppress, write `clause:ignore " + rule.id + " -- reason` on or above the reported line.";
  return out;
}

std::string help_markdown(const RuleInfo &rule) {
  if (!rule.help_markdown.empty()) return rule.help_markdown;
  std::string out = "**" + sentence(rule.title.empty() ? rule.id : rule.title) + "**";
  if (!rule.rationale.empty()) out += "\n\n" + rule.rationale;
  if (!rule.remediation.empty()) out += "\n\n**How to fix:** " + rule.remediation;
  if (!rule.scenario.empty()) out += "\n\n" + sentence(scenario_label(rule));
  out += "\n\nTo suppress, write `clause:ignore " + rule.id + " -- reason` on or above the reported line.";
  return out;
}

const char *problem_severity(Severity s) {
  switch (s) {
    case Severity::Critical:
    case Severity::High: return "error";
    case Severity::Medium:
    case Severity::Low: return "warning";
    case Severity::Info: return "recommendation";
  }
  return "warning";
}

// Writes one rule's descriptor. Streamed rather than built as a tree and
// dumped: the descriptors of ~140 rules with their help texts are a fixed
// part of every log, and nlohmann's serializer decodes each byte of them.
void write_rule(JsonStream &json, const RuleInfo &rule, const SarifOptions &opts) {
  const std::string title = rule.title.empty() ? (rule.name.empty() ? rule.id : rule.name) : rule.title;
  std::string full = sentence(title);
  if (!rule.rationale.empty()) full += " " + rule.rationale;

  std::vector<std::string> tags = {"iso20000-9"};
  if (!rule.scenario.empty()) tags.push_back("scenario-" + rule.scenario);
  tags.insert(tags.end(), rule.formats.begin(), rule.formats.end());
  tags.emplace_back(rule_kind_name(rule.kind));
  tags.insert(tags.end(), rule.tags.begin(), rule.tags.end());

  const auto text_object = [&](std::string_view key, const std::string &text) {
    json.key(key);
    json.begin_object();
    json.member("text", text);
    json.end_object();
  };
  json.begin_object();
  json.member("id", rule.id);
  json.member("name", truncate_utf8(rule.name.empty() ? rule.id : rule.name, kMaxNameBytes));
  text_object("shortDescription", truncate_utf8(title, kMaxDescriptionBytes));
  text_object("fullDescription", truncate_utf8(full, kMaxDescriptionBytes));
  json.key("help");
  json.begin_object();
  json.member("text", help_text(rule));
  json.member("markdown", help_markdown(rule));
  json.end_object();
  if (!opts.help_uri_base.empty()) json.member("helpUri", opts.help_uri_base + rule.id);
  json.key("defaultConfiguration");
  json.begin_object();
  json.member("level", sarif_level(rule.severity));
  json.end_object();
  json.key("properties");
  json.begin_object();
  if (!rule.scenario.empty()) json.member("scenario", rule.scenario);
  json.key("tags");
  json.begin_array();
  std::set<std::string> seen;
  for (const std::string &tag : tags) {
    if (tag.empty() || !seen.insert(tag).second) continue;
    if (seen.size() > kMaxTags) break;
    json.string(tag);
  }
  json.end_array();
  json.member("security-severity", security_severity_score(rule.severity));
  json.member("precision", rule.precision.empty() ? "high" : rule.precision);
  json.member("problem.severity", problem_severity(rule.severity));
  if (!rule.profiles.empty()) {
    json.key("profiles");
    json.begin_array();
    for (const std::string &p : rule.profiles) json.string(p);
    json.end_array();
  }
  json.end_object();
  json.end_object();
}

// The run's `tool` object, at depth 0 (JsonStream::dumped indents it).
std::string tool_json(const std::vector<RuleInfo> &rules, const SarifOptions &opts) {
  std::ostringstream out;
  {
    JsonStream json(out, opts.pretty ? 2 : -1);
    json.begin_object();
    json.key("driver");
    json.begin_object();
    json.member("name", "clause");
    json.member("version", opts.tool_version);
    json.member("semanticVersion", opts.tool_version);
    if (!opts.information_uri.empty()) json.member("informationUri", opts.information_uri);
    json.key("rules");
    json.begin_array();
    for (const RuleInfo &rule : rules) write_rule(json, rule, opts);
    json.end_array();
    json.end_object();
    json.end_object();
  }
  return out.str();
}

// The rules of the report, then a minimal descriptor for every rule id a
// finding names that the report does not describe (so that each result has
// a rule to point at).
// The rule ids findings name that the report does not describe, with the
// severity of the first finding naming each.
std::map<std::string, Severity> undescribed_rules(const Report &report) {
  RuleIndex index(report.rules);
  std::map<std::string, Severity> unknown;
  const std::string *last = nullptr;  // findings of one rule often follow each other
  for (const RootReport &root : report.roots) {
    for (const Finding &f : root.findings) {
      if (last && *last == f.rule_id) continue;
      last = &f.rule_id;
      if (index.find(f.rule_id) == nullptr) unknown.emplace(f.rule_id, f.severity);
    }
  }
  return unknown;
}

std::vector<RuleInfo> rules_for_output(const Report &report) {
  std::vector<RuleInfo> rules = report.rules;
  for (const auto &[id, severity] : undescribed_rules(report)) {
    RuleInfo info;
    info.id = id;
    info.name = id;
    info.title = "Finding of rule " + id;
    info.severity = severity;
    rules.push_back(std::move(info));
  }
  std::stable_sort(rules.begin(), rules.end(),
                   [](const RuleInfo &a, const RuleInfo &b) { return a.id < b.id; });
  return rules;
}

Json region_json(const Span &s) {
  Json r;
  r["startLine"] = s.start_line;
  if (s.start_col != 0) r["startColumn"] = s.start_col;
  if (s.end_line != 0 && s.end_line >= s.start_line) {
    r["endLine"] = s.end_line;
    const bool backwards = s.end_line == s.start_line && s.end_col < s.start_col;
    if (s.end_col != 0 && !backwards) r["endColumn"] = s.end_col;
  }
  return r;
}

Json artifact_location(std::string_view path) {
  return Json{{"uri", relative_path_uri(path)}, {"uriBaseId", kSrcRoot}};
}

// A physicalLocation; without a valid span the region is left out, unless
// `need_line` (result locations: GitHub needs a start line), when the finding
// is shown on line 1 of its file.
Json physical_location(const Location &loc, bool need_line) {
  Json p;
  p["artifactLocation"] = artifact_location(loc.path);
  if (loc.span.valid()) {
    p["region"] = region_json(loc.span);
  } else if (need_line) {
    p["region"] = {{"startLine", 1}};
  }
  return p;
}

void write_region(JsonStream &json, const Span &s) {
  json.begin_object();
  json.key("startLine");
  json.number(s.start_line);
  if (s.start_col != 0) {
    json.key("startColumn");
    json.number(s.start_col);
  }
  if (s.end_line != 0 && s.end_line >= s.start_line) {
    json.key("endLine");
    json.number(s.end_line);
    const bool backwards = s.end_line == s.start_line && s.end_col < s.start_col;
    if (s.end_col != 0 && !backwards) {
      json.key("endColumn");
      json.number(s.end_col);
    }
  }
  json.end_object();
}

// The URI of the path last asked for: a run's results come file by file,
// so each file's URI is encoded once, not once per result.
class UriOfPath {
 public:
  const std::string &operator()(const std::string &path) {
    if (!known_ || path != path_) {
      path_ = path;
      uri_ = relative_path_uri(path);
      known_ = true;
    }
    return uri_;
  }

 private:
  bool known_ = false;
  std::string path_, uri_;
};

// physical_location(), streamed.
void write_physical_location(JsonStream &json, const Location &loc, bool need_line, UriOfPath &uri_of) {
  json.begin_object();
  json.key("artifactLocation");
  json.begin_object();
  json.key("uri");
  json.string(uri_of(loc.path));
  json.key("uriBaseId");
  json.string(kSrcRoot);
  json.end_object();
  if (loc.span.valid()) {
    json.key("region");
    write_region(json, loc.span);
  } else if (need_line) {
    json.key("region");
    json.begin_object();
    json.key("startLine");
    json.number(1);
    json.end_object();
  }
  json.end_object();
}

void write_text_message(JsonStream &json, std::string_view text) {
  json.begin_object();
  json.key("text");
  json.string(text);
  json.end_object();
}

// The URIs of result locations and of related locations, each in the
// order written.
struct ResultUris {
  UriOfPath result, related;
};

void write_result(JsonStream &json, const Finding &f, const RuleInfo &rule, size_t rule_index,
                  const std::string &fingerprint, ResultUris &uris) {
  json.begin_object();
  json.key("ruleId");
  json.string(f.rule_id);
  json.key("ruleIndex");
  json.number(rule_index);
  json.key("level");
  json.string(sarif_level(f.severity));
  json.key("message");
  write_text_message(json,
                     f.message.empty() ? sentence(rule.title.empty() ? rule.id : rule.title) : f.message);
  json.key("locations");
  json.begin_array();
  json.begin_object();
  json.key("physicalLocation");
  write_physical_location(json, f.location, true, uris.result);
  json.end_object();
  json.end_array();
  json.key("partialFingerprints");
  json.begin_object();
  json.key(kFingerprintKey);
  json.string(fingerprint);
  json.end_object();
  if (!f.related.empty()) {
    json.key("relatedLocations");
    json.begin_array();
    for (size_t i = 0; i < f.related.size(); ++i) {
      json.begin_object();
      json.key("id");
      json.number(i + 1);
      json.key("physicalLocation");
      write_physical_location(json, f.related[i].location, false, uris.related);
      if (!f.related[i].message.empty()) {
        json.key("message");
        write_text_message(json, f.related[i].message);
      }
      json.end_object();
    }
    json.end_array();
  }
  if (f.suppression) {
    json.key("suppressions");
    json.begin_array();
    json.begin_object();
    json.key("kind");
    json.string(f.suppression->kind.empty() ? "inSource" : f.suppression->kind);
    if (!f.suppression->justification.empty()) {
      json.key("justification");
      json.string(f.suppression->justification);
    }
    json.end_object();
    json.end_array();
  }
  json.key("properties");
  json.begin_object();
  if (!rule.scenario.empty()) {
    json.key("scenario");
    json.string(rule.scenario);
  }
  if (!f.resource.empty()) {
    json.key("resource");
    json.string(f.resource);
  }
  if (!f.unit.empty()) {
    json.key("unit");
    json.string(f.unit);
  }
  json.key("severity");
  json.string(severity_name(f.severity));
  json.end_object();
  json.end_object();
}

Json notification_json(const FileDiagnostic &d) {
  Json n;
  n["level"] = diag_level_name(d.diagnostic.level);
  std::string text = d.diagnostic.message.empty() ? d.diagnostic.code : d.diagnostic.message;
  if (text.empty()) text = "input problem";
  n["message"] = {{"text", std::move(text)}};
  if (!d.path.empty()) {
    n["locations"] =
        Json::array({{{"physicalLocation", physical_location({d.path, d.diagnostic.span}, false)}}});
  }
  if (!d.diagnostic.code.empty()) n["descriptor"] = {{"id", d.diagnostic.code}};
  return n;
}

std::string root_segment(std::string_view name) {
  while (name.starts_with("./")) name.remove_prefix(2);
  while (!name.empty() && name.front() == '/') name.remove_prefix(1);
  while (!name.empty() && name.back() == '/') name.remove_suffix(1);
  if (name.empty() || name == ".") return "root";
  return std::string(name);
}

}  // namespace

std::vector<std::string> sarif_automation_ids(const Report &report) {
  std::string_view category = report.category;
  while (!category.empty() && category.back() == '/') category.remove_suffix(1);
  std::vector<std::string> ids;
  const size_t batch = std::max(report.batch_roots, report.roots.size());
  if (batch <= 1) {
    ids.assign(report.roots.size(), category.empty() ? std::string() : std::string(category) + "/");
    return ids;
  }
  const std::string base = category.empty() ? "clause" : std::string(category);
  std::set<std::string> used;
  for (const RootReport &root : report.roots) {
    const std::string segment = root_segment(root.name);
    std::string id = base + "/" + segment + "/";
    for (int n = 2; used.contains(id); ++n) id = base + "/" + segment + "-" + std::to_string(n) + "/";
    used.insert(id);
    ids.push_back(std::move(id));
  }
  return ids;
}

std::vector<std::string> sarif_limit_problems(const Report &report, bool per_root,
                                              const SarifLimits &limits) {
  std::vector<std::string> out;
  const auto count = [](size_t n) { return std::to_string(n); };
  if (!per_root && report.roots.size() > limits.runs_per_file) {
    out.push_back(count(report.roots.size()) + " scan roots make " + count(report.roots.size()) +
                  " SARIF runs, and GitHub code scanning accepts at most " + count(limits.runs_per_file) +
                  " runs in one file: give -o a directory (one SARIF file per root), or scan at most " +
                  count(limits.runs_per_file) + " roots at a time (--shard)");
  }
  const size_t rules = report.rules.size() + undescribed_rules(report).size();
  if (rules > limits.rules_per_run) {
    out.push_back(count(rules) + " rules in each SARIF run, and GitHub code scanning accepts at most " +
                  count(limits.rules_per_run) +
                  " a run: select fewer rules (--enable, --disable, --scenario)");
  }
  for (const RootReport &root : report.roots) {
    if (root.findings.size() > limits.results_per_run) {
      out.push_back(root.name + ": " + count(root.findings.size()) +
                    " results, and GitHub code scanning accepts at most " + count(limits.results_per_run) +
                    " in one run: scan smaller roots, or report fewer findings (--severity-min, --baseline)");
    }
    for (const Finding &f : root.findings) {
      if (1 + f.related.size() <= limits.locations_per_result) continue;
      out.push_back(root.name + ": " + f.location.path + ":" + count(f.location.span.start_line) + ": [" +
                    f.rule_id + "] has " + count(1 + f.related.size()) +
                    " locations, and GitHub code scanning accepts at most " +
                    count(limits.locations_per_result) + " a result");
      break;
    }
  }
  return out;
}

std::vector<std::string> sarif_file_names(const Report &report) {
  std::vector<std::string> names;
  std::set<std::string> used;
  for (const RootReport &root : report.roots) {
    std::string stem = root_segment(root.name);
    for (char &c : stem) {
      const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                         c == '-' || c == '_' || c == '.';
      if (!plain) c = '_';
    }
    if (stem.starts_with('.')) stem.insert(0, "_");
    std::string name = stem + ".sarif";
    for (int n = 2; used.contains(name); ++n) name = stem + "-" + std::to_string(n) + ".sarif";
    used.insert(name);
    names.push_back(std::move(name));
  }
  return names;
}

void write_sarif(const Report &report, std::ostream &out, const SarifOptions &opts) {
  const std::vector<RuleInfo> rules = rules_for_output(report);
  const RuleIndex index(rules);
  JsonStream json(out, opts.pretty ? 2 : -1);

  // Every run describes every rule: written once, repeated per run.
  const std::string tool = tool_json(rules, opts);

  const std::vector<std::string> automation_ids = sarif_automation_ids(report);
  const ComplianceSummary compliance = compliance_summary(report);
  json.begin_object();
  json.key("$schema");
  json.value(kSchemaUri);
  json.key("version");
  json.value("2.1.0");
  json.key("runs");
  json.begin_array();
  for (size_t ri = 0; ri < report.roots.size(); ++ri) {
    if (opts.only_root && *opts.only_root != ri) continue;
    const RootReport &root = report.roots[ri];
    Json notifications = Json::array();
    for (const FileDiagnostic &d : root.diagnostics) notifications.push_back(notification_json(d));

    Json invocation;
    invocation["executionSuccessful"] = report.execution_successful;
    if (!report.started_at.empty()) invocation["startTimeUtc"] = report.started_at;
    if (!report.finished_at.empty()) invocation["endTimeUtc"] = report.finished_at;
    if (!notifications.empty()) invocation["toolExecutionNotifications"] = std::move(notifications);

    json.begin_object();
    json.key("tool");
    json.dumped(tool);
    if (!automation_ids[ri].empty()) {
      json.key("automationDetails");
      json.value(Json{{"id", automation_ids[ri]}});
    }
    if (!root.abs_path.empty()) {
      json.key("originalUriBaseIds");
      json.value(Json{{kSrcRoot, {{"uri", directory_file_uri(root.abs_path)}}}});
    }
    if (!root.vcs.revision.empty()) {
      Json vc;
      vc["repositoryUri"] = root.vcs.repository_uri;
      vc["revisionId"] = root.vcs.revision;
      if (!root.vcs.branch.empty()) vc["branch"] = root.vcs.branch;
      vc["mappedTo"] = {{"uriBaseId", kSrcRoot}};
      json.key("versionControlProvenance");
      json.value(Json::array({std::move(vc)}));
    }
    json.key("invocations");
    json.value(Json::array({std::move(invocation)}));

    json.key("results");
    json.begin_array();
    const std::vector<std::string> fingerprints = run_fingerprints(root.findings);
    ResultUris uris;
    for (size_t i = 0; i < root.findings.size(); ++i) {
      const Finding &f = root.findings[i];
      // rules_for_output describes every rule a finding names.
      const auto rule = static_cast<size_t>(index.index_of(f.rule_id));
      write_result(json, f, rules[rule], rule, fingerprints[i], uris);
    }
    json.end_array();

    Json props;
    props["root"] = root.name;
    props["files"] = root.files_by_kind;
    props["compliance"] = root_compliance_json(compliance.roots[ri]);
    json.key("properties");
    json.value(props);
    json.end_object();
  }
  json.end_array();
  json.end_object();
  json.flush();
  out << '\n';
}

}  // namespace clause
