#include "reporters/json_reader.h"

#include <cstdint>
#include <limits>
#include <stdexcept>

#include "reporters/json_reporter.h"

namespace clause {
namespace {

using Json = nlohmann::json;

// Field access that names what is wrong instead of throwing json's errors.
const Json &field(const Json &obj, const char *key, const std::string &where) {
  if (!obj.is_object() || !obj.contains(key)) throw std::runtime_error(where + ": missing \"" + key + "\"");
  return obj.at(key);
}

std::string str(const Json &obj, const char *key, const std::string &where) {
  const Json &v = field(obj, key, where);
  if (!v.is_string()) throw std::runtime_error(where + "." + key + ": not a string");
  return v.get<std::string>();
}

template <typename T>
T num(const Json &obj, const char *key, const std::string &where) {
  const Json &v = field(obj, key, where);
  if (!v.is_number_unsigned()) throw std::runtime_error(where + "." + key + ": not a count");
  // Never wrapped: a line number of 2^32 is not line 0.
  if (v.get<uint64_t>() > std::numeric_limits<T>::max())
    throw std::runtime_error(where + "." + key + ": " + std::to_string(v.get<uint64_t>()) +
                             " is out of range");
  return v.get<T>();
}

const Json &array(const Json &obj, const char *key, const std::string &where) {
  const Json &v = field(obj, key, where);
  if (!v.is_array()) throw std::runtime_error(where + "." + key + ": not an array");
  return v;
}

Severity severity(const Json &obj, const std::string &where) {
  const std::string text = str(obj, "severity", where);
  auto s = parse_severity(text);
  if (!s) throw std::runtime_error(where + ".severity: unknown severity '" + text + "'");
  return *s;
}

RuleKind rule_kind(const std::string &name) {
  for (RuleKind k : {RuleKind::Infrastructure, RuleKind::Agreement, RuleKind::CrossDocument})
    if (name == rule_kind_name(k)) return k;
  return RuleKind::Infrastructure;
}

DiagLevel diag_level(const std::string &name) {
  if (name == "error") return DiagLevel::Error;
  if (name == "note") return DiagLevel::Note;
  return DiagLevel::Warning;
}

std::vector<std::string> strings(const Json &obj, const char *key, const std::string &where) {
  std::vector<std::string> out;
  for (const Json &v : array(obj, key, where)) {
    if (!v.is_string()) throw std::runtime_error(where + "." + key + ": not a list of strings");
    out.push_back(v.get<std::string>());
  }
  return out;
}

Location location(const Json &obj, const std::string &where) {
  const Json &j = field(obj, "location", where);
  const std::string at = where + ".location";
  Location loc;
  loc.path = str(j, "path", at);
  loc.span.start_line = num<uint32_t>(j, "startLine", at);
  loc.span.start_col = num<uint32_t>(j, "startColumn", at);
  loc.span.end_line = num<uint32_t>(j, "endLine", at);
  loc.span.end_col = num<uint32_t>(j, "endColumn", at);
  return loc;
}

RuleInfo rule(const Json &j, const std::string &where) {
  RuleInfo r;
  r.id = str(j, "id", where);
  r.name = str(j, "name", where);
  r.scenario = str(j, "scenario", where);
  r.title = str(j, "title", where);
  r.severity = severity(j, where);
  r.kind = rule_kind(str(j, "kind", where));
  r.precision = str(j, "precision", where);
  r.formats = strings(j, "formats", where);
  r.tags = strings(j, "tags", where);
  // Written only for rules that name profiles (not the meta rules).
  if (j.contains("profiles")) r.profiles = strings(j, "profiles", where);
  return r;
}

Finding finding(const Json &j, const std::string &where) {
  Finding f;
  f.rule_id = str(j, "ruleId", where);
  f.severity = severity(j, where);
  f.message = str(j, "message", where);
  f.resource = str(j, "resource", where);
  if (j.contains("unit") && j.at("unit").is_string()) f.unit = j.at("unit").get<std::string>();
  f.location = location(j, where);
  f.snippet = str(j, "snippet", where);
  f.fingerprint = str(j, "fingerprint", where);
  const Json &related = array(j, "related", where);
  for (size_t i = 0; i < related.size(); ++i) {
    const std::string at = where + ".related[" + std::to_string(i) + "]";
    f.related.push_back(RelatedLocation{location(related[i], at), str(related[i], "message", at)});
  }
  const Json &s = field(j, "suppression", where);
  if (!s.is_null()) {
    const std::string at = where + ".suppression";
    f.suppression = Suppression{str(s, "kind", at), str(s, "justification", at), location(s, at)};
  }
  if (j.contains("undecided") && j.at("undecided").is_boolean()) f.undecided = j.at("undecided").get<bool>();
  return f;
}

FileDiagnostic diagnostic(const Json &j, const std::string &where) {
  FileDiagnostic d;
  const Location loc = location(j, where);
  d.path = loc.path;
  d.diagnostic.span = loc.span;
  d.diagnostic.level = diag_level(str(j, "level", where));
  d.diagnostic.code = str(j, "code", where);
  d.diagnostic.message = str(j, "message", where);
  return d;
}

RootReport root(const Json &j, const std::string &where) {
  RootReport r;
  r.name = str(j, "name", where);
  r.abs_path = str(j, "path", where);
  if (j.contains("versionControl")) {
    const Json &vc = j.at("versionControl");
    const std::string at = where + ".versionControl";
    r.vcs = VersionControl{str(vc, "repositoryUri", at), str(vc, "revision", at), str(vc, "branch", at)};
  }
  const Json &findings = array(j, "findings", where);
  for (size_t i = 0; i < findings.size(); ++i)
    r.findings.push_back(finding(findings[i], where + ".findings[" + std::to_string(i) + "]"));
  const Json &diagnostics = array(j, "diagnostics", where);
  for (size_t i = 0; i < diagnostics.size(); ++i)
    r.diagnostics.push_back(diagnostic(diagnostics[i], where + ".diagnostics[" + std::to_string(i) + "]"));
  const Json &files = field(j, "files", where);
  for (const auto &[kind, n] : files.items()) {
    if (!n.is_number_unsigned()) throw std::runtime_error(where + ".files." + kind + ": not a count");
    r.files_by_kind[kind] = n.get<size_t>();
  }
  if (j.contains("ruleTallies")) {
    for (const auto &[id, t] : j.at("ruleTallies").items()) {
      const std::string at = where + ".ruleTallies." + id;
      r.rule_tallies[id] = RuleTally{num<size_t>(t, "targets", at), num<size_t>(t, "passed", at),
                                     num<size_t>(t, "failed", at), num<size_t>(t, "unknown", at)};
    }
  }
  return r;
}

}  // namespace

bool is_clause_json(const nlohmann::json &doc) {
  return doc.is_object() && doc.contains("version") && doc.at("version") == kJsonFormatVersion &&
         doc.contains("roots") && doc.at("roots").is_array();
}

JsonReport read_json_report(const nlohmann::json &doc) {
  if (!is_clause_json(doc)) throw std::runtime_error("not clause JSON output (format version 1)");
  JsonReport out;
  const Json &tool = field(doc, "tool", "$");
  out.tool_version = str(tool, "version", "$.tool");
  out.report.category = str(doc, "category", "$");
  const Json &ok = field(doc, "executionSuccessful", "$");
  if (!ok.is_boolean()) throw std::runtime_error("$.executionSuccessful: not a boolean");
  out.report.execution_successful = ok.get<bool>();
  if (doc.contains("scan")) {
    out.report.started_at = str(doc.at("scan"), "started", "$.scan");
    out.report.finished_at = str(doc.at("scan"), "finished", "$.scan");
  }
  const Json &rules = array(doc, "rules", "$");
  for (size_t i = 0; i < rules.size(); ++i)
    out.report.rules.push_back(rule(rules[i], "$.rules[" + std::to_string(i) + "]"));
  const Json &roots = array(doc, "roots", "$");
  for (size_t i = 0; i < roots.size(); ++i)
    out.report.roots.push_back(root(roots[i], "$.roots[" + std::to_string(i) + "]"));
  return out;
}

}  // namespace clause
