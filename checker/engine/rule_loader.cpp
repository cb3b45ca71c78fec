#include "checker/engine/rule_loader.h"

#include "checker/engine/native_check.h"
#include "parsers/parse_options.h"
#include "parsers/yaml/yaml_parser.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace clause {

const char *target_format_name(TargetFormat f) {
  switch (f) {
    case TargetFormat::Terraform: return "terraform";
    case TargetFormat::CloudFormation: return "cloudformation";
    case TargetFormat::Kubernetes: return "kubernetes";
    case TargetFormat::Agreement: return "agreement";
  }
  return "terraform";
}

std::optional<TargetFormat> parse_target_format(std::string_view name) {
  if (name == "terraform") return TargetFormat::Terraform;
  if (name == "cloudformation") return TargetFormat::CloudFormation;
  if (name == "kubernetes") return TargetFormat::Kubernetes;
  if (name == "agreement") return TargetFormat::Agreement;
  return std::nullopt;
}

std::optional<TargetFormat> target_format_of(DocKind kind) {
  switch (kind) {
    case DocKind::Terraform:
    case DocKind::TerraformPlan: return TargetFormat::Terraform;
    case DocKind::CloudFormation: return TargetFormat::CloudFormation;
    case DocKind::Kubernetes: return TargetFormat::Kubernetes;
    case DocKind::Agreement: return TargetFormat::Agreement;
    default: return std::nullopt;
  }
}

const Predicate *DeclarativeCheck::check_for(TargetFormat f) const {
  auto it = check.find(f);
  if (it != check.end()) return &it->second;
  return shared_check ? &*shared_check : nullptr;
}

const Predicate *DeclarativeCheck::when_for(TargetFormat f) const {
  auto it = when.find(f);
  if (it != when.end()) return &it->second;
  return shared_when ? &*shared_when : nullptr;
}

namespace {

// Rule packs are user input: they are read with our own YAML parser (the
// one scanned files go through, with its depth, alias and time limits and
// its workarounds for yaml-cpp hangs), never with YAML::LoadAll.
class Loader {
 public:
  explicit Loader(std::string origin) : origin_(std::move(origin)) {}

  [[noreturn]] void fail(const Span &at, const std::string &msg) const {
    std::ostringstream s;
    s << origin_;
    if (at.valid()) s << ':' << at.start_line << ':' << at.start_col;
    s << ": " << msg;
    throw RulePackError(s.str());
  }
  [[noreturn]] void fail(const Node &at, const std::string &msg) const { fail(at.span, msg); }

  // The text of a scalar as written (a number keeps its spelling: 5.10).
  std::string scalar(const Node &n, const char *field) const {
    if (!n.is_scalar()) fail(n, std::string("'") + field + "' must be a string");
    return n.kind == NodeKind::Number ? n.text : n.scalar_text();
  }

