#pragma once
// What each fuzz target runs on one input. The targets (tests/fuzz/fuzz_*.cpp)
// are one call into here; tests/unit/fuzz_regressions_test.cpp replays the
// committed regression inputs through the same functions in the normal
// build, so a fixed crash stays fixed without a clang or sanitizer build.
//
// Besides "does not crash", every entry checks what code downstream relies on
// when it quotes or reports a position: every span of the documents (nodes,
// keys, blocks, comments, diagnostics, resources) lies within the source and
// runs forwards. A violation is returned as `problem`; the fuzz targets abort
// on it, so libFuzzer keeps the input.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "checker/agreement/vague_terms.h"
#include "checker/agreement/values.h"
#include "checker/discovery/discover.h"
#include "checker/engine/evaluator.h"
#include "checker/engine/rule_loader.h"
#include "checker/engine/rule_set.h"
#include "checker/model/expr.h"
#include "checker/project/loader.h"
#include "checker/workflow/glob.h"
#include "parsers/cloudformation/cfn_resources.h"
#include "parsers/kubernetes/k8s_resources.h"
#include "parsers/terraform/plan_resources.h"

namespace clause::fuzz {

// Limits small enough that no single input of -max_len bytes can keep a
// parser busy for seconds legitimately: a slow input is then a finding, not
// bad luck. Depth stays at its default, which is what users get.
inline ParseOptions parse_options() {
  ParseOptions opts;
  opts.max_nodes = 200'000;
  opts.max_alias_expansion = 20'000;
  opts.timeout = std::chrono::milliseconds(2'000);
  return opts;
}

// A quarter of a user's evaluation budget: a value that escapes the budget
// grows past it just the same, and an input the budget stops costs a
// quarter of the time and memory (under ASan, a 1,000,000-node budget spent
// in resource bodies took 5 s and 700 MB of one run; docs/fuzzing.md).
inline LoadOptions load_options() {
  LoadOptions load;
  load.parse = parse_options();
  load.eval_budget = {tf::kEvalBudgetNodes / 4, tf::kEvalBudgetBytes / 4};
  return load;
}

struct Result {
  std::vector<DocumentPtr> documents;       // one per way the input was read
  size_t resources = 0;                     // normalised out of them
  std::vector<Finding> findings;            // scan route and rules: findings, then undecided checks
  std::vector<FileDiagnostic> diagnostics;  // scan route: the project's (evaluation limits, ...)
  size_t values = 0;                        // agreement: scalars the value readers accepted
  size_t rules = 0;                         // rule loader: rules loaded
  std::string error;                        // rule loader: the RulePackError, if any
  std::string problem;                      // a broken invariant; empty when all held
};

namespace detail {

// Checks every span against the document's text: within the source, running
// forwards, and its lines and columns those of its byte offsets (1-based,
// columns in bytes; JSON and YAML count line 1's columns from after a UTF-8
// BOM, HCL from the start of the file).
class SpanChecker {
 public:
  SpanChecker(const Document &doc, bool bom_is_column_zero, std::string &problem)
      : doc_(doc), problem_(problem) {
    line_starts_.push_back(bom_is_column_zero && doc.source.starts_with("\xEF\xBB\xBF") ? 3 : 0);
    for (size_t i = 0; i < doc.source.size(); ++i)
      if (doc.source[i] == '\n') line_starts_.push_back(static_cast<uint32_t>(i + 1));
  }

  void span(const Span &s, const char *what) {
    if (!problem_.empty() || !s.valid()) return;
    uint32_t start_line = 0, start_col = 0, end_line = 0, end_col = 0;
    if (s.start_offset > s.end_offset || s.end_offset > doc_.source.size()) {
      fail(s, what, "outside the source or backwards");
      return;
    }
    position(s.start_offset, start_line, start_col);
    position(s.end_offset, end_line, end_col);
    if (start_line != s.start_line || start_col != s.start_col || end_line != s.end_line ||
        end_col != s.end_col)
      fail(s, what,
           "not where its offsets are (" + std::to_string(start_line) + ':' + std::to_string(start_col) +
               '-' + std::to_string(end_line) + ':' + std::to_string(end_col) + ')');
  }

  // What a finding or a diagnostic at this span quotes as its snippet.
  void quoted(const Span &s, const char *what) {
    span(s, what);
    if (problem_.empty() && s.valid()) (void)doc_.line_text(s.start_line);
  }

  void node(const Node &n) {
    span(n.span, "node");
    if (n.expr) expr(*n.expr);
    for (const auto &item : n.items) node(item);
    for (const auto &e : n.entries) {
      span(e.key_span, "key");
      node(e.value);
    }
  }

  void expr(const Expr &e) {
    span(e.span, "expression");
    node(e.value());
    for (const auto &arg : e.args) expr(arg);
  }

  void document() {
    for (const auto &root : doc_.roots) node(root);
    for (const auto &b : doc_.blocks) {
      span(b.span, "block");
      span(b.header, "block header");
      node(b.body);
    }
    for (const auto &c : doc_.comments) span(c.span, "comment");
    for (const auto &d : doc_.diagnostics) quoted(d.span, "diagnostic");
  }

 private:
  void position(uint32_t offset, uint32_t &line, uint32_t &col) const {
    auto after = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
    if (after == line_starts_.begin()) {  // inside a BOM
      line = col = 1;
      return;
    }
    line = static_cast<uint32_t>(after - line_starts_.begin());
    col = offset - *(after - 1) + 1;
  }

  void fail(const Span &s, const char *what, const std::string &why) {
    problem_ = std::string(what) + " span " + std::to_string(s.start_line) + ':' +
               std::to_string(s.start_col) + '-' + std::to_string(s.end_line) + ':' +
               std::to_string(s.end_col) + " (bytes " + std::to_string(s.start_offset) + '-' +
               std::to_string(s.end_offset) + " of " + std::to_string(doc_.source.size()) + ") is " + why;
  }

  const Document &doc_;
  std::string &problem_;
  std::vector<uint32_t> line_starts_;
};

inline SpanChecker checker(const Document &doc, std::string &problem) {
  return SpanChecker(doc, doc.path.ends_with(".tf") ? false : true, problem);
}

inline void check_resources(const Document &doc, const std::vector<Resource> &resources, Result &out) {
  out.resources += resources.size();
  SpanChecker check = checker(doc, out.problem);
  for (const auto &r : resources) {
    if (r.document != &doc && out.problem.empty())
      out.problem = "resource " + r.address + " names another document";
    check.quoted(r.span, "resource");
    if (r.body) check.node(*r.body);
  }
}

// The loader's route for one file name: parse, classify, validate.
inline DocumentPtr parse(std::string_view bytes, std::string name, Syntax syntax, DocKind hint) {
  SourceFile file;
  file.rel_path = name;
  file.abs_path = "/fuzz/" + name;
  file.syntax = syntax;
  file.kind_hint = hint;
  file.size = bytes.size();
  return parse_document(file, std::string(bytes), parse_options());
}

// What the project loader normalises out of a structured document.
inline void structured_resources(const Document &doc, Result &out) {
  switch (doc.kind) {
    case DocKind::CloudFormation: check_resources(doc, cloudformation_resources(doc), out); break;
    case DocKind::Kubernetes: {
      auto resources = kubernetes_resources(doc);
      for (const auto &r : resources)
        if (const Node *spec = pod_spec(r)) checker(doc, out.problem).node(*spec);
      check_resources(doc, resources, out);
      break;
    }
    case DocKind::TerraformPlan: {
      check_resources(doc, plan_resources(doc), out);
      SpanChecker check = checker(doc, out.problem);
      for (const auto &change : plan_changes(doc)) {
        check.quoted(change.span, "plan change");
        for (const Node *n : {change.before, change.after, change.after_unknown})
          if (n) check.node(*n);
      }
      break;
    }
    default: break;
  }
}

// Every scalar of an agreement through the value readers agreement rules use.
inline void read_agreement_values(const Node &n, size_t &seen) {
  if (n.is_string()) {
    seen += agreement::parse_duration_seconds(n).has_value();
    seen += agreement::parse_date(n.text).has_value();
    seen += agreement::find_vague_term(n.text).size();
    seen += agreement::has_number(n.text);
  }
  if (n.is_scalar()) seen += agreement::parse_percent(n).has_value();
  for (const auto &item : n.items) read_agreement_values(item, seen);
  for (const auto &e : n.entries) read_agreement_values(e.value, seen);
}

inline void check_findings(const Project &project, const Evaluation &evaluation, std::string &problem);

// A scratch directory for the scan route, one per process, removed at exit.
class ScratchRoot {
 public:
  ScratchRoot() {
    std::string pattern = (std::filesystem::temp_directory_path() / "clause-fuzz-XXXXXX").string();
    if (!mkdtemp(pattern.data())) {
      std::perror("clause fuzz: mkdtemp");
      std::abort();
    }
    dir_ = pattern;
  }
  ~ScratchRoot() {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  const std::string &dir() const { return dir_; }

 private:
  std::string dir_;
};

// The whole route of a scan for a root holding one file: the loader reads
// and parses it, normalises resources (Terraform evaluated, agreements as
// pseudo-resources), and every built-in rule is evaluated (strict, so the
// undecided paths run too). Findings are checked like spans.
inline void scan(std::string_view bytes, const std::string &name, Syntax syntax, DocKind hint, Result &out) {
  static const ScratchRoot root;
  static const RuleSet rules = RuleSet::builtin();
  SourceFile file;
  file.rel_path = name;
  file.abs_path = root.dir() + "/" + name;
  file.syntax = syntax;
  file.kind_hint = hint;
  file.size = bytes.size();
  {
    std::ofstream f(file.abs_path, std::ios::binary | std::ios::trunc);
    f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!f) {
      std::perror("clause fuzz: writing the input");
      std::abort();
    }
  }
  Discovery discovery;
  discovery.root_abs = root.dir();
  discovery.files.push_back(file);
  LoadOptions load = load_options();
  Project project = load_project(discovery, load);
  EvaluationOptions eval;
  eval.strict = true;
  Evaluation evaluation = evaluate_rules(rules, project, eval);
  for (const auto *findings : {&evaluation.findings, &evaluation.undecided})
    out.findings.insert(out.findings.end(), findings->begin(), findings->end());
  for (const auto &doc : project.documents) {
    std::vector<Resource> own;
    for (const auto &r : project.resources)
      if (r.document == doc.get()) own.push_back(r);
    check_resources(*doc, own, out);
  }
  check_findings(project, evaluation, out.problem);
  out.diagnostics = std::move(project.diagnostics);
  for (auto &doc : project.documents) out.documents.push_back(std::move(doc));
}

inline Result finish_documents(Result out) {
  for (const auto &doc : out.documents) checker(*doc, out.problem).document();
  return out;
}

}  // namespace detail

// HCL: a Terraform configuration file.
inline Result hcl(std::string_view bytes) {
  Result out;
  out.documents.push_back(detail::parse(bytes, "fuzz.tf", Syntax::Hcl, DocKind::Terraform));
  return detail::finish_documents(std::move(out));
}

// YAML: classified (CloudFormation, Kubernetes, agreement, ...) and the
// resources of a template or manifest extracted; a document of a kind clause
// reads is then scanned too (loader and every built-in rule).
inline Result yaml(std::string_view bytes) {
  Result out;
  out.documents.push_back(detail::parse(bytes, "fuzz.yaml", Syntax::Yaml, DocKind::Unknown));
  detail::structured_resources(*out.documents.back(), out);
  if (out.documents.back()->kind != DocKind::Unknown)
    detail::scan(bytes, "fuzz.yaml", Syntax::Yaml, DocKind::Unknown, out);
  return detail::finish_documents(std::move(out));
}

// JSON, read twice: as a plain .json file (classified: plan JSON, template,
// manifest, agreement; resources extracted) and as Terraform's .tf.json;
// each is scanned too when it gave something clause reads.
inline Result json(std::string_view bytes) {
  Result out;
  out.documents.push_back(detail::parse(bytes, "fuzz.json", Syntax::Json, DocKind::Unknown));
  detail::structured_resources(*out.documents.back(), out);
  if (out.documents.back()->kind != DocKind::Unknown)
    detail::scan(bytes, "fuzz.json", Syntax::Json, DocKind::Unknown, out);
  out.documents.push_back(detail::parse(bytes, "fuzz.tf.json", Syntax::Json, DocKind::Terraform));
  if (!out.documents.back()->blocks.empty())
    detail::scan(bytes, "main.tf.json", Syntax::Json, DocKind::Terraform, out);
  return detail::finish_documents(std::move(out));
}

// A cloud service agreement, scanned: read as YAML (and as JSON when it
// looks like JSON), validated when the loader classifies it as an agreement,
// judged by every built-in rule; then every scalar goes through the
// agreement value readers.
inline Result agreement(std::string_view bytes) {
  Result out;
  detail::scan(bytes, "agreement.yaml", Syntax::Yaml, DocKind::Unknown, out);
  size_t first = bytes.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && (bytes[first] == '{' || bytes[first] == '['))
    detail::scan(bytes, "agreement.json", Syntax::Json, DocKind::Unknown, out);
  for (const auto &doc : out.documents)
    if (doc->kind == DocKind::Agreement)
      for (const auto &root : doc->roots) detail::read_agreement_values(root, out.values);
  return detail::finish_documents(std::move(out));
}

// A Terraform configuration file, scanned: parsed, evaluated into resources
// (variables, locals, count/for_each, functions, module calls) and the
// references graph, and judged by every built-in rule.
inline Result terraform(std::string_view bytes) {
  Result out;
  detail::scan(bytes, "main.tf", Syntax::Hcl, DocKind::Terraform, out);
  return detail::finish_documents(std::move(out));
}

namespace detail {

// What the loaded rules of the rules target are evaluated on: every fixture
// of the repository (Terraform, plans, CloudFormation, Kubernetes and
// agreements), loaded once.
inline const Project &fixtures_project() {
  static const Project project = [] {
    Discovery discovery = discover(CLAUSE_SOURCE_DIR "/fixtures", DiscoveryOptions{});
    LoadOptions load = load_options();
    return load_project(discovery, load);
  }();
  return project;
}

inline void check_findings(const Project &project, const Evaluation &evaluation, std::string &problem) {
  for (const auto *findings : {&evaluation.findings, &evaluation.undecided})
    for (const auto &f : *findings) {
      if (const Document *doc = project.find_document(f.location.path))
        checker(*doc, problem).quoted(f.location.span, "finding");
      for (const auto &rel : f.related)
        if (const Document *doc = project.find_document(rel.location.path))
          checker(*doc, problem).quoted(rel.location.span, "related location");
    }
}

}  // namespace detail

// A rule pack file: loaded, each rule's parameters bound again (what
// configuration overrides do), and the rules evaluated on the fixtures (a
// `check: native` rule runs its native check with the pack's parameters).
inline Result rules(std::string_view bytes) {
  Result out;
  try {
    std::vector<Rule> loaded = load_rules_from_text(bytes, "fuzz.yaml");
    out.rules = loaded.size();
    for (auto &rule : loaded) rebind_rule_parameters(rule);
    if (loaded.empty()) return out;
    RuleSet set;
    set.add(std::move(loaded));
    const Project &project = detail::fixtures_project();
    EvaluationOptions eval;
    eval.strict = true;
    Evaluation evaluation = evaluate_rules(set, project, eval);
    for (const auto *findings : {&evaluation.findings, &evaluation.undecided})
      out.findings.insert(out.findings.end(), findings->begin(), findings->end());
    detail::check_findings(project, evaluation, out.problem);
  } catch (const RulePackError &e) {
    out.error = e.what();
  }
  return out;
}

// A glob of .clause.yaml (exclude, suppressions[].path, locations.*.paths)
// against paths: the first line is the pattern, every further line a path.
// Each answer must agree with the answer for the path after "./" (which a
// path may carry and a match ignores); `values` counts the matches. The
// matcher is linear, so a slow input is a finding (libFuzzer's -timeout).
inline Result glob(std::string_view bytes) {
  Result out;
  const size_t nl = bytes.find('\n');
  const std::string_view pattern = bytes.substr(0, nl);
  std::string_view rest = nl == std::string_view::npos ? std::string_view() : bytes.substr(nl + 1);
  while (!rest.empty() || nl != std::string_view::npos) {
    const size_t end = rest.find('\n');
    const std::string_view path = rest.substr(0, end);
    const bool matched = glob_match(pattern, path);
    if (matched != glob_match(pattern, "./" + std::string(path)) && out.problem.empty())
      out.problem = "glob '" + std::string(pattern) + "' answers differently for '" + std::string(path) +
                    "' and './" + std::string(path) + "'";
    out.values += matched;
    if (end == std::string_view::npos) break;
    rest.remove_prefix(end + 1);
  }
  return out;
}

// The fuzz targets' verdict: a broken invariant aborts, so libFuzzer saves
// the input as a crash.
inline int verdict(const Result &result) {
  if (result.problem.empty()) return 0;
  std::fprintf(stderr, "fuzz: invariant broken: %s\n", result.problem.c_str());
  std::abort();
}

inline std::string_view bytes_of(const uint8_t *data, size_t size) {
  return {reinterpret_cast<const char *>(data), size};
}

}  // namespace clause::fuzz
