#include "checker/engine/rule_loader.h"

#include <yaml-cpp/yaml.h>

#include "checker/agreement/values.h"
#include "checker/engine/native_check.h"

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

const Predicate *DeclarativeCheck::check_for(TargetFormat f, const std::string &type) const {
  auto t = check_by_type.find({f, type});
  if (t != check_by_type.end()) return &t->second;
  auto it = check.find(f);
  if (it != check.end()) return &it->second;
  return shared_check ? &*shared_check : nullptr;
}

const Predicate *DeclarativeCheck::when_for(TargetFormat f, const std::string &type) const {
  auto t = when_by_type.find({f, type});
  if (t != when_by_type.end()) return &t->second;
  auto it = when.find(f);
  if (it != when.end()) return &it->second;
  return shared_when ? &*shared_when : nullptr;
}

namespace {

// Sets a predicate's expected value and what is compiled from it; returns
// a message when the value does not suit the op.
std::string set_predicate_value(Predicate &p, Node value) {
  p.value = std::move(value);
  const std::string op = pred_op_name(p.op);
  switch (p.op) {
    case PredOp::Lt:
    case PredOp::Le:
    case PredOp::Gt:
    case PredOp::Ge:
    case PredOp::LenGe:
    case PredOp::LenLe:
      if (p.value.kind != NodeKind::Number) return "op '" + op + "' needs a number";
      break;
    case PredOp::In:
    case PredOp::NotIn:
      if (p.value.kind != NodeKind::List) return "op '" + op + "' needs a list";
      break;
    case PredOp::DurationLt:
    case PredOp::DurationLe:
    case PredOp::DurationGt:
    case PredOp::DurationGe: {
      auto seconds = agreement::parse_duration_seconds(p.value);
      if (!seconds) return "op '" + op + "' needs a duration such as P30D or PT4H";
      p.duration_seconds = *seconds;
      break;
    }
    case PredOp::Matches:
    case PredOp::NotMatches: {
      RE2::Options opts;
      opts.set_log_errors(false);
      opts.set_case_sensitive(!p.ignore_case);
      auto re = std::make_shared<RE2>(p.value.scalar_text(), opts);
      if (!re->ok()) return "invalid regular expression (RE2 syntax): " + re->error();
      p.regex = std::move(re);
      break;
    }
    default: break;
  }
  return {};
}

bool op_needs_value(PredOp op) {
  return op != PredOp::Exists && op != PredOp::Absent && op != PredOp::IsDuration && op != PredOp::Vague &&
         op != PredOp::NotVague;
}

void rebind(Predicate &p, const Rule &rule) {
  for (auto &c : p.children) rebind(c, rule);
  if (p.param.empty()) return;
  auto it = rule.parameters.find(p.param);
  if (it == rule.parameters.end())
    throw RulePackError(rule.info.source + ": " + rule.info.id + " has no parameter '" + p.param + "'");
  std::string err = set_predicate_value(p, it->second);
  if (!err.empty())
    throw RulePackError(rule.info.source + ": " + rule.info.id + " parameter '" + p.param + "': " + err);
}

class Loader {
 public:
  explicit Loader(std::string origin) : origin_(std::move(origin)) {}

  [[noreturn]] void fail(const YAML::Node &at, const std::string &msg) const {
    YAML::Mark m = at.IsDefined() ? at.Mark() : YAML::Mark::null_mark();
    std::ostringstream s;
    s << origin_;
    if (m.line >= 0) s << ':' << (m.line + 1) << ':' << (m.column + 1);
    s << ": " << msg;
    throw RulePackError(s.str());
  }

  std::string scalar(const YAML::Node &n, const char *field) const {
    if (!n.IsScalar()) fail(n, std::string("'") + field + "' must be a string");
    return n.Scalar();
  }

