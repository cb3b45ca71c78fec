// The generic rule test: every rule runs on its fixtures in
// fixtures/rules/<ID>/. Each subdirectory named pass* or fail* is a scan root
// of its own. A case's own .clause.yaml supplies its `locations:` tables and
// its `units:`. Expectations live beside the fixture lines, in comments
// (docs/contributing-rules.md, "Fixture annotations"):
//
//   # expect: CL-0170                       this line, any column
//   # expect: CL-0170:5:3 "eu-west-2 (GB)" related=agreement.yaml:10
//   # expect-note: CL-0170 "`var.region`"   an undecided note (--strict only)
//   # ok: CL-0170                           a near miss: must not be reported
//   # expect-diagnostic: agreement-schema:6:3 "text"   a diagnostic
//
// Several items may share one comment, separated by commas. JSON files, which
// have no comments, list `LINE ANNOTATION` per line in `<file>.expect`
// (`26 CL-1270 "from 14 to 7"`, `40 ok: CL-1270`; no marker means expect:).
// A pass* case must give no finding at all (notes and near misses may be
// annotated); a fail* case exactly the annotated ones, and what it prints in
// the text format is its expected.txt. A case with notes is
// scanned again with --strict and must then give the findings and the notes.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <re2/re2.h>

#include "checker/engine/rule_set.h"
#include "checker/scan/scanner.h"
#include "checker/workflow/cfn_parameters.h"
#include "checker/workflow/config.h"
#include "reporters/text_reporter.h"