  Rule load(const Node &doc) {
    if (!doc.is_map()) fail(doc, "a rule must be a mapping");
    static const std::set<std::string> kKnown = {
        "id",      "name",        "scenario",  "title",     "severity", "targets", "when",      "check",
        "message", "remediation", "rationale", "precision", "tags",     "kind",    "parameters"};
    for (const auto &kv : doc.entries)
      if (!kKnown.count(kv.key)) fail(kv.key_span, "unknown rule field '" + kv.key + "'");
    Rule rule;
    RuleInfo &info = rule.info;
    info.source = origin_;
    info.id = required(doc, "id");
    static const RE2 kId("CL-(\\d\\d)(\\d\\d)");
    int scenario_digits = 0;
    if (!RE2::FullMatch(info.id, kId, &scenario_digits))
      fail(*doc.get("id"), "rule id '" + info.id + "' must look like CL-<scenario two digits><two digits>");
    info.name = required(doc, "name");
    static const RE2 kName("[a-z0-9]+(?:[.-][a-z0-9]+)*");
    if (!RE2::FullMatch(info.name, kName))
      fail(*doc.get("name"),
           "rule name '" + info.name + "' must be a lowercase slug such as ops.backup-enabled");
    info.scenario = required(doc, "scenario");
    static const RE2 kScenario("5\\.(\\d{1,2})");
    int scenario_number = 0;
    if (!RE2::FullMatch(info.scenario, kScenario, &scenario_number) || scenario_number < 1 ||
        scenario_number > 15)
      fail(*doc.get("scenario"), "scenario must be one of 5.1 ... 5.15");
    if (scenario_number != scenario_digits)
      fail(*doc.get("id"), "rule id " + info.id + " does not match scenario " + info.scenario);
    info.title = required(doc, "title");
    std::string sev = required(doc, "severity");
    auto severity = parse_severity(sev);
    if (!severity) fail(*doc.get("severity"), "severity must be critical, high, medium, low or info");
    info.severity = *severity;
    info.remediation = optional_text(doc, "remediation");
    info.rationale = optional_text(doc, "rationale");
    if (const Node *precision = doc.get("precision")) {
      info.precision = scalar(*precision, "precision");
      static const std::set<std::string> kPrecision = {"very-high", "high", "medium", "low"};
      if (!kPrecision.count(info.precision))
        fail(*precision, "precision must be very-high, high, medium or low");
    }
    if (const Node *tags = doc.get("tags")) {
      if (!tags->is_list()) fail(*tags, "'tags' must be a list");
      for (const auto &t : tags->items) info.tags.push_back(scalar(t, "tags"));
    }

    DeclarativeCheck check;
    const Node *targets = doc.get("targets");
    if (!targets || !targets->is_map())
      fail(targets ? *targets : doc, "'targets' must map formats to resource types");
    for (const auto &kv : targets->entries) {
      auto fmt = parse_target_format(kv.key);
      if (!fmt)
        fail(kv.key_span,
             "unknown target format '" + kv.key + "' (terraform, cloudformation, kubernetes, agreement)");
      std::vector<std::string> types;
      if (kv.value.is_scalar()) {
        types.push_back(scalar(kv.value, "targets"));
      } else if (kv.value.is_list()) {
        for (const auto &t : kv.value.items) types.push_back(scalar(t, "targets"));
      } else {
        fail(kv.value, "target types must be a list");
      }
      if (types.empty()) fail(kv.value, "target type list is empty");
      check.targets[*fmt] = std::move(types);
      info.formats.push_back(target_format_name(*fmt));
    }
    std::sort(info.formats.begin(), info.formats.end());
    if (const Node *kind = doc.get("kind")) {
      std::string k = scalar(*kind, "kind");
      if (k == "agreement") {
        info.kind = RuleKind::Agreement;
      } else if (k == "infrastructure") {
        info.kind = RuleKind::Infrastructure;
      } else if (k == "cross-document") {
        info.kind = RuleKind::CrossDocument;
      } else {
        fail(*kind, "kind must be infrastructure, agreement or cross-document");
      }
    } else if (check.targets.size() == 1 && check.targets.count(TargetFormat::Agreement)) {
      info.kind = RuleKind::Agreement;
    }

    if (const Node *parameters = doc.get("parameters")) {
      if (!parameters->is_map()) fail(*parameters, "'parameters' must map names to default values");
      for (const auto &kv : parameters->entries) rule.parameters[kv.key] = to_node(kv.value);
    }
    const Node *check_node = doc.get("check");
    if (!check_node) fail(doc, "missing field 'check'");
    if (check_node->is_string() && check_node->text == "native") {
      // Implemented in C++ under the same id; the targets say which formats
      // it reads, and the message is the code's.
      if (const Node *when = doc.get("when")) fail(*when, "'when' does not apply to native checks");
      if (!find_native_check(info.id)) fail(*check_node, "no native check is registered for " + info.id);
      rule.native = true;
      rule.targets = std::move(check.targets);
      return rule;
    }
    load_predicate_set(*check_node, check.check, check.shared_check, check);
    if (const Node *when = doc.get("when")) load_predicate_set(*when, check.when, check.shared_when, check);
    check.message = required(doc, "message");
    validate_placeholders(*doc.get("message"), check.message);
    rule.declarative = std::move(check);
    return rule;
  }