  Rule load(const YAML::Node &doc) {
    if (!doc.IsMap()) fail(doc, "a rule must be a mapping");
    static const std::set<std::string> kKnown = {
        "id",      "name",        "scenario",  "title",     "severity", "targets", "when",      "check",
        "message", "remediation", "rationale", "precision", "tags",     "kind",    "parameters"};
    for (const auto &kv : doc) {
      std::string key = kv.first.Scalar();
      if (!kKnown.count(key)) fail(kv.first, "unknown rule field '" + key + "'");
    }
    Rule rule;
    RuleInfo &info = rule.info;
    info.source = origin_;
    info.id = required(doc, "id");
    static const RE2 kId("CL-(\\d\\d)(\\d\\d)");
    int scenario_digits = 0;
    if (!RE2::FullMatch(info.id, kId, &scenario_digits))
      fail(doc["id"], "rule id '" + info.id + "' must look like CL-<scenario two digits><two digits>");
    info.name = required(doc, "name");
    static const RE2 kName("[a-z0-9]+(?:[.-][a-z0-9]+)*");
    if (!RE2::FullMatch(info.name, kName))
      fail(doc["name"], "rule name '" + info.name + "' must be a lowercase slug such as ops.backup-enabled");
    info.scenario = required(doc, "scenario");
    static const RE2 kScenario("5\\.(\\d{1,2})");
    int scenario_number = 0;
    if (!RE2::FullMatch(info.scenario, kScenario, &scenario_number) || scenario_number < 1 ||
        scenario_number > 15)
      fail(doc["scenario"], "scenario must be one of 5.1 ... 5.15");
    if (scenario_number != scenario_digits)
      fail(doc["id"], "rule id " + info.id + " does not match scenario " + info.scenario);
    info.title = required(doc, "title");
    std::string sev = required(doc, "severity");
    auto severity = parse_severity(sev);
    if (!severity) fail(doc["severity"], "severity must be critical, high, medium, low or info");
    info.severity = *severity;
    info.remediation = optional_text(doc, "remediation");
    info.rationale = optional_text(doc, "rationale");
    if (doc["precision"]) {
      info.precision = scalar(doc["precision"], "precision");
      static const std::set<std::string> kPrecision = {"very-high", "high", "medium", "low"};
      if (!kPrecision.count(info.precision))
        fail(doc["precision"], "precision must be very-high, high, medium or low");
    }
    if (doc["tags"]) {
      if (!doc["tags"].IsSequence()) fail(doc["tags"], "'tags' must be a list");
      for (const auto &t : doc["tags"]) info.tags.push_back(scalar(t, "tags"));
    }

    DeclarativeCheck check;
    const YAML::Node targets = doc["targets"];
    if (!targets || !targets.IsMap())
      fail(targets ? targets : doc, "'targets' must map formats to resource types");
    for (const auto &kv : targets) {
      auto fmt = parse_target_format(kv.first.Scalar());
      if (!fmt)
        fail(kv.first, "unknown target format '" + kv.first.Scalar() +
                           "' (terraform, cloudformation, kubernetes, agreement)");
      std::vector<std::string> types;
      if (kv.second.IsScalar()) {
        types.push_back(kv.second.Scalar());
      } else if (kv.second.IsSequence()) {
        for (const auto &t : kv.second) types.push_back(scalar(t, "targets"));
      } else {
        fail(kv.second, "target types must be a list");
      }
      if (types.empty()) fail(kv.second, "target type list is empty");
      check.targets[*fmt] = std::move(types);
      info.formats.push_back(target_format_name(*fmt));
    }
    std::sort(info.formats.begin(), info.formats.end());
    if (doc["kind"]) {
      std::string k = scalar(doc["kind"], "kind");
      if (k == "agreement") {
        info.kind = RuleKind::Agreement;
      } else if (k == "infrastructure") {
        info.kind = RuleKind::Infrastructure;
      } else if (k == "cross-document") {
        info.kind = RuleKind::CrossDocument;
      } else {
        fail(doc["kind"], "kind must be infrastructure, agreement or cross-document");
      }
    } else if (check.targets.size() == 1 && check.targets.count(TargetFormat::Agreement)) {
      info.kind = RuleKind::Agreement;
    }

    if (doc["parameters"]) {
      if (!doc["parameters"].IsMap())
        fail(doc["parameters"], "'parameters' must map names to default values");
      for (const auto &kv : doc["parameters"]) rule.parameters[kv.first.Scalar()] = to_node(kv.second);
    }
    params_ = &rule.parameters;
    if (!doc["check"]) fail(doc, "missing field 'check'");
    if (doc["check"].IsScalar() && doc["check"].Scalar() == "native") {
      // Implemented in C++ under the same id; the targets say which formats
      // it reads, and the message is the code's.
      if (doc["when"]) fail(doc["when"], "'when' does not apply to native checks");
      if (!find_native_check(info.id)) fail(doc["check"], "no native check is registered for " + info.id);
      rule.native = true;
      rule.targets = std::move(check.targets);
      return rule;
    }
    load_predicate_set(doc["check"], check.check, check.shared_check, check.check_by_type, check);
    if (doc["when"])
      load_predicate_set(doc["when"], check.when, check.shared_when, check.when_by_type, check);
    check.message = required(doc, "message");
    validate_placeholders(doc["message"], check.message);
    rule.declarative = std::move(check);
    return rule;
  }