namespace clause {
namespace {

namespace fs = std::filesystem;

enum class Mark { Finding, Note, Ok, Diagnostic };

struct Expectation {
  Mark mark = Mark::Finding;
  std::string rule;  // a rule id, or a diagnostic's code (Mark::Diagnostic)
  std::string file;  // relative to the case folder
  uint32_t line = 0;
  uint32_t col = 0;                                       // 0: any column
  std::vector<std::string> message;                       // substrings the message must contain
  std::vector<std::pair<std::string, uint32_t>> related;  // related locations the finding must carry
  std::string origin;                                     // where the annotation is written, "file:line"
};

const fs::path kFixtures = fs::path(CLAUSE_SOURCE_DIR) / "fixtures" / "rules";

// Reads the items after a marker (`CL-0170:5:3 "text" related=a.yaml:10,
// CL-0171`) written on line `here` of `file`. Returns an error, or "".
std::string parse_items(std::string_view text, Mark mark, const std::string &file, uint32_t here,
                        std::vector<Expectation> &out) {
  static const RE2 kSep("[\\s,]+");
  static const RE2 kItem("(CL-\\d{4})(?::([+-]?\\d+)(?::(\\d+))?)?");
  static const RE2 kCode("([a-z][a-z0-9-]*)(?::([+-]?\\d+)(?::(\\d+))?)?");
  static const RE2 kQuoted("\"((?:[^\"\\\\]|\\\\.)*)\"");
  static const RE2 kRelated("related=([^\\s,:]+):(\\d+)");
  re2::StringPiece rest(text.data(), text.size());
  Expectation *current = nullptr;
  size_t first = out.size();
  while (true) {
    RE2::Consume(&rest, kSep);
    if (rest.empty()) break;
    std::string id, line, col, quoted, rel_file;
    uint32_t rel_line = 0;
    if (RE2::Consume(&rest, mark == Mark::Diagnostic ? kCode : kItem, &id, &line, &col)) {
      Expectation e;
      e.mark = mark;
      e.rule = id;
      e.file = file;
      e.origin = file + ":" + std::to_string(here);
      long n = line.empty() ? static_cast<long>(here) : std::stol(line);
      if (!line.empty() && (line[0] == '+' || line[0] == '-')) n = static_cast<long>(here) + std::stol(line);
      if (n <= 0) return "line " + line + " is before the file's start";
      e.line = static_cast<uint32_t>(n);
      e.col = col.empty() ? 0 : static_cast<uint32_t>(std::stoul(col));
      out.push_back(std::move(e));
      current = &out.back();
    } else if (current && RE2::Consume(&rest, kQuoted, &quoted)) {
      std::string unescaped;
      for (size_t i = 0; i < quoted.size(); ++i) {
        if (quoted[i] == '\\' && i + 1 < quoted.size()) ++i;
        unescaped += quoted[i];
      }
      current->message.push_back(unescaped);
    } else if (current && RE2::Consume(&rest, kRelated, &rel_file, &rel_line)) {
      current->related.emplace_back(rel_file, rel_line);
    } else {
      return "cannot read the annotation at '" + std::string(rest.data(), rest.size()) + "'";
    }
  }
  if (out.size() == first) return "an annotation without a rule id";
  return "";
}

Mark mark_named(const std::string &name) {
  if (name == "expect-note") return Mark::Note;
  if (name == "ok") return Mark::Ok;
  if (name == "expect-diagnostic") return Mark::Diagnostic;
  return Mark::Finding;
}

// The annotations of one file's text; `rel` names the file (for a JSON
// file's `.expect` list, the JSON file it describes).
std::vector<Expectation> read_annotations(std::istream &in, const std::string &rel, bool expect_list,
                                          std::vector<std::string> &errors) {
  static const RE2 kComment("\\b(expect-note|expect|ok):\\s*(CL-\\d{4}.*)");
  static const RE2 kDiagnostic("\\b(expect-diagnostic):\\s*([a-z].*)");
  static const RE2 kListed(
      "\\s*(\\d+)\\s+(?:(expect-note|expect|ok):\\s*(CL-\\d{4}.*)|(expect-diagnostic):\\s*([a-z].*)|(CL-\\d{"
      "4}.*))");
  std::vector<Expectation> out;
  std::string text;
  uint32_t n = 0;
  while (std::getline(in, text)) {
    ++n;
    std::string mark, items;
    uint32_t line = n;
    if (expect_list) {
      if (text.find_first_not_of(" \t\r") == std::string::npos) continue;
      std::string diag_mark, diag_items, plain;
      if (!RE2::FullMatch(text, kListed, &line, &mark, &items, &diag_mark, &diag_items, &plain)) {
        errors.push_back(rel + ".expect:" + std::to_string(n) + ": not `LINE ANNOTATION`");
        continue;
      }
      if (!diag_mark.empty()) mark = diag_mark, items = diag_items;
      if (!plain.empty()) items = plain;
    } else if (!RE2::PartialMatch(text, kDiagnostic, &mark, &items) &&
               !RE2::PartialMatch(text, kComment, &mark, &items)) {
      continue;
    }
    std::string error = parse_items(items, mark_named(mark), rel, line, out);
    if (!error.empty()) errors.push_back(rel + ":" + std::to_string(n) + ": " + error);
  }
  return out;
}

std::vector<Expectation> read_expectations(const fs::path &root, std::vector<std::string> &errors) {
  std::vector<Expectation> out;
  for (const auto &entry : fs::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file()) continue;
    std::string rel = fs::relative(entry.path(), root).generic_string();
    if (rel == "expected.txt") continue;  // the case's output, quoting the annotated lines
    std::ifstream in(entry.path());
    bool listed = entry.path().extension() == ".expect";
    if (listed) rel = rel.substr(0, rel.size() - std::string(".expect").size());
    for (auto &e : read_annotations(in, rel, listed, errors)) out.push_back(std::move(e));
  }
  return out;
}

bool at_place(const Expectation &e, const Finding &f) {
  return f.rule_id == e.rule && f.location.path == e.file && f.location.span.start_line == e.line &&
         (e.col == 0 || f.location.span.start_col == e.col);
}

// Does `f` satisfy every part of `e`? A related location counts only with a
// message that says what it is.
bool satisfies(const Expectation &e, const Finding &f) {
  if (!at_place(e, f) || f.undecided != (e.mark == Mark::Note)) return false;
  if (f.undecided && f.severity != Severity::Info) return false;
  for (const auto &s : e.message)
    if (f.message.find(s) == std::string::npos) return false;
  for (const auto &[file, line] : e.related) {
    bool found = false;
    for (const auto &r : f.related)
      found = found || (r.location.path == file && r.location.span.start_line == line && !r.message.empty());
    if (!found) return false;
  }
  return true;
}

std::string describe(const Finding &f) {
  std::ostringstream s;
  s << f.location.path << ":" << f.location.span.start_line << ":" << f.location.span.start_col << " "
    << f.rule_id << (f.undecided ? " (note)" : "") << " \"" << f.message << "\"";
  for (const auto &r : f.related) s << " related=" << r.location.path << ":" << r.location.span.start_line;
  return s.str();
}

// The failures of one scan against the annotations: expectations no finding
// satisfies, findings no expectation describes, near misses reported. Notes
// are expected only when `strict`.
std::vector<std::string> compare(const std::vector<Expectation> &expected, const std::vector<Finding> &actual,
                                 bool strict) {
  std::vector<std::string> failures;
  auto wanted = [&](const Expectation &e) {
    return e.mark == Mark::Finding || (strict && e.mark == Mark::Note);
  };
  for (const auto &e : expected) {
    if (e.mark == Mark::Ok) {
      for (const auto &f : actual)
        if (at_place(e, f) && !f.undecided)
          failures.push_back(e.origin + ": ok: " + e.rule + " is a near miss, but reported: " + describe(f));
      continue;
    }
    if (!wanted(e)) continue;
    bool found = false;
    for (const auto &f : actual) found = found || satisfies(e, f);
    if (found) continue;
    std::string msg = e.origin + ": expected " + std::string(e.mark == Mark::Note ? "note " : "") + e.rule +
                      " at " + e.file + ":" + std::to_string(e.line) + ", not reported";
    for (const auto &f : actual)
      if (f.rule_id == e.rule && f.location.path == e.file && f.location.span.start_line == e.line)
        msg += "\n  there is: " + describe(f);
    failures.push_back(msg);
  }
  for (const auto &f : actual) {
    bool described = false;
    for (const auto &e : expected) described = described || (wanted(e) && satisfies(e, f));
    if (!described) failures.push_back("unexpected " + describe(f));
  }
  return failures;
}

// The same for the diagnostics of a scan (parse errors, agreement-schema
// problems): each `expect-diagnostic:` names one by code, place and message
// parts; any other diagnostic is a failure.
std::vector<std::string> compare_diagnostics(const std::vector<Expectation> &expected,
                                             const std::vector<FileDiagnostic> &actual) {
  std::vector<std::string> failures;
  auto satisfied = [](const Expectation &e, const FileDiagnostic &d) {
    if (d.diagnostic.code != e.rule || d.path != e.file || d.diagnostic.span.start_line != e.line)
      return false;
    if (e.col != 0 && d.diagnostic.span.start_col != e.col) return false;
    for (const auto &s : e.message)
      if (d.diagnostic.message.find(s) == std::string::npos) return false;
    return true;
  };
  auto describe_diagnostic = [](const FileDiagnostic &d) {
    return d.path + ":" + std::to_string(d.diagnostic.span.start_line) + ":" +
           std::to_string(d.diagnostic.span.start_col) + " " + d.diagnostic.code + " \"" +
           d.diagnostic.message + "\"";
  };
  for (const auto &e : expected) {
    if (e.mark != Mark::Diagnostic) continue;
    bool found = false;
    for (const auto &d : actual) found = found || satisfied(e, d);
    if (!found)
      failures.push_back(e.origin + ": expected diagnostic " + e.rule + " at " + e.file + ":" +
                         std::to_string(e.line) + ", not given");
  }
  for (const auto &d : actual) {
    bool described = false;
    for (const auto &e : expected) described = described || (e.mark == Mark::Diagnostic && satisfied(e, d));
    if (!described) failures.push_back("unexpected diagnostic " + describe_diagnostic(d));
  }
  return failures;
}

std::vector<std::string> builtin_rule_ids() {
  std::vector<std::string> ids;
  RuleSet rules = RuleSet::builtin();
  for (const auto &r : rules.rules()) ids.push_back(r.info.id);
  return ids;
}

// What a fail case prints, in the text reporter's format, is kept beside its
// fixtures as expected.txt: a reviewer reads a rule's messages, locations
// and carets there, and a change to any of them shows in the diff.
// CLAUSE_UPDATE_GOLDEN=1 rewrites the files instead of comparing.
std::string check_expected_text(const Report &report, const fs::path &dir) {
  std::ostringstream text;
  TextOptions opts;
  opts.show_suppressed = true;
  write_text(report, text, opts);
  // Paths as a scan of the case folder from inside it prints them.
  std::string printed = text.str();
  const std::string prefix = dir.string() + "/";
  for (size_t at = printed.find(prefix); at != std::string::npos; at = printed.find(prefix, at))
    printed.erase(at, prefix.size());
  const fs::path file = dir / "expected.txt";
  if (const char *update = std::getenv("CLAUSE_UPDATE_GOLDEN"); update && *update) {
    std::ofstream(file, std::ios::binary) << printed;
    return "";
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) return "expected.txt is missing; write it with CLAUSE_UPDATE_GOLDEN=1";
  std::stringstream committed;
  committed << in.rdbuf();
  if (committed.str() == printed) return "";
  return "the text output differs from expected.txt (if intended, rewrite it with "
         "CLAUSE_UPDATE_GOLDEN=1):\n" +
         printed;
}

class RuleFixtures : public ::testing::TestWithParam<std::string> {};

TEST_P(RuleFixtures, ReportsExactlyTheAnnotatedLines) {
  const std::string id = GetParam();
  RuleSet rules = RuleSet::builtin();
  rules.filter([&](const Rule &r) { return r.info.id == id; });
  ASSERT_EQ(rules.rules().size(), 1u);
  EXPECT_FALSE(rules.rules()[0].info.help_markdown.empty()) << "docs/rules/" << id << ".md is missing";

  fs::path dir = kFixtures / id;
  ASSERT_TRUE(fs::is_directory(dir)) << dir << " is missing";
  int passes = 0, fails = 0;
  bool states_related = false;
  // Formats seen in pass* and fail* cases: each format the rule reads needs
  // both (a plan JSON counts as Terraform).
  std::set<std::string> pass_formats, fail_formats;
  std::vector<fs::path> cases;
  for (const auto &entry : fs::directory_iterator(dir))
    if (entry.is_directory()) cases.push_back(entry.path());
  std::sort(cases.begin(), cases.end());
  for (const auto &c : cases) {
    std::string name = c.filename().string();
    bool is_pass = name.rfind("pass", 0) == 0;
    bool is_fail = name.rfind("fail", 0) == 0;
    if (!is_pass && !is_fail) continue;
    (is_pass ? passes : fails)++;
    ScanOptions opts;
    opts.roots = {c.string()};
    // A case may place CloudFormation stacks and Kubernetes clusters with
    // the `locations:` tables of its own .clause.yaml, and give templates
    // their parameter values (`cloudformation.parameters`).
    if (fs::exists(c / kConfigFileName)) {
      auto config = std::make_shared<Config>(load_config((c / kConfigFileName).string()));
      opts.deployment_region = [config](DocKind kind, const std::string &abs) {
        return config->region_for(kind, abs);
      };
      opts.cfn_inputs = cfn_inputs_for(config, {});
      opts.declared_unit = [config](const std::string &abs) { return config->declared_unit(abs); };
    }
    Report report = run_scan(rules, opts);
    const RootReport &root = report.roots.at(0);
    for (const auto &[kind, n] : root.files_by_kind) {
      if (n == 0) continue;
      std::string fmt = kind == "terraform-plan" ? "terraform" : kind;
      (is_pass ? pass_formats : fail_formats).insert(fmt);
    }
    std::vector<std::string> errors;
    std::vector<Expectation> expected = read_expectations(c, errors);
    for (const auto &e : errors) ADD_FAILURE() << id << "/" << name << "/" << e;
    size_t findings = 0, notes = 0;
    for (const auto &e : expected) {
      findings += e.mark == Mark::Finding;
      states_related = states_related || (e.mark == Mark::Finding && !e.related.empty());
      notes += e.mark == Mark::Note;
      if (e.mark != Mark::Diagnostic) {
        EXPECT_EQ(e.rule, id) << id << "/" << name << "/" << e.origin << ": annotation for another rule";
      }
    }
    if (is_pass) {
      EXPECT_EQ(findings, 0u) << name << " is a pass case but has expect: annotations";
    } else {
      EXPECT_GT(findings, 0u) << name << " is a fail case without expect: annotations";
    }
    for (const auto &f : compare(expected, root.findings, false))
      ADD_FAILURE() << id << "/" << name << "/" << f;
    for (const auto &f : compare_diagnostics(expected, root.diagnostics))
      ADD_FAILURE() << id << "/" << name << "/" << f;
    if (is_fail) {
      if (std::string f = check_expected_text(report, c); !f.empty())
        ADD_FAILURE() << id << "/" << name << "/" << f;
    }
    if (notes == 0) continue;
    opts.strict = true;
    Report strict = run_scan(rules, opts);
    for (const auto &f : compare(expected, strict.roots.at(0).findings, true))
      ADD_FAILURE() << id << "/" << name << " (--strict)/" << f;
  }
  for (const auto &fmt : rules.rules()[0].info.formats) {
    EXPECT_TRUE(pass_formats.count(fmt)) << id << " reads " << fmt << " but no pass* fixture has such a file";
    EXPECT_TRUE(fail_formats.count(fmt)) << id << " reads " << fmt << " but no fail* fixture has such a file";
  }
  // A cross-document finding names the agreement's promise: some fail*
  // case states that side with `related=`.
  if (rules.rules()[0].info.kind == RuleKind::CrossDocument) {
    EXPECT_TRUE(states_related) << id
                                << ": no expect: annotation gives the related location (related=FILE:LINE)";
  }
  EXPECT_GE(passes, 1) << id << " needs at least one pass* fixture";
  EXPECT_GE(fails, 1) << id << " needs at least one fail* fixture";
}

INSTANTIATE_TEST_SUITE_P(Builtin, RuleFixtures, ::testing::ValuesIn(builtin_rule_ids()),
                         [](const ::testing::TestParamInfo<std::string> &info) {
                           std::string n = info.param;
                           for (auto &ch : n)
                             if (ch == '-') ch = '_';
                           return n;
                         });

// The example agreements in fixtures/agreements run through every agreement
// rule at once: the complete ones give nothing, each flawed variant exactly
// the findings its annotations name. The malformed ones in invalid/ give
// exactly their annotated diagnostics (`expect-diagnostic:`); their findings
// are not annotated, but rules still run on them and skip what they cannot
// read.
TEST(AgreementExamples, ReportExactlyTheAnnotatedLines) {
  RuleSet rules = RuleSet::builtin();
  rules.filter([](const Rule &r) { return r.info.kind == RuleKind::Agreement; });
  const fs::path dir = fs::path(CLAUSE_SOURCE_DIR) / "fixtures" / "agreements";
  std::vector<fs::path> files;
  for (const auto &entry : fs::recursive_directory_iterator(dir))
    if (entry.is_regular_file() && entry.path().extension() != ".expect") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  size_t annotated = 0, diagnostics = 0, invalid_findings = 0;
  for (const auto &file : files) {
    std::string name = fs::relative(file, dir).generic_string();
    bool invalid = name.rfind("invalid/", 0) == 0;
    ScanOptions opts;
    opts.roots = {file.string()};
    RootReport root = run_scan(rules, opts).roots.at(0);
    EXPECT_EQ(root.files_by_kind["agreement"], 1u) << name;
    std::string shown = file.filename().string();  // the path findings carry
    std::vector<std::string> errors;
    std::ifstream in(file);
    std::vector<Expectation> expected = read_annotations(in, shown, false, errors);
    if (fs::exists(file.string() + ".expect")) {
      std::ifstream listed(file.string() + ".expect");
      for (auto &e : read_annotations(listed, shown, true, errors)) expected.push_back(std::move(e));
    }
    for (const auto &e : errors) ADD_FAILURE() << name << ": " << e;
    annotated += expected.size();
    diagnostics += root.diagnostics.size();
    for (const auto &f : compare_diagnostics(expected, root.diagnostics)) ADD_FAILURE() << name << ": " << f;
    if (invalid) {
      invalid_findings += root.findings.size();
      continue;
    }
    for (const auto &f : compare(expected, root.findings, false)) ADD_FAILURE() << name << ": " << f;
  }
  EXPECT_GE(files.size(), 9u);
  EXPECT_GE(annotated, 70u);
  EXPECT_GE(diagnostics, 10u);
  EXPECT_GT(invalid_findings, 0u);
}

// The annotation syntax itself.
std::vector<Expectation> annotations(const std::string &text, bool listed, std::vector<std::string> &errors) {
  std::istringstream in(text);
  return read_annotations(in, "main.tf", listed, errors);
}

TEST(FixtureAnnotations, ReadsEveryPartOfAnExpectation) {
  std::vector<std::string> errors;
  auto got = annotations(
      "a\nb\n  # expect: CL-0170:5:3 \"eu-west-2 (GB)\" \"say \\\"x\\\"\" related=agreement.yaml:10 "
      "related=main.tf:11, CL-0171:+2, CL-0172:-1\n",
      false, errors);
  EXPECT_TRUE(errors.empty());
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(got[0].mark, Mark::Finding);
  EXPECT_EQ(got[0].rule, "CL-0170");
  EXPECT_EQ(got[0].file, "main.tf");
  EXPECT_EQ(got[0].line, 5u);
  EXPECT_EQ(got[0].col, 3u);
  EXPECT_EQ(got[0].message, (std::vector<std::string>{"eu-west-2 (GB)", "say \"x\""}));
  EXPECT_EQ(got[0].related,
            (std::vector<std::pair<std::string, uint32_t>>{{"agreement.yaml", 10}, {"main.tf", 11}}));
  EXPECT_EQ(got[0].origin, "main.tf:3");
  EXPECT_EQ(got[1].line, 5u);
  EXPECT_EQ(got[1].col, 0u);
  EXPECT_EQ(got[2].line, 2u);
}

TEST(FixtureAnnotations, KeepsTheLineOnlyForm) {
  std::vector<std::string> errors;
  auto got = annotations("x\n# expect: CL-0001, CL-0002\n", false, errors);
  EXPECT_TRUE(errors.empty());
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[1].rule, "CL-0002");
  EXPECT_EQ(got[1].line, 2u);
  EXPECT_EQ(got[1].col, 0u);
  EXPECT_TRUE(got[1].message.empty());
}