 private:
  std::string origin_;

  std::string required(const Node &doc, const char *field) const {
    const Node *n = doc.get(field);
    if (!n) fail(doc, std::string("missing field '") + field + "'");
    std::string v = scalar(*n, field);
    if (v.empty()) fail(*n, std::string("field '") + field + "' is empty");
    return v;
  }

  std::string optional_text(const Node &doc, const char *field) const {
    const Node *n = doc.get(field);
    return n ? scalar(*n, field) : std::string();
  }

  void validate_placeholders(const Node &at, const std::string &msg) const {
    static const std::set<std::string> kKnown = {"address",   "type",     "name", "actual",
                                                 "attribute", "expected", "file"};
    size_t pos = 0;
    while ((pos = msg.find('{', pos)) != std::string::npos) {
      size_t end = msg.find('}', pos);
      if (end == std::string::npos) fail(at, "unclosed '{' in message");
      std::string key = msg.substr(pos + 1, end - pos - 1);
      if (!kKnown.count(key))
        fail(at,
             "unknown placeholder {" + key + "} (address, type, name, actual, attribute, expected, file)");
      pos = end + 1;
    }
  }

  // `check:` is either one predicate or a map from format names to one each.
  void load_predicate_set(const Node &n, std::map<TargetFormat, Predicate> &per_format,
                          std::optional<Predicate> &shared, const DeclarativeCheck &check) {
    if (n.is_map()) {
      bool all_formats = !n.entries.empty();
      for (const auto &kv : n.entries)
        if (!parse_target_format(kv.key)) all_formats = false;
      if (all_formats) {
        for (const auto &kv : n.entries) {
          auto fmt = *parse_target_format(kv.key);
          if (!check.targets.count(fmt))
            fail(kv.key_span, std::string("check for format '") + target_format_name(fmt) +
                                  "' that the rule does not target");
          per_format[fmt] = load_predicate(kv.value, 0);
        }
        return;
      }
    }
    shared = load_predicate(n, 0);
  }

  Predicate load_predicate(const Node &n, int depth) {
    if (depth > limits::kMaxCheckNesting) fail(n, "check nested too deeply");
    if (!n.is_map()) fail(n, "a check must be a mapping (all, any, not, or attribute + op)");
    Predicate p;
    if (n.get("all") || n.get("any")) {
      const char *key = n.get("all") ? "all" : "any";
      if (n.entries.size() != 1) fail(n, std::string("'") + key + "' must stand alone in its mapping");
      const Node &list = *n.get(key);
      if (!list.is_list() || list.items.empty())
        fail(list, std::string("'") + key + "' needs a non-empty list");
      p.kind = n.get("all") ? Predicate::Kind::All : Predicate::Kind::Any;
      for (const auto &c : list.items) p.children.push_back(load_predicate(c, depth + 1));
      return p;
    }
    if (const Node *inner = n.get("not")) {
      if (n.entries.size() != 1) fail(n, "'not' must stand alone in its mapping");
      p.kind = Predicate::Kind::Not;
      p.children.push_back(load_predicate(*inner, depth + 1));
      return p;
    }
    static const std::set<std::string> kKnown = {"attribute", "op",          "value",
                                                 "default",   "ignore_case", "quantifier"};
    for (const auto &kv : n.entries)
      if (!kKnown.count(kv.key)) fail(kv.key_span, "unknown check field '" + kv.key + "'");
    const Node *attribute = n.get("attribute");
    if (!attribute) fail(n, "a check needs 'attribute' (or all / any / not)");
    p.kind = Predicate::Kind::Attribute;
    p.path_text = scalar(*attribute, "attribute");
    std::string err;
    auto path = parse_attribute_path(p.path_text, err);
    if (!path) fail(*attribute, err);
    p.path = std::move(*path);
    const Node *op_node = n.get("op");
    std::string op = op_node ? scalar(*op_node, "op") : "exists";
    auto parsed = parse_pred_op(op);
    if (!parsed) fail(*op_node, "unknown op '" + op + "'");
    p.op = *parsed;
    bool needs_value = p.op != PredOp::Exists && p.op != PredOp::Absent;
    const Node *value = n.get("value");
    if (needs_value && !value) fail(n, "op '" + op + "' needs a 'value'");
    if (value) p.value = to_node(*value);
    if (const Node *d = n.get("default")) p.default_value = to_node(*d);
    if (const Node *ic = n.get("ignore_case")) {
      if (ic->kind != NodeKind::Bool) fail(*ic, "'ignore_case' must be true or false");
      p.ignore_case = ic->boolean;
    }
    if (const Node *quantifier = n.get("quantifier")) {
      std::string q = scalar(*quantifier, "quantifier");
      if (q != "all" && q != "any") fail(*quantifier, "quantifier must be all or any");
      p.any_value = q == "any";
    }
    switch (p.op) {
      case PredOp::Lt:
      case PredOp::Le:
      case PredOp::Gt:
      case PredOp::Ge:
      case PredOp::LenGe:
      case PredOp::LenLe:
        if (p.value.kind != NodeKind::Number) fail(*value, "op '" + op + "' needs a number");
        break;
      case PredOp::In:
      case PredOp::NotIn:
        if (p.value.kind != NodeKind::List) fail(*value, "op '" + op + "' needs a list");
        break;
      case PredOp::Matches:
      case PredOp::NotMatches: {
        RE2::Options opts;
        opts.set_log_errors(false);
        opts.set_case_sensitive(!p.ignore_case);
        auto re = std::make_shared<RE2>(p.value.scalar_text(), opts);
        if (!re->ok()) fail(*value, "invalid regular expression (RE2 syntax): " + re->error());
        p.regex = std::move(re);
        break;
      }
      default: break;
    }
    return p;
  }