 private:
  std::string origin_;
  const std::map<std::string, Node> *params_ = nullptr;  // of the rule being loaded

  std::string required(const YAML::Node &doc, const char *field) const {
    const YAML::Node n = doc[field];
    if (!n) fail(doc, std::string("missing field '") + field + "'");
    std::string v = scalar(n, field);
    if (v.empty()) fail(n, std::string("field '") + field + "' is empty");
    return v;
  }

  std::string optional_text(const YAML::Node &doc, const char *field) const {
    const YAML::Node n = doc[field];
    return n ? scalar(n, field) : std::string();
  }

  void validate_placeholders(const YAML::Node &at, const std::string &msg) const {
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

  // `check:` is either one predicate or a map from format names to one each;
  // a format's entry may itself map each of its resource types to a
  // predicate, when the types spell the same property differently.
  void load_predicate_set(const YAML::Node &n, std::map<TargetFormat, Predicate> &per_format,
                          std::optional<Predicate> &shared,
                          std::map<std::pair<TargetFormat, std::string>, Predicate> &per_type,
                          const DeclarativeCheck &check) {
    if (n.IsMap()) {
      bool all_formats = n.size() > 0;
      for (const auto &kv : n)
        if (!parse_target_format(kv.first.Scalar())) all_formats = false;
      if (all_formats) {
        for (const auto &kv : n) {
          auto fmt = *parse_target_format(kv.first.Scalar());
          if (!check.targets.count(fmt))
            fail(kv.first, std::string("check for format '") + target_format_name(fmt) +
                               "' that the rule does not target");
          RelatedUse use = fmt == TargetFormat::Terraform ? kRelatedAllowed : kRelatedWrongFormat;
          if (is_per_type(kv.second, check.targets.at(fmt))) {
            for (const auto &tv : kv.second)
              per_type[{fmt, tv.first.Scalar()}] = load_predicate(tv.second, 0, use);
            // A check must cover every type; a `when` may leave some out.
            if (&per_type == &check.check_by_type)
              for (const auto &type : check.targets.at(fmt))
                if (!per_type.count({fmt, type})) fail(kv.second, "no check for target type '" + type + "'");
          } else {
            per_format[fmt] = load_predicate(kv.second, 0, use);
          }
        }
        return;
      }
    }
    bool terraform_only = check.targets.size() == 1 && check.targets.count(TargetFormat::Terraform);
    shared = load_predicate(n, 0, terraform_only ? kRelatedAllowed : kRelatedWrongFormat);
  }

  // Where a `related` predicate may stand.
  enum RelatedUse { kRelatedAllowed, kRelatedWrongFormat, kRelatedNested };

  // `related: {type, via, direction, check}`: see docs/rule-format.md.
  Predicate load_related(const YAML::Node &n, int depth, RelatedUse use) {
    const YAML::Node r = n["related"];
    if (n.size() != 1) fail(n, "'related' must stand alone in its mapping");
    if (use == kRelatedWrongFormat)
      fail(n, "'related' reads the Terraform references graph: use it in a check for terraform targets only");
    if (use == kRelatedNested) fail(n, "'related' inside a 'related' check is not supported (one hop only)");
    if (!r.IsMap()) fail(r, "'related' needs a mapping with 'type' and 'via'");
    static const std::set<std::string> kKnown = {"type", "via", "direction", "check"};
    for (const auto &kv : r)
      if (!kKnown.count(kv.first.Scalar()))
        fail(kv.first, "unknown 'related' field '" + kv.first.Scalar() + "'");
    if (!r["type"]) fail(r, "'related' needs 'type' (the type of the related resources)");
    if (!r["via"]) fail(r, "'related' needs 'via' (the attribute that holds the reference)");
    Predicate p;
    p.kind = Predicate::Kind::Related;
    p.related_type = scalar(r["type"], "type");
    std::string via = scalar(r["via"], "via");
    std::string err;
    auto path = parse_attribute_path(via, err);
    if (!path) fail(r["via"], err);
    for (const auto &step : *path) {
      if (step.index) fail(r["via"], "'via' is a path of attribute names, without [N] indexes");
      p.related_via += (p.related_via.empty() ? "" : ".") + step.key;
    }
    if (r["direction"]) {
      std::string d = scalar(r["direction"], "direction");
      if (d != "referenced_by" && d != "references")
        fail(r["direction"], "direction must be referenced_by or references");
      p.outgoing = d == "references";
    }
    // The related resource's own links are not followed: one hop only.
    if (r["check"]) p.children.push_back(load_predicate(r["check"], depth + 1, kRelatedNested));
    return p;
  }

  // A mapping whose keys are all target types of the format.
  static bool is_per_type(const YAML::Node &n, const std::vector<std::string> &types) {
    if (!n.IsMap() || n.size() == 0) return false;
    for (const auto &kv : n)
      if (std::find(types.begin(), types.end(), kv.first.Scalar()) == types.end()) return false;
    return true;
  }

  Predicate load_predicate(const YAML::Node &n, int depth, RelatedUse related_use) {
    if (depth > 32) fail(n, "check nested too deeply");
    if (!n.IsMap()) fail(n, "a check must be a mapping (all, any, not, each, related, or attribute + op)");
    Predicate p;
    if (n["all"] || n["any"]) {
      const char *key = n["all"] ? "all" : "any";
      if (n.size() != 1) fail(n, std::string("'") + key + "' must stand alone in its mapping");
      const YAML::Node list = n[key];
      if (!list.IsSequence() || list.size() == 0)
        fail(list, std::string("'") + key + "' needs a non-empty list");
      p.kind = n["all"] ? Predicate::Kind::All : Predicate::Kind::Any;
      for (const auto &c : list) p.children.push_back(load_predicate(c, depth + 1, related_use));
      return p;
    }
    if (n["each"]) {
      // `each: PATH` + `check: {...}`: the check holds for every element.
      if (n.size() != 2 || !n["check"]) fail(n, "'each' takes exactly a path and a 'check'");
      p.kind = Predicate::Kind::Each;
      p.path_text = scalar(n["each"], "each");
      std::string err;
      auto path = parse_attribute_path(p.path_text, err);
      if (!path) fail(n["each"], err);
      p.path = std::move(*path);
      p.children.push_back(load_predicate(n["check"], depth + 1, related_use));
      return p;
    }
    if (n["not"]) {
      if (n.size() != 1) fail(n, "'not' must stand alone in its mapping");
      p.kind = Predicate::Kind::Not;
      p.children.push_back(load_predicate(n["not"], depth + 1, related_use));
      return p;
    }
    if (n["related"]) return load_related(n, depth, related_use);
    static const std::set<std::string> kKnown = {"attribute", "op",          "value",
                                                 "default",   "ignore_case", "quantifier"};
    for (const auto &kv : n)
      if (!kKnown.count(kv.first.Scalar())) fail(kv.first, "unknown check field '" + kv.first.Scalar() + "'");
    if (!n["attribute"]) fail(n, "a check needs 'attribute' (or all / any / not / each / related)");
    p.kind = Predicate::Kind::Attribute;
    p.path_text = scalar(n["attribute"], "attribute");
    std::string err;
    auto path = parse_attribute_path(p.path_text, err);
    if (!path) fail(n["attribute"], err);
    p.path = std::move(*path);
    std::string op = n["op"] ? scalar(n["op"], "op") : "exists";
    auto parsed = parse_pred_op(op);
    if (!parsed) fail(n["op"], "unknown op '" + op + "'");
    p.op = *parsed;
    if (op_needs_value(p.op) && !n["value"]) fail(n, "op '" + op + "' needs a 'value'");
    if (n["default"]) p.default_value = to_node(n["default"]);
    if (n["ignore_case"]) p.ignore_case = n["ignore_case"].as<bool>(false);
    if (n["quantifier"]) {
      std::string q = scalar(n["quantifier"], "quantifier");
      if (q != "all" && q != "any") fail(n["quantifier"], "quantifier must be all or any");
      p.any_value = q == "any";
    }
    if (n["value"]) {
      const YAML::Node v = n["value"];
      Node value;
      if (v.IsMap()) {
        // value: {param: NAME} -- a policy threshold from `parameters:`.
        if (v.size() != 1 || !v["param"]) fail(v, "a mapping value must be {param: NAME}");
        p.param = scalar(v["param"], "param");
        if (!params_ || !params_->count(p.param))
          fail(v["param"], "no parameter '" + p.param + "' in this rule's 'parameters'");
        value = params_->at(p.param);
      } else {
        value = to_node(v);
      }
      std::string verr = set_predicate_value(p, std::move(value));
      if (!verr.empty()) fail(v, verr);
    }
    return p;
  }

  // YAML scalars to model values: numbers and booleans by YAML 1.2 rules.
  Node to_node(const YAML::Node &n) const {
    if (n.IsSequence()) {
      Node list = Node::make_list();
      for (const auto &c : n) list.items.push_back(to_node(c));
      return list;
    }
    if (n.IsMap()) fail(n, "values must be scalars or lists");
    if (n.IsNull()) return Node::null();
    const std::string &s = n.Scalar();
    if (n.Tag() == "?") {
      if (s == "true" || s == "false") return Node::make_bool(s == "true");
      static const RE2 kNumber("-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?(?:[eE][-+]?[0-9]+)?");
      if (RE2::FullMatch(s, kNumber)) return Node::make_number(std::strtod(s.c_str(), nullptr), s);
    }
    return Node::make_string(s);
  }
};

}  // namespace

std::vector<Rule> load_rules_from_text(std::string_view text, const std::string &origin) {
  std::vector<Rule> rules;
  Loader loader(origin);
  std::vector<YAML::Node> docs;
  try {
    docs = YAML::LoadAll(std::string(text));
  } catch (const YAML::Exception &e) {
    std::ostringstream s;
    s << origin << ':' << (e.mark.line + 1) << ':' << (e.mark.column + 1) << ": " << e.msg;
    throw RulePackError(s.str());
  }
  for (const auto &doc : docs) {
    if (doc.IsNull()) continue;
    try {
      rules.push_back(loader.load(doc));
    } catch (const YAML::Exception &e) {
      std::ostringstream s;
      s << origin << ':' << (e.mark.line + 1) << ':' << (e.mark.column + 1) << ": " << e.msg;
      throw RulePackError(s.str());
    }
  }
  return rules;
}

void rebind_rule_parameters(Rule &rule) {
  if (!rule.declarative) return;
  auto &dc = *rule.declarative;
  for (auto &[_, pred] : dc.check) rebind(pred, rule);
  for (auto &[_, pred] : dc.when) rebind(pred, rule);
  if (dc.shared_check) rebind(*dc.shared_check, rule);
  if (dc.shared_when) rebind(*dc.shared_when, rule);
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