TEST(FixtureAnnotations, ReadsNotesNearMissesAndExpectLists) {
  std::vector<std::string> errors;
  auto got =
      annotations("# expect-note: CL-0170 \"`var.region`\"\n# ok: CL-0171\nlook: CL-0001\n", false, errors);
  EXPECT_TRUE(errors.empty());
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].mark, Mark::Note);
  EXPECT_EQ(got[1].mark, Mark::Ok);
  EXPECT_EQ(got[1].line, 2u);

  auto listed =
      annotations("26 CL-1270 \"from 14 to 7\" related=agreement.yaml:8\n\n40 ok: CL-1270\n", true, errors);
  EXPECT_TRUE(errors.empty());
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[0].line, 26u);
  EXPECT_EQ(listed[0].origin, "main.tf:26");
  EXPECT_EQ(listed[1].mark, Mark::Ok);
  EXPECT_EQ(listed[1].line, 40u);
}

TEST(FixtureAnnotations, RejectsWhatItCannotRead) {
  std::vector<std::string> errors;
  annotations("# expect: CL-0170 relate=a.yaml:3\n", false, errors);
  annotations("# expect: CL-0170 \"unclosed\n", false, errors);
  annotations("26 CL-12\n", true, errors);
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_EQ(errors[0], "main.tf:1: cannot read the annotation at 'relate=a.yaml:3'");
  EXPECT_EQ(errors[1], "main.tf:1: cannot read the annotation at '\"unclosed'");
  EXPECT_EQ(errors[2], "main.tf.expect:1: not `LINE ANNOTATION`");
}

