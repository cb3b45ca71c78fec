#include "reporters/junit_reporter.h"

#include <map>
#include <tuple>
#include <vector>

#include "checker/model/utf8.h"
#include "reporters/report_util.h"

namespace clause {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

bool xml_allowed(uint32_t cp) {
  if (cp < 0x20) return cp == 0x9 || cp == 0xA || cp == 0xD;
  return cp != 0xFFFE && cp != 0xFFFF;
}

struct Case {
  const RuleInfo *rule = nullptr;
  std::string name;
  std::vector<FindingRef> failures;
  std::vector<FindingRef> suppressed;
};

struct Suite {
  std::string name;
  std::vector<Case> cases;
  size_t failures = 0;
  size_t skipped = 0;
  size_t errors = 0;
};

std::string position(const RootReport &root, const Location &loc) {
  std::string out = display_path(root, loc.path);
  if (loc.span.start_line != 0) out += ":" + std::to_string(loc.span.start_line);
  if (loc.span.start_line != 0 && loc.span.start_col != 0) out += ":" + std::to_string(loc.span.start_col);
  return out;
}

std::string case_name(const Report &report, const RootReport &root, const Finding &f) {
  if (f.resource.empty()) return display_path(root, f.location.path);
  if (report.roots.size() > 1) return f.resource + " [" + root.name + "]";
  return f.resource;
}

std::vector<Suite> build_suites(const Report &report) {
  // Cases per rule, keyed by (root, name), in order of first appearance.
  std::map<std::string, std::vector<Case>> cases_by_rule;
  std::map<std::tuple<std::string, const RootReport *, std::string>, size_t> slot;
  const RuleIndex index(report.rules);
  for (const RootReport &root : report.roots) {
    for (const Finding &f : root.findings) {
      const RuleInfo *rule = index.find(f.rule_id);
      if (rule == nullptr) continue;
      std::string name = case_name(report, root, f);
      auto [it, fresh] = slot.try_emplace({f.rule_id, &root, name}, cases_by_rule[f.rule_id].size());
      std::vector<Case> &cases = cases_by_rule[f.rule_id];
      if (fresh) cases.push_back(Case{rule, std::move(name), {}, {}});
      Case &c = cases[it->second];
      (f.suppression ? c.suppressed : c.failures).push_back({&root, &f});
    }
  }
  std::vector<Suite> suites;
  // The scenarios, then the rules outside them (the suppression meta rules),
  // which appear only when they reported something.
  std::vector<std::string> groups(kScenarios.begin(), kScenarios.end());
  groups.emplace_back();
  for (const std::string &scenario : groups) {
    Suite suite;
    suite.name = scenario.empty() ? "suppressions" : scenario + " " + scenario_title(scenario);
    for (const RuleInfo &rule : report.rules) {
      if (rule.scenario != scenario) continue;
      auto it = cases_by_rule.find(rule.id);
      if (it == cases_by_rule.end()) {
        if (scenario.empty()) continue;
        suite.cases.push_back(Case{&rule, rule.name.empty() ? rule.id : rule.name, {}, {}});
        continue;
      }
      for (Case &c : it->second) {
        if (!c.failures.empty()) {
          ++suite.failures;
        } else {
          ++suite.skipped;
        }
        suite.cases.push_back(std::move(c));
      }
    }
    if (!suite.cases.empty()) suites.push_back(std::move(suite));
  }
  return suites;
}

void write_failure(const FindingRef &ref, std::ostream &out) {
  const Finding &f = *ref.finding;
  out << "      <failure message=\"" << xml_escape(f.message, true) << "\" type=\""
      << severity_name(f.severity) << "\">";
  std::string body = position(*ref.root, f.location) + ": " + severity_name(f.severity) + ": [" + f.rule_id +
                     "] " + f.message;
  if (!f.snippet.empty()) body += "\n" + f.snippet;
  for (const RelatedLocation &r : f.related)
    body += "\n" + position(*ref.root, r.location) + ": note: " + r.message;
  out << xml_escape(body, false) << "</failure>\n";
}

void write_counts(std::ostream &out, size_t tests, size_t failures, size_t errors, size_t skipped) {
  out << " tests=\"" << tests << "\" failures=\"" << failures << "\" errors=\"" << errors << "\" skipped=\""
      << skipped << "\"";
}

}  // namespace

