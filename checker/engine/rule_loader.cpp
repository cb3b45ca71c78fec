#include "checker/engine/rule_loader.h"

#include "checker/agreement/values.h"
#include "checker/catalogue/provider_catalogue.h"
#include "checker/engine/native_check.h"
#include "checker/engine/profiles.h"
#include "checker/model/document.h"
#include "checker/model/limits.h"
#include "checker/platform/regular_file.h"
#include "parsers/parse_options.h"
#include "parsers/yaml/yaml_parser.h"

#include <algorithm>
#include <filesystem>
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

namespace {

// Sets a predicate's expected value and what is compiled from it; returns
// a message when the value does not suit the op.
std::string set_predicate_value(Predicate &p, Node value, RegexCompile compile = RegexCompile::AtLoad) {
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
      auto re = std::make_shared<const LazyRegex>(p.value.scalar_text(), opts);
      if (compile == RegexCompile::AtLoad && !re->get().ok())
        return "invalid regular expression (RE2 syntax): " + re->get().error();
      p.regex = std::move(re);
      break;
    }
    default: break;
  }
  return {};
}

bool op_needs_value(PredOp op) {
  return op != PredOp::Exists && op != PredOp::Absent && op != PredOp::IsDuration && op != PredOp::Vague &&
         op != PredOp::NotVague && op != PredOp::PlaceholderImage;
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

// Rule packs are user input (`--rules DIR`) as much as the built-in packs
// are ours: they are read with our own YAML parser (the one scanned files go
// through, with its depth, alias and time limits and its workarounds for
// yaml-cpp hangs), never with yaml-cpp's document loader, and every error
// names file:line:col from the located nodes.
class Loader {
 public:
  using Targets = std::map<TargetFormat, std::vector<std::string>>;

  Loader(std::string origin, std::string_view source, RegexCompile regex, RuleIds ids)
      : origin_(std::move(origin)), source_(source), regex_(regex), ids_(ids) {}

  [[noreturn]] void fail(const Span &at, const std::string &msg) const {
    std::ostringstream s;
    s << origin_;
    if (at.valid()) s << ':' << at.start_line << ':' << at.start_col;
    s << ": " << msg;
    throw RulePackError(s.str());
  }
  [[noreturn]] void fail(const Node &at, const std::string &msg) const { fail(at.span, msg); }

  // A scalar as it is written: an unquoted 5.10 is "5.10", not 5.1.
  std::string spelling(const Node &n) const {
    if (n.kind == NodeKind::Bool) {
      // The parser keeps no spelling for booleans; the source does.
      const Span &s = n.span;
      if (s.valid() && s.end_offset > s.start_offset && s.end_offset <= source_.size()) {
        std::string_view written = source_.substr(s.start_offset, s.end_offset - s.start_offset);
        if (written.size() == (n.boolean ? 4u : 5u)) return std::string(written);
      }
      return n.scalar_text();
    }
    return n.text;
  }

  // A target type, or an alias of the provider catalogue ("@data-stores",
  // "@data-stores/aws") expanded to its types; each type once.
  void add_target(TargetFormat format, const Node &at, const std::string &written,
                  std::vector<std::string> &types) const {
    std::vector<std::string> expanded{written};
    if (written.starts_with('@')) {
      std::optional<DocKind> kind = format == TargetFormat::Terraform ? std::optional(DocKind::Terraform)
                                    : format == TargetFormat::CloudFormation
                                        ? std::optional(DocKind::CloudFormation)
                                    : format == TargetFormat::Kubernetes ? std::optional(DocKind::Kubernetes)
                                                                         : std::nullopt;
      try {
        expanded = catalogue::provider_catalogue().expand_alias(kind.value_or(DocKind::Unknown), written);
      } catch (const std::invalid_argument &e) {
        fail(at, e.what());
      }
    }
    for (auto &t : expanded)
      if (std::find(types.begin(), types.end(), t) == types.end()) types.push_back(std::move(t));
  }

  std::string scalar(const Node &n, const char *field) const {
    if (!n.is_scalar()) fail(n, std::string("'") + field + "' must be a string");
    return spelling(n);
  }

  Rule load(const Node &doc) {
    if (!doc.is_map()) fail(doc, "a rule must be a mapping");
    static const std::set<std::string> kKnown = {
        "id",    "name",      "scenario",   "title",       "severity",  "targets",
        "when",  "check",     "message",    "remediation", "rationale", "precision",
        "tags",  "kind",      "parameters", "profiles",    "peers",     "severity-rationale",
        "guard", "directives"};
    for (const auto &kv : doc.entries)
      if (!kKnown.count(kv.key)) fail(kv.key_span, "unknown rule field '" + kv.key + "'");
    Rule rule;
    RuleInfo &info = rule.info;
    info.source = origin_;
    info.id = required(doc, "id");
    const Node &id_node = *doc.get("id");
    rule.defined_at = origin_ + ":" + std::to_string(id_node.span.start_line) + ":" +
                      std::to_string(id_node.span.start_col);
    static const RE2 kId("CL-(\\d\\d)(\\d\\d)");
    static const RE2 kUserId("[A-Z][A-Z0-9]*-[A-Za-z0-9.-]+");
    int scenario_digits = 0;
    if (ids_ == RuleIds::BuiltIn) {
      if (!RE2::FullMatch(info.id, kId, &scenario_digits))
        fail(id_node, "rule id '" + info.id + "' must look like CL-<scenario two digits><two digits>");
    } else if (info.id.rfind("CL-", 0) == 0) {
      fail(id_node, "rule id " + info.id +
                        ": the CL- prefix is reserved for clause's built-in rules; give your rules a prefix "
                        "of your own, such as ACME-001");
    } else if (!RE2::FullMatch(info.id, kUserId)) {
      fail(id_node, "rule id '" + info.id +
                        "' must look like PREFIX-NAME, such as ACME-001: an upper-case letter, upper-case "
                        "letters or digits, '-', then letters, digits, '.' or '-'");
    }
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
    if (ids_ == RuleIds::BuiltIn && scenario_number != scenario_digits)
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
    load_profiles(doc, info);
    load_peers(doc, info);
    load_guard_rules(doc, info);
    load_peer_directives(doc, info);
    info.severity_rationale = optional_text(doc, "severity-rationale");

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
        add_target(*fmt, kv.value, spelling(kv.value), types);
      } else if (kv.value.is_list()) {
        for (const auto &t : kv.value.items) add_target(*fmt, t, scalar(t, "targets"), types);
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
    params_ = &rule.parameters;
    const Node *check_node = doc.get("check");
    if (!check_node) fail(doc, "missing field 'check'");
    if (check_node->is_scalar() && spelling(*check_node) == "native") {
      // Implemented in C++ under the same id; the targets say which formats
      // it reads, and the message is the code's.
      if (const Node *when = doc.get("when")) fail(*when, "'when' does not apply to native checks");
      if (!find_native_check(info.id)) fail(*check_node, "no native check is registered for " + info.id);
      rule.native = true;
      rule.targets = std::move(check.targets);
      return rule;
    }
    const Node *when = doc.get("when");
    if (regex_ == RegexCompile::OnFirstUse) {
      // A built-in pack: its document lives as long as the process, so the
      // checks can be compiled from it when a scan first asks for them.
      check.checks = LazyChecks([check_node, when, targets = check.targets, params = rule.parameters,
                                 origin = origin_, source = source_, ids = ids_] {
        Loader loader(origin, source, RegexCompile::OnFirstUse, ids);
        loader.params_ = &params;
        return loader.compile_checks(*check_node, when, targets);
      });
    } else {
      check.checks = LazyChecks(compile_checks(*check_node, when, check.targets));
    }
    check.message = required(doc, "message");
    validate_placeholders(*doc.get("message"), check.message);
    rule.declarative = std::move(check);
    return rule;
  }

 private:
  std::string origin_;

  // `profiles: [recommended, account]`; a rule that names none is in
  // `recommended`, so a user's own rules run by default.
  void load_profiles(const Node &doc, RuleInfo &info) const {
    const Node *profiles = doc.get("profiles");
    if (!profiles) {
      info.profiles = {std::string(kDefaultProfile)};
      return;
    }
    std::vector<const Node *> items;
    if (profiles->is_scalar()) {
      items.push_back(profiles);
    } else if (profiles->is_list() && !profiles->items.empty()) {
      for (const auto &p : profiles->items) items.push_back(&p);
    } else {
      fail(*profiles, "'profiles' must be a non-empty list of profile names");
    }
    for (const Node *p : items) {
      std::string name = scalar(*p, "profiles");
      if (!is_known_profile(name)) {
        std::string known;
        for (const auto &k : known_profiles()) known += (known.empty() ? "" : ", ") + k;
        fail(*p, "unknown profile '" + name + "' (" + known + ")");
      }
      if (std::find(info.profiles.begin(), info.profiles.end(), name) != info.profiles.end())
        fail(*p, "profile '" + name + "' is listed twice");
      info.profiles.push_back(std::move(name));
    }
  }

  // `peers: {checkov: [CKV_AWS_133], trivy: [{id: AVD-AWS-0077, severity: medium}], note: ...}`.
  void load_peers(const Node &doc, RuleInfo &info) const {
    const Node *peers = doc.get("peers");
    if (!peers) return;
    if (!peers->is_map()) fail(*peers, "'peers' must map checkov / trivy to check ids");
    for (const auto &kv : peers->entries) {
      if (kv.key == "note") {
        info.peer_note = scalar(kv.value, "peers.note");
        continue;
      }
      if (kv.key != "checkov" && kv.key != "trivy")
        fail(kv.key_span, "unknown peer tool '" + kv.key + "' (checkov, trivy, or a note)");
      if (!kv.value.is_list()) fail(kv.value, "peer checks must be a list");
      for (const auto &item : kv.value.items) {
        PeerCheck peer{kv.key, "", ""};
        if (item.is_map()) {
          for (const auto &f : item.entries)
            if (f.key != "id" && f.key != "severity") fail(f.key_span, "unknown peer field '" + f.key + "'");
          peer.id = required(item, "id");
          peer.severity = optional_text(item, "severity");
          static const std::set<std::string> kSeverities = {"critical", "high", "medium", "low"};
          if (!peer.severity.empty() && !kSeverities.count(peer.severity))
            fail(*item.get("severity"), "peer severity must be critical, high, medium or low");
        } else {
          peer.id = scalar(item, "peers");
        }
        info.peers.push_back(std::move(peer));
      }
    }
  }
  // `guard: [S3_BUCKET_VERSIONING_ENABLED]`: the cfn-guard rule names whose
  // waivers stand for this rule.
  void load_guard_rules(const Node &doc, RuleInfo &info) const {
    const Node *guard = doc.get("guard");
    if (!guard) return;
    if (!guard->is_list() || guard->items.empty())
      fail(*guard, "'guard' must be a non-empty list of cfn-guard rule names");
    static const RE2 kGuardName("[A-Z][A-Z0-9_]*");
    for (const Node &item : guard->items) {
      std::string name = scalar(item, "guard");
      if (!RE2::FullMatch(name, kGuardName))
        fail(item,
             "cfn-guard rule name '" + name + "' must be upper case, such as S3_BUCKET_VERSIONING_ENABLED");
      info.guard_rules.push_back(std::move(name));
    }
  }
  // `directives: [{tool: checkov, ids: [CKV_AWS_133], check: ...}]`: the
  // peers' inline skips that stand for this rule.
  void load_peer_directives(const Node &doc, RuleInfo &info) const {
    const Node *list = doc.get("directives");
    if (!list) return;
    if (!list->is_list() || list->items.empty())
      fail(*list, "'directives' must be a non-empty list of {tool, ids, check}");
    for (const Node &item : list->items) {
      if (!item.is_map()) fail(item, "a directive must be a mapping of tool, ids and check");
      for (const auto &f : item.entries)
        if (f.key != "tool" && f.key != "ids" && f.key != "check")
          fail(f.key_span, "unknown directive field '" + f.key + "'");
      PeerDirective d;
      d.tool = required(item, "tool");
      if (d.tool != "checkov" && d.tool != "trivy")
        fail(*item.get("tool"), "directive tool must be checkov or trivy (tfsec shares trivy's ids)");
      const Node *ids = item.get("ids");
      if (!ids || !ids->is_list() || ids->items.empty())
        fail(ids ? *ids : item, "'ids' must be a non-empty list of the peer's check ids");
      for (const Node &id : ids->items) d.ids.push_back(scalar(id, "ids"));
      d.check = required(item, "check");
      info.peer_directives.push_back(std::move(d));
    }
  }
  std::string_view source_;
  RegexCompile regex_;
  RuleIds ids_;
  const std::map<std::string, Node> *params_ = nullptr;  // of the rule being loaded

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

  CompiledChecks compile_checks(const Node &check_node, const Node *when, const Targets &targets) {
    CompiledChecks out;
    load_predicate_set(check_node, out.check, out.shared_check, out.check_by_type, targets, true);
    if (when) load_predicate_set(*when, out.when, out.shared_when, out.when_by_type, targets, false);
    return out;
  }

  // `check:` is either one predicate or a map from format names to one each;
  // a format's entry may itself map each of its resource types to a
  // predicate, when the types spell the same property differently.
  void load_predicate_set(const Node &n, std::map<TargetFormat, Predicate> &per_format,
                          std::optional<Predicate> &shared,
                          std::map<std::pair<TargetFormat, std::string>, Predicate> &per_type,
                          const Targets &targets, bool is_check) {
    if (n.is_map()) {
      bool all_formats = !n.entries.empty();
      for (const auto &kv : n.entries)
        if (!parse_target_format(kv.key)) all_formats = false;
      if (all_formats) {
        for (const auto &kv : n.entries) {
          auto fmt = *parse_target_format(kv.key);
          if (!targets.count(fmt))
            fail(kv.key_span, std::string("check for format '") + target_format_name(fmt) +
                                  "' that the rule does not target");
          // Terraform has its references graph; a CloudFormation template
          // names its resources by logical name (checker/engine/cfn_relations.h).
          RelatedUse use = fmt == TargetFormat::Terraform || fmt == TargetFormat::CloudFormation
                               ? kRelatedAllowed
                               : kRelatedWrongFormat;
          if (is_per_type(kv.value, targets.at(fmt))) {
            for (const auto &tv : kv.value.entries)
              per_type[{fmt, tv.key}] = load_predicate(tv.value, 0, use);
            // A check must cover every type; a `when` may leave some out.
            if (is_check)
              for (const auto &type : targets.at(fmt))
                if (!per_type.count({fmt, type})) fail(kv.value, "no check for target type '" + type + "'");
          } else {
            per_format[fmt] = load_predicate(kv.value, 0, use);
          }
        }
        return;
      }
    }
    bool terraform_only = targets.size() == 1 && targets.count(TargetFormat::Terraform);
    shared = load_predicate(n, 0, terraform_only ? kRelatedAllowed : kRelatedWrongFormat);
  }

  // Where a `related` predicate may stand.
  enum RelatedUse { kRelatedAllowed, kRelatedWrongFormat, kRelatedNested };

  // `related: {type, via, direction, check}`: see docs/rule-format.md.
  Predicate load_related(const Node &n, int depth, RelatedUse use) {
    const Node &r = *n.get("related");
    if (n.entries.size() != 1) fail(n, "'related' must stand alone in its mapping");
    if (use == kRelatedWrongFormat)
      fail(
          n,
          "'related' reads the Terraform references graph or CloudFormation logical names: use it in a check "
          "for terraform or cloudformation targets only");
    if (use == kRelatedNested) fail(n, "'related' inside a 'related' check is not supported (one hop only)");
    if (!r.is_map()) fail(r, "'related' needs a mapping with 'type' and 'via'");
    static const std::set<std::string> kKnown = {"type", "via", "direction", "check"};
    for (const auto &kv : r.entries)
      if (!kKnown.count(kv.key)) fail(kv.key_span, "unknown 'related' field '" + kv.key + "'");
    const Node *type = r.get("type");
    const Node *via_node = r.get("via");
    if (!type) fail(r, "'related' needs 'type' (the type of the related resources)");
    if (!via_node) fail(r, "'related' needs 'via' (the attribute that holds the reference)");
    Predicate p;
    p.kind = Predicate::Kind::Related;
    p.related_type = scalar(*type, "type");
    std::string via = scalar(*via_node, "via");
    std::string err;
    auto path = parse_attribute_path(via, err);
    if (!path) fail(*via_node, err);
    for (const auto &step : *path) {
      if (step.index) fail(*via_node, "'via' is a path of attribute names, without [N] indexes");
      p.related_via += (p.related_via.empty() ? "" : ".") + step.key;
    }
    if (const Node *direction = r.get("direction")) {
      std::string d = scalar(*direction, "direction");
      if (d != "referenced_by" && d != "references")
        fail(*direction, "direction must be referenced_by or references");
      p.outgoing = d == "references";
    }
    // The related resource's own links are not followed: one hop only.
    if (const Node *inner = r.get("check"))
      p.children.push_back(load_predicate(*inner, depth + 1, kRelatedNested));
    return p;
  }

  // A mapping whose keys are all target types of the format.
  static bool is_per_type(const Node &n, const std::vector<std::string> &types) {
    if (!n.is_map() || n.entries.empty()) return false;
    for (const auto &kv : n.entries)
      if (std::find(types.begin(), types.end(), kv.key) == types.end()) return false;
    return true;
  }

  Predicate load_predicate(const Node &n, int depth, RelatedUse related_use) {
    if (depth > limits::kMaxCheckNesting) fail(n, "check nested too deeply");
    if (!n.is_map())
      fail(n, "a check must be a mapping (all, any, not, each, certain, related, or attribute + op)");
    Predicate p;
    const Node *all = n.get("all");
    if (all || n.get("any")) {
      const char *key = all ? "all" : "any";
      if (n.entries.size() != 1) fail(n, std::string("'") + key + "' must stand alone in its mapping");
      const Node &list = *n.get(key);
      if (!list.is_list() || list.items.empty())
        fail(list, std::string("'") + key + "' needs a non-empty list");
      p.kind = all ? Predicate::Kind::All : Predicate::Kind::Any;
      for (const auto &c : list.items) p.children.push_back(load_predicate(c, depth + 1, related_use));
      return p;
    }
    if (const Node *each = n.get("each")) {
      // `each: PATH` + `check: {...}`: the check holds for every element.
      const Node *inner = n.get("check");
      if (n.entries.size() != 2 || !inner) fail(n, "'each' takes exactly a path and a 'check'");
      p.kind = Predicate::Kind::Each;
      p.path_text = scalar(*each, "each");
      std::string err;
      auto path = parse_attribute_path(p.path_text, err);
      if (!path) fail(*each, err);
      p.path = std::move(*path);
      p.children.push_back(load_predicate(*inner, depth + 1, related_use));
      return p;
    }
    if (const Node *inner = n.get("not")) {
      if (n.entries.size() != 1) fail(n, "'not' must stand alone in its mapping");
      p.kind = Predicate::Kind::Not;
      p.children.push_back(load_predicate(*inner, depth + 1, related_use));
      return p;
    }
    if (const Node *inner = n.get("certain")) {
      if (n.entries.size() != 1) fail(n, "'certain' must stand alone in its mapping");
      p.kind = Predicate::Kind::Certain;
      p.children.push_back(load_predicate(*inner, depth + 1, related_use));
      return p;
    }
    if (n.get("related")) return load_related(n, depth, related_use);
    static const std::set<std::string> kKnown = {"attribute", "op",          "value",
                                                 "default",   "ignore_case", "quantifier"};
    for (const auto &kv : n.entries)
      if (!kKnown.count(kv.key)) fail(kv.key_span, "unknown check field '" + kv.key + "'");
    const Node *attribute = n.get("attribute");
    if (!attribute) fail(n, "a check needs 'attribute' (or all / any / not / each / related)");
    p.kind = Predicate::Kind::Attribute;
    p.path_text = scalar(*attribute, "attribute");
    std::string err;
    auto path = parse_attribute_path(p.path_text, err);
    if (!path) fail(*attribute, err);
    p.path = std::move(*path);
    const Node *op_node = n.get("op");
    std::string op = op_node ? scalar(*op_node, "op") : "exists";
    auto parsed = parse_pred_op(op);
    if (!parsed) fail(op_node ? *op_node : n, "unknown op '" + op + "'");
    p.op = *parsed;
    const Node *v = n.get("value");
    if (op_needs_value(p.op) && !v) fail(n, "op '" + op + "' needs a 'value'");
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
    if (v) {
      Node value;
      if (v->is_map()) {
        // value: {param: NAME} -- a policy threshold from `parameters:`.
        const Node *param = v->get("param");
        if (v->entries.size() != 1 || !param) fail(*v, "a mapping value must be {param: NAME}");
        p.param = scalar(*param, "param");
        if (!params_ || !params_->count(p.param))
          fail(*param, "no parameter '" + p.param + "' in this rule's 'parameters'");
        value = params_->at(p.param);
      } else {
        value = to_node(*v);
      }
      std::string verr = set_predicate_value(p, std::move(value), regex_);
      if (!verr.empty()) fail(*v, verr);
    }
    return p;
  }

  // A value: a scalar or a list of them, typed by the parser's YAML 1.2 core
  // schema (`7` is a number, `"7"` a string, `true` a boolean). Its span is
  // dropped: it locates text in the rule pack, not in a scanned file.
  Node to_node(const Node &n) const {
    if (n.is_map()) fail(n, "values must be scalars or lists");
    Node out = n;
    strip_spans(out);
    return out;
  }

  void strip_spans(Node &n) const {
    n.span = Span{};
    for (auto &c : n.items) {
      if (c.is_map()) fail(c, "values must be scalars or lists");
      strip_spans(c);
    }
  }
};

// Every problem the parser reports stops the load: a rule pack is held to a
// higher standard than a scanned file, so a duplicate key (which a scan
// merely warns about) is an error here. The first problem in the file is
// named.
[[noreturn]] void fail_on_diagnostic(const Document &doc, const std::string &origin) {
  const Diagnostic *first = &doc.diagnostics.front();
  for (const Diagnostic &d : doc.diagnostics) {
    bool earlier = d.span.valid() && (!first->span.valid() || d.span.start_offset < first->span.start_offset);
    if (earlier) first = &d;
  }
  std::ostringstream s;
  s << origin;
  if (first->span.valid()) s << ':' << first->span.start_line << ':' << first->span.start_col;
  s << ": " << first->message;
  throw RulePackError(s.str());
}

}  // namespace