TEST(FixtureAnnotations, ReadsAndComparesDiagnostics) {
  std::vector<std::string> errors;
  auto exp =
      annotations("x: 1 # expect-diagnostic: agreement-schema:1:4 \"must be a list\"\n", false, errors);
  auto listed = annotations("3 expect-diagnostic: parse-error\n", true, errors);
  EXPECT_TRUE(errors.empty());
  ASSERT_EQ(exp.size(), 1u);
  EXPECT_EQ(exp[0].mark, Mark::Diagnostic);
  EXPECT_EQ(exp[0].rule, "agreement-schema");
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].line, 3u);
  FileDiagnostic d;
  d.path = "main.tf";
  d.diagnostic.code = "agreement-schema";
  d.diagnostic.message = "'x' must be a list, not the number 1";
  d.diagnostic.span.start_line = 1;
  d.diagnostic.span.start_col = 4;
  EXPECT_TRUE(compare_diagnostics(exp, {d}).empty());
  EXPECT_TRUE(compare(exp, {}, false).empty());  // not a finding
  EXPECT_EQ(compare_diagnostics({}, {d}).size(), 1u);
  d.diagnostic.span.start_col = 5;
  EXPECT_EQ(compare_diagnostics(exp, {d}).size(), 2u);
}

Finding finding_at(uint32_t line, uint32_t col, std::string message) {
  Finding f;
  f.rule_id = "CL-0170";
  f.location.path = "main.tf";
  f.location.span.start_line = line;
  f.location.span.start_col = col;
  f.message = std::move(message);
  RelatedLocation r;
  r.location.path = "agreement.yaml";
  r.location.span.start_line = 10;
  r.message = "the promise";
  f.related.push_back(r);
  return f;
}