  // Values are scalars or lists of them, typed by the YAML 1.2 core schema
  // (the parser's), so `7` is a number and `"7"` a string.
  Node to_node(const Node &n) const {
    if (n.is_map()) fail(n, "values must be scalars or lists");
    if (n.is_list())
      for (const auto &c : n.items) to_node(c);
    return n;
  }
};

}  // namespace

std::vector<Rule> load_rules_from_text(std::string_view text, const std::string &origin) {
  Document doc;
  doc.path = origin;
  doc.source = std::string(text);
  parse_yaml(doc, ParseOptions{});
  // A rule pack is held to a higher standard than a scanned file: any
  // problem the parser reports (a duplicate key included) stops the load.
  if (!doc.diagnostics.empty()) {
    const Diagnostic &d = doc.diagnostics.front();
    std::ostringstream s;
    s << origin;
    if (d.span.valid()) s << ':' << d.span.start_line << ':' << d.span.start_col;
    s << ": " << d.message;
    throw RulePackError(s.str());
  }
  std::vector<Rule> rules;
  Loader loader(origin);
  for (const auto &root : doc.roots) {
    if (root.is_null()) continue;
    rules.push_back(loader.load(root));
  }
  return rules;
}

std::vector<Rule> load_rules_from_directory(const std::string &dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) throw RulePackError(dir + ": not a directory of rule packs");
  std::vector<fs::path> files;
  for (fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec), end;
       it != end && !ec; it.increment(ec)) {
    if (!it->is_regular_file()) continue;
    auto ext = it->path().extension();
    if (ext == ".yaml" || ext == ".yml") files.push_back(it->path());
  }
  if (ec) throw RulePackError(dir + ": " + ec.message());
  std::sort(files.begin(), files.end());
  std::vector<Rule> out;
  for (const auto &f : files) {
    std::ifstream in(f, std::ios::binary);
    if (!in) throw RulePackError(f.string() + ": cannot read");
    std::ostringstream ss;
    ss << in.rdbuf();
    auto rules = load_rules_from_text(ss.str(), f.string());
    for (auto &r : rules) out.push_back(std::move(r));
  }
  return out;
}

}  // namespace clause