DocumentPtr parse_rule_pack(std::string_view text, const std::string &origin) {
  return parse_own_yaml(text, origin);
}

std::vector<Rule> load_rules_from_document(const Document &doc, RegexCompile regex, RuleIds ids) {
  if (!doc.diagnostics.empty()) fail_on_diagnostic(doc, doc.path);
  std::vector<Rule> rules;
  Loader loader(doc.path, doc.source, regex, ids);
  for (const auto &root : doc.roots) {
    if (root.is_null()) continue;  // an empty or comment-only document
    rules.push_back(loader.load(root));
  }
  return rules;
}

std::vector<Rule> load_rules_from_text(std::string_view text, const std::string &origin, RuleIds ids) {
  return load_rules_from_document(*parse_rule_pack(text, origin), RegexCompile::AtLoad, ids);
}

void rebind_rule_parameters(Rule &rule) {
  if (!rule.declarative) return;
  // Compiled now (a built-in rule's checks may not be yet), so that a value
  // that does not suit its op is an error of the configuration, at once.
  CompiledChecks &dc = rule.declarative->checks.edit();
  for (auto &[_, pred] : dc.check) rebind(pred, rule);
  for (auto &[_, pred] : dc.when) rebind(pred, rule);
  for (auto &[_, pred] : dc.check_by_type) rebind(pred, rule);
  for (auto &[_, pred] : dc.when_by_type) rebind(pred, rule);
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
    std::error_code kind;
    if (it->is_directory(kind)) continue;
    auto ext = it->path().extension();
    if (ext == ".yaml" || ext == ".yml") files.push_back(it->path());
  }
  if (ec) throw RulePackError(dir + ": " + ec.message());
  std::sort(files.begin(), files.end());
  std::vector<Rule> out;
  for (const auto &f : files) {
    // Read like a scanned file: a FIFO or a huge file is an error, at once.
    std::string text;
    const FileReadResult read = read_regular_file(f.string(), limits::kMaxFileSize, text);
    if (read.status != FileRead::Ok)
      throw RulePackError(f.string() + ": the rule pack file " +
                          describe_file_read(read, limits::kMaxFileSize));
    auto rules = load_rules_from_text(text, f.string(), RuleIds::User);
    for (auto &r : rules) out.push_back(std::move(r));
  }
  return out;
}

}  // namespace clause