TEST(FixtureAnnotations, ComparesColumnMessageAndRelatedLocation) {
  std::vector<std::string> errors;
  auto exp = annotations("# expect: CL-0170:1:3 \"eu-west-2\" related=agreement.yaml:10\n", false, errors);
  EXPECT_TRUE(compare(exp, {finding_at(1, 3, "in eu-west-2 (GB)")}, false).empty());
  EXPECT_EQ(compare(exp, {finding_at(1, 4, "in eu-west-2 (GB)")}, false).size(), 2u);  // column
  EXPECT_EQ(compare(exp, {finding_at(1, 3, "in us-east-1")}, false).size(), 2u);       // message
  exp[0].related[0].second = 11;
  auto failures = compare(exp, {finding_at(1, 3, "in eu-west-2 (GB)")}, false);  // related location
  ASSERT_EQ(failures.size(), 2u);
  EXPECT_EQ(failures[0],
            "main.tf:1: expected CL-0170 at main.tf:1, not reported\n  there is: main.tf:1:3 CL-0170 \"in "
            "eu-west-2 (GB)\" related=agreement.yaml:10");
  EXPECT_EQ(failures[1], "unexpected main.tf:1:3 CL-0170 \"in eu-west-2 (GB)\" related=agreement.yaml:10");
}

TEST(FixtureAnnotations, NotesCountOnlyUnderStrictAndNearMissesMustStaySilent) {
  std::vector<std::string> errors;
  auto exp = annotations("# expect-note: CL-0170 \"var.region\"\n# ok: CL-0170\n", false, errors);
  Finding note = finding_at(1, 1, "cannot decide: var.region");
  note.undecided = true;
  EXPECT_EQ(compare(exp, {note}, true).size(), 2u);  // a note is of severity info
  note.severity = Severity::Info;
  EXPECT_TRUE(compare(exp, {}, false).empty());
  EXPECT_TRUE(compare(exp, {note}, true).empty());
  EXPECT_EQ(compare(exp, {note}, false).size(), 1u);  // a note outside --strict
  EXPECT_EQ(compare(exp, {}, true).size(), 1u);       // the note missing
  note.undecided = false;
  EXPECT_EQ(compare(exp, {note}, true).size(), 2u);  // a finding, not a note
  auto near = compare(exp, {finding_at(2, 1, "x")}, false);
  ASSERT_EQ(near.size(), 2u);
  EXPECT_EQ(near[0].rfind("main.tf:2: ok: CL-0170 is a near miss, but reported: ", 0), 0u) << near[0];
}

}  // namespace
}  // namespace clause