std::string xml_escape(std::string_view text, bool attribute) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    uint32_t cp = 0;
    const size_t len = utf8_sequence(text, i, cp);
    if (len == 0 || !xml_allowed(cp)) {
      out.append(kReplacement);
      i += len == 0 ? 1 : len;
      continue;
    }
    switch (cp) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += attribute ? "&quot;" : "\""; break;
      case '\'': out += attribute ? "&apos;" : "'"; break;
      case '\t': out += attribute ? "&#9;" : "\t"; break;
      case '\n': out += attribute ? "&#10;" : "\n"; break;
      case '\r': out += "&#13;"; break;
      default: out.append(text.substr(i, len));
    }
    i += len;
  }
  return out;
}

void write_junit(const Report &report, std::ostream &out) {
  std::vector<Suite> suites = build_suites(report);

  // Input problems: one testcase each; errors are <error>, the rest pass
  // with the message in <system-out>.
  Suite input;
  input.name = "input";
  std::vector<std::pair<const RootReport *, const FileDiagnostic *>> diagnostics;
  for (const RootReport &root : report.roots) {
    for (const FileDiagnostic &d : root.diagnostics) {
      diagnostics.emplace_back(&root, &d);
      if (d.diagnostic.level == DiagLevel::Error) ++input.errors;
    }
  }

  size_t tests = diagnostics.size();
  size_t failures = 0;
  size_t skipped = 0;
  for (const Suite &s : suites) {
    tests += s.cases.size();
    failures += s.failures;
    skipped += s.skipped;
  }

  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"clause\"";
  write_counts(out, tests, failures, input.errors, skipped);
  out << ">\n";
  for (const Suite &s : suites) {
    out << "  <testsuite name=\"" << xml_escape(s.name, true) << "\"";
    write_counts(out, s.cases.size(), s.failures, 0, s.skipped);
    out << ">\n";
    for (const Case &c : s.cases) {
      out << "    <testcase classname=\"" << xml_escape(c.rule->id, true) << "\" name=\""
          << xml_escape(c.name, true) << "\"";
      if (c.failures.empty() && c.suppressed.empty()) {
        out << "/>\n";
        continue;
      }
      out << ">\n";
      for (const FindingRef &ref : c.failures) write_failure(ref, out);
      if (c.failures.empty()) {
        const std::string &why = c.suppressed.front().finding->suppression->justification;
        out << "      <skipped message=\"" << xml_escape("suppressed: " + why, true) << "\"/>\n";
      }
      out << "    </testcase>\n";
    }
    out << "  </testsuite>\n";
  }
  if (!diagnostics.empty()) {
    out << "  <testsuite name=\"input\"";
    write_counts(out, diagnostics.size(), 0, input.errors, 0);
    out << ">\n";
    for (const auto &[root, d] : diagnostics) {
      const std::string where = position(*root, {d->path, d->diagnostic.span});
      out << "    <testcase classname=\"clause.input\" name=\""
          << xml_escape(display_path(*root, d->path), true) << "\">\n";
      const std::string text = where + ": " + d->diagnostic.message + " [" + d->diagnostic.code + "]";
      if (d->diagnostic.level == DiagLevel::Error) {
        out << "      <error message=\"" << xml_escape(d->diagnostic.message, true) << "\" type=\""
            << xml_escape(d->diagnostic.code, true) << "\">" << xml_escape(text, false) << "</error>\n";
      } else {
        out << "      <system-out>" << xml_escape(text, false) << "</system-out>\n";
      }
      out << "    </testcase>\n";
    }
    out << "  </testsuite>\n";
  }
  out << "</testsuites>\n";
}

}  // namespace clause
