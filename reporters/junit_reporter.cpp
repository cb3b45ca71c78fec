#include "reporters/junit_reporter.h"

#include <algorithm>
#include <map>
#include <optional>
#include <vector>

#include "reporters/compliance_summary.h"
#include "reporters/report_util.h"

namespace clause {
namespace {

struct Case {
  const RuleInfo *rule = nullptr;
  std::string name;
  std::optional<FindingRef> finding;  // the case of one finding; none for a case made from the tally
  std::string skip_reason;            // a case made from the tally (not applicable, undecided)
  std::string note;                   // <system-out> of a passing case made from the tally

  bool failed() const { return finding && !finding->finding->suppression && !finding->finding->undecided; }
  bool skipped() const { return !failed() && (finding || !skip_reason.empty()); }
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

std::string with_root(const Report &report, const RootReport &root, std::string name) {
  if (report.roots.size() > 1) name += " [" + root.name + "]";
  return name;
}

// `path:line what`: what CI dashboards list, one case per finding.
std::string located_name(const RootReport &root, const Location &loc, const std::string &what) {
  std::string out = display_path(root, loc.path);
  if (loc.span.start_line != 0) out += ":" + std::to_string(loc.span.start_line);
  return out + " " + what;
}

// Case names made unique in document order: a second case of the same name
// (two findings of one rule on one line) becomes `NAME (2)`, and so on.
class UniqueNames {
 public:
  std::string operator()(std::string name) {
    const size_t n = ++seen_[name];
    if (n == 1) return name;
    std::string numbered = name + " (" + std::to_string(n) + ")";
    while (seen_.count(numbered)) numbered = name + " (" + std::to_string(++seen_[name]) + ")";
    ++seen_[numbered];
    return numbered;
  }

 private:
  std::map<std::string, size_t> seen_;
};

std::string targets(size_t n) { return std::to_string(n) + (n == 1 ? " target" : " targets"); }

// The cases the tally adds for a rule on a root: its passing targets as one
// passing case (JUnit has no way to name them without findings), undecided
// targets without --strict notes, or "not applicable".
void tally_cases(const Report &report, const RootReport &root, const RuleInfo &rule, const RuleResult &r,
                 bool has_undecided_cases, std::vector<Case> &out) {
  const std::string label = rule.name.empty() ? rule.id : rule.name;
  auto add = [&](const std::string &what) -> Case & {
    out.push_back(Case{&rule, with_root(report, root, label + " (" + what + ")"), {}, {}, {}});
    return out.back();
  };
  if (r.tally.passed != 0)
    add(targets(r.tally.passed) + " pass").note = targets(r.tally.passed) + " of " +
                                                  std::to_string(r.tally.targets) + " judged by " + rule.id +
                                                  " pass.";
  if (r.tally.unknown != 0 && !has_undecided_cases)
    add(targets(r.tally.unknown) + " undecided").skip_reason =
        targets(r.tally.unknown) + " could not be decided: values not known statically";
  if (r.outcome == RuleOutcome::NotApplicable)
    add("not applicable").skip_reason = "not applicable: no target of this rule in the scan root";
}

std::vector<Suite> build_suites(const Report &report, UniqueNames &unique) {
  // One case per finding, by (rule, root), in report order.
  std::map<std::pair<std::string, const RootReport *>, std::vector<Case>> finding_cases;
  const RuleIndex index(report.rules);
  std::vector<std::map<std::string, RuleResult, std::less<>>> results;
  for (const RootReport &root : report.roots) {
    results.push_back(rule_results(root, report.rules));
    for (const Finding &f : root.findings) {
      const RuleInfo *rule = index.find(f.rule_id);
      if (rule == nullptr) continue;
      finding_cases[{f.rule_id, &root}].push_back(
          Case{rule, located_name(root, f.location, f.rule_id), FindingRef{&root, &f}, {}, {}});
    }
  }
  std::vector<Suite> suites;
  // The scenarios, then the rules outside them (the meta rules: suppressions
  // and unreadable input), which appear only when they reported something.
  std::vector<std::string> groups(kScenarios.begin(), kScenarios.end());
  groups.emplace_back();
  for (const std::string &scenario : groups) {
    Suite suite;
    suite.name = scenario.empty() ? "meta rules" : scenario + " " + scenario_title(scenario);
    for (const RuleInfo &rule : report.rules) {
      if (rule.scenario != scenario) continue;
      for (size_t ri = 0; ri < report.roots.size(); ++ri) {
        const RootReport &root = report.roots[ri];
        std::vector<Case> cases;
        if (auto it = finding_cases.find({rule.id, &root}); it != finding_cases.end())
          cases = std::move(it->second);
        const bool has_undecided = std::any_of(cases.begin(), cases.end(),
                                               [](const Case &c) { return c.finding->finding->undecided; });
        if (auto r = results[ri].find(rule.id); r != results[ri].end() && !scenario.empty())
          tally_cases(report, root, rule, r->second, has_undecided, cases);
        for (Case &c : cases) {
          c.name = unique(std::move(c.name));
          suite.failures += c.failed() ? 1 : 0;
          suite.skipped += c.skipped() ? 1 : 0;
          suite.cases.push_back(std::move(c));
        }
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

void write_junit(const Report &report, std::ostream &out) {
  UniqueNames unique;
  std::vector<Suite> suites = build_suites(report, unique);

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
      if (c.finding) {
        const Location &at = c.finding->finding->location;
        out << " file=\"" << xml_escape(display_path(*c.finding->root, at.path), true) << "\"";
        if (at.span.start_line != 0) out << " line=\"" << at.span.start_line << "\"";
      }
      if (!c.failed() && !c.skipped() && c.note.empty()) {
        out << "/>\n";
        continue;
      }
      out << ">\n";
      if (c.failed()) write_failure(*c.finding, out);
      if (c.skipped()) {
        std::string why = c.skip_reason;
        if (c.finding && c.finding->finding->suppression) {
          why = "suppressed: " + c.finding->finding->suppression->justification;
        } else if (c.finding) {
          why = "could not be decided: " + c.finding->finding->message;
        }
        out << "      <skipped message=\"" << xml_escape(why, true) << "\"/>\n";
      }
      if (!c.note.empty()) out << "      <system-out>" << xml_escape(c.note, false) << "</system-out>\n";
      out << "    </testcase>\n";
    }
    out << "  </testsuite>\n";
  }
  if (!diagnostics.empty()) {
    out << "  <testsuite name=\"input\"";
    write_counts(out, diagnostics.size(), 0, input.errors, 0);
    out << ">\n";
    for (const auto &[root, d] : diagnostics) {
      const Location at{d->path, d->diagnostic.span};
      const std::string where = position(*root, at);
      out << "    <testcase classname=\"clause.input\" name=\""
          << xml_escape(unique(located_name(*root, at, d->diagnostic.code)), true) << "\" file=\""
          << xml_escape(display_path(*root, d->path), true) << "\"";
      if (at.span.start_line != 0) out << " line=\"" << at.span.start_line << "\"";
      out << ">\n";
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
