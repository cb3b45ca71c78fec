#include "checker/engine/predicate.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <set>

#include "checker/agreement/vague_terms.h"
#include "checker/agreement/values.h"
#include "checker/catalogue/stateful_images.h"
#include "checker/model/unknown.h"

namespace clause {

std::optional<PredOp> parse_pred_op(std::string_view t) {
  static const std::pair<std::string_view, PredOp> kOps[] = {
      {"exists", PredOp::Exists},
      {"absent", PredOp::Absent},
      {"==", PredOp::Eq},
      {"!=", PredOp::Ne},
      {"<", PredOp::Lt},
      {"<=", PredOp::Le},
      {">", PredOp::Gt},
      {">=", PredOp::Ge},
      {"in", PredOp::In},
      {"not_in", PredOp::NotIn},
      {"matches", PredOp::Matches},
      {"not_matches", PredOp::NotMatches},
      {"contains", PredOp::Contains},
      {"not_contains", PredOp::NotContains},
      {"len>=", PredOp::LenGe},
      {"len<=", PredOp::LenLe},
      {"is_duration", PredOp::IsDuration},
      {"duration<", PredOp::DurationLt},
      {"duration<=", PredOp::DurationLe},
      {"duration>", PredOp::DurationGt},
      {"duration>=", PredOp::DurationGe},
      {"vague", PredOp::Vague},
      {"not_vague", PredOp::NotVague},
      {"placeholder_image", PredOp::PlaceholderImage},
  };
  for (const auto &[name, op] : kOps)
    if (name == t) return op;
  return std::nullopt;
}

const char *pred_op_name(PredOp op) {
  switch (op) {
    case PredOp::Exists: return "exists";
    case PredOp::Absent: return "absent";
    case PredOp::Eq: return "==";
    case PredOp::Ne: return "!=";
    case PredOp::Lt: return "<";
    case PredOp::Le: return "<=";
    case PredOp::Gt: return ">";
    case PredOp::Ge: return ">=";
    case PredOp::In: return "in";
    case PredOp::NotIn: return "not_in";
    case PredOp::Matches: return "matches";
    case PredOp::NotMatches: return "not_matches";
    case PredOp::Contains: return "contains";
    case PredOp::NotContains: return "not_contains";
    case PredOp::LenGe: return "len>=";
    case PredOp::LenLe: return "len<=";
    case PredOp::IsDuration: return "is_duration";
    case PredOp::DurationLt: return "duration<";
    case PredOp::DurationLe: return "duration<=";
    case PredOp::DurationGt: return "duration>";
    case PredOp::DurationGe: return "duration>=";
    case PredOp::Vague: return "vague";
    case PredOp::NotVague: return "not_vague";
    case PredOp::PlaceholderImage: return "placeholder_image";
  }
  return "?";
}

namespace {

// Numbers may arrive as strings (CloudFormation "7", YAML quoted values).
std::optional<double> as_number(const Node &n) {
  if (n.kind == NodeKind::Number) return n.number;
  if (n.kind == NodeKind::String && !n.text.empty()) {
    char *end = nullptr;
    double d = std::strtod(n.text.c_str(), &end);
    if (end && *end == '\0') return d;
  }
  return std::nullopt;
}

std::optional<bool> as_bool(const Node &n) {
  if (n.kind == NodeKind::Bool) return n.boolean;
  if (n.kind == NodeKind::String) {
    std::string t = n.text;
    std::transform(t.begin(), t.end(), t.begin(), [](unsigned char c) { return std::tolower(c); });
    if (t == "true") return true;
    if (t == "false") return false;
  }
  return std::nullopt;
}

bool text_equal(std::string_view a, std::string_view b, bool ignore_case) {
  if (!ignore_case) return a == b;
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

// Scalar equality across the loose typing of IaC formats.
Truth scalar_equal(const Node &actual, const Node &expected, bool ignore_case) {
  if (actual.kind == NodeKind::Expression) return Truth::Unknown;
  switch (expected.kind) {
    case NodeKind::Number: {
      auto a = as_number(actual);
      return a && *a == expected.number ? Truth::True : Truth::False;
    }
    case NodeKind::Bool: {
      auto a = as_bool(actual);
      return a && *a == expected.boolean ? Truth::True : Truth::False;
    }
    case NodeKind::String:
      if (actual.kind == NodeKind::String || actual.kind == NodeKind::Number || actual.kind == NodeKind::Bool)
        return text_equal(actual.scalar_text(), expected.text, ignore_case) ? Truth::True : Truth::False;
      return Truth::False;
    case NodeKind::Null: return actual.kind == NodeKind::Null ? Truth::True : Truth::False;
    default: return Truth::False;
  }
}

Truth compare_one(const Predicate &p, const Node &actual) {
  if (actual.kind == NodeKind::Expression) return Truth::Unknown;
  if (is_intrinsic(actual) && p.op != PredOp::Exists && p.op != PredOp::Absent) return Truth::Unknown;
  switch (p.op) {
    case PredOp::Exists: return actual.kind == NodeKind::Null ? Truth::False : Truth::True;
    case PredOp::Absent: return actual.kind == NodeKind::Null ? Truth::True : Truth::False;
    case PredOp::Eq: return scalar_equal(actual, p.value, p.ignore_case);
    case PredOp::Ne: {
      Truth t = scalar_equal(actual, p.value, p.ignore_case);
      return t == Truth::Unknown ? t : (t == Truth::True ? Truth::False : Truth::True);
    }
    case PredOp::Lt:
    case PredOp::Le:
    case PredOp::Gt:
    case PredOp::Ge: {
      auto a = as_number(actual);
      if (!a) return Truth::False;
      double e = p.value.number;
      bool ok = p.op == PredOp::Lt   ? *a < e
                : p.op == PredOp::Le ? *a <= e
                : p.op == PredOp::Gt ? *a > e
                                     : *a >= e;
      return ok ? Truth::True : Truth::False;
    }
    case PredOp::In:
    case PredOp::NotIn: {
      bool found = false;
      for (const auto &candidate : p.value.items)
        if (scalar_equal(actual, candidate, p.ignore_case) == Truth::True) found = true;
      return (found == (p.op == PredOp::In)) ? Truth::True : Truth::False;
    }
    case PredOp::Matches:
    case PredOp::NotMatches: {
      if (!actual.is_scalar()) return Truth::False;
      bool m = RE2::PartialMatch(actual.scalar_text(), p.regex->get());
      return (m == (p.op == PredOp::Matches)) ? Truth::True : Truth::False;
    }
    case PredOp::Contains:
    case PredOp::NotContains: {
      bool found = false;
      bool unknown = false;
      if (actual.kind == NodeKind::List) {
        for (const auto &item : actual.items) {
          Truth t = scalar_equal(item, p.value, p.ignore_case);
          if (t == Truth::True) found = true;
          if (t == Truth::Unknown) unknown = true;
        }
      } else if (actual.kind == NodeKind::Map) {
        found = actual.get(p.value.scalar_text()) != nullptr;
      } else if (actual.kind == NodeKind::String) {
        found = actual.text.find(p.value.scalar_text()) != std::string::npos;
      }
      if (!found && unknown) return Truth::Unknown;
      return (found == (p.op == PredOp::Contains)) ? Truth::True : Truth::False;
    }
    case PredOp::LenGe:
    case PredOp::LenLe: {
      size_t len = actual.kind == NodeKind::List     ? actual.items.size()
                   : actual.kind == NodeKind::Map    ? actual.entries.size()
                   : actual.kind == NodeKind::String ? actual.text.size()
                                                     : 0;
      double e = p.value.number;
      bool ok = p.op == PredOp::LenGe ? static_cast<double>(len) >= e : static_cast<double>(len) <= e;
      return ok ? Truth::True : Truth::False;
    }
    case PredOp::IsDuration: return agreement::parse_duration_seconds(actual) ? Truth::True : Truth::False;
    case PredOp::DurationLt:
    case PredOp::DurationLe:
    case PredOp::DurationGt:
    case PredOp::DurationGe: {
      // A value that is not a duration does not meet a duration bound: the
      // commitment is not measurable as written.
      auto a = agreement::parse_duration_seconds(actual);
      if (!a) return Truth::False;
      int64_t e = p.duration_seconds;
      bool ok = p.op == PredOp::DurationLt   ? *a < e
                : p.op == PredOp::DurationLe ? *a <= e
                : p.op == PredOp::DurationGt ? *a > e
                                             : *a >= e;
      return ok ? Truth::True : Truth::False;
    }
    case PredOp::Vague:
    case PredOp::NotVague: {
      bool vague = actual.is_scalar() && !agreement::find_vague_term(actual.scalar_text()).empty();
      return (vague == (p.op == PredOp::Vague)) ? Truth::True : Truth::False;
    }
    case PredOp::PlaceholderImage:
      return actual.is_string() && catalogue::is_placeholder_image(actual.text) ? Truth::True : Truth::False;
  }
  return Truth::Unknown;
}

// The deepest node an absent path still reaches, for the finding's location.
void locate_missing(const Node &body, const AttributePath &path, Outcome &out) {
  const Node *node = &body;
  const MapEntry *entry = nullptr;
  for (const auto &step : path) {
    if (step.index) {
      if (node->kind != NodeKind::List || *step.index >= node->items.size()) break;
      node = &node->items[*step.index];
      entry = nullptr;
      continue;
    }
    if (node->kind != NodeKind::Map) break;
    const MapEntry *next = node->entry(step.key);
    if (!next) break;
    entry = next;
    node = &next->value;
  }
  out.missing_in = node;
  out.missing_in_entry = entry;
}

std::string render(const Node &n) {
  if (n.kind == NodeKind::List) {
    std::string out = "[";
    for (size_t i = 0; i < n.items.size() && i < 8; ++i) {
      if (i) out += ", ";
      out += n.items[i].is_scalar() ? n.items[i].scalar_text() : std::string(node_kind_name(n.items[i].kind));
    }
    if (n.items.size() > 8) out += ", ...";
    return out + "]";
  }
  if (n.kind == NodeKind::Map) return "{...}";
  return n.scalar_text();
}

Outcome evaluate_attribute(const Predicate &p, const Node &body) {
  Outcome out;
  out.path_text = p.path_text;
  std::vector<PathHit> hits;
  attribute_hits(body, p.path, kEachElement, hits);
  // A path that reaches only nulls is treated as absent (HCL `x = null`
  // means "not set" in Terraform).
  bool all_null = !hits.empty() && std::all_of(hits.begin(), hits.end(), [](const PathHit &h) {
    return h.node->kind == NodeKind::Null;
  });
  if (hits.empty() || (all_null && p.op != PredOp::Eq && p.op != PredOp::Ne)) {
    locate_missing(body, p.path, out);
    if (p.default_value) {
      out.truth = compare_one(p, *p.default_value);
      out.actual_text = render(*p.default_value) + " (default)";
      return out;
    }
    out.truth = p.op == PredOp::Absent || p.op == PredOp::NotContains || p.op == PredOp::NotIn ||
                        p.op == PredOp::NotMatches || p.op == PredOp::Ne || p.op == PredOp::NotVague
                    ? Truth::True
                    : Truth::False;
    out.actual_text = "not set";
    return out;
  }
  bool any_true = false;
  const PathHit *first_false = nullptr;
  const PathHit *first_unknown = nullptr;
  for (const auto &h : hits) {
    Truth t = h.through_unknown ? Truth::Unknown : compare_one(p, *h.node);
    if (t == Truth::True) any_true = true;
    if (t == Truth::False && !first_false) first_false = &h;
    if (t == Truth::Unknown && !first_unknown) first_unknown = &h;
  }
  // Existence and `quantifier: any` need one value that passes; every other
  // op needs all values to pass. Unknown decides only what is left open.
  bool existential = p.op == PredOp::Exists || p.any_value;
  if (existential) {
    out.truth = any_true ? Truth::True : first_unknown ? Truth::Unknown : Truth::False;
  } else {
    out.truth = first_false ? Truth::False : first_unknown ? Truth::Unknown : Truth::True;
  }
  // No value satisfies an existential check: no single value is to blame,
  // so the finding stays at the resource.
  if (existential && out.truth == Truth::False) {
    out.actual_text = render(*hits.front().node);
    return out;
  }
  const PathHit *decider = out.truth == Truth::False     ? (first_false ? first_false : &hits.front())
                           : out.truth == Truth::Unknown ? first_unknown
                                                         : &hits.front();
  out.actual = decider->node;
  out.entry = decider->entry;
  if (out.truth == Truth::Unknown) {
    const Node &b = *decider->node;
    out.blocked_by = is_unknown_value(b)       ? unknown_input(b)
                     : b.kind == NodeKind::Map ? "dynamic \"" + b.text + "\""
                                               : b.text;
  } else {
    out.actual_text = render(*decider->node);
  }
  return out;
}

// "aws_s3_bucket_versioning.v (versioning_configuration.status is Suspended)".
std::string failure_text(const std::string &address, const Outcome &nested) {
  return address + " (" + nested.path_text + " is " +
         (nested.actual_text.empty() ? "not set" : nested.actual_text) + ")";
}

// True when a related resource whose link is certain passes the check;
// unknown when none does but one might (an uncertain link, a check that is
// unknown, a reference that cannot be resolved); false otherwise.
Outcome evaluate_related(const Predicate &p, const RelationSource *relations) {
  Outcome out;
  out.path_text = p.related_type + "." + p.related_via;
  if (!relations) {
    out.truth = Truth::Unknown;
    out.blocked_by = "the resources linked through " + out.path_text;
    return out;
  }
  std::vector<RelationSource::Related> related =
      relations->related(p.related_type, p.related_via, p.outgoing);
  std::string blocked_by;
  std::string first_failure;
  for (const auto &r : related) {
    Outcome nested;
    nested.truth = Truth::True;
    if (!r.body) {
      nested.truth = Truth::Unknown;
    } else if (!p.children.empty()) {
      nested = evaluate(p.children.front(), *r.body, nullptr);
    }
    if (nested.truth == Truth::True && r.certain) {
      out.truth = Truth::True;
      out.actual_text = r.address;
      return out;
    }
    if (nested.truth == Truth::False) {
      if (first_failure.empty()) first_failure = failure_text(r.address, nested);
      continue;
    }
    if (blocked_by.empty())
      blocked_by = !r.body      ? "an unknown reference through " + p.related_via
                   : !r.certain ? "whether " + r.address + "." + p.related_via + " refers to this resource"
                                : nested.blocked_by;
  }
  // Then those that may refer to it through an unknown `via`, judged once
  // for every resource that asks: the first one that is not this resource
  // and not already among `related` decides.
  const auto open = p.outgoing
                        ? nullptr
                        : relations->open_referrers(p.related_type, p.related_via,
                                                    p.children.empty() ? nullptr : &p.children.front());
  if (open) {
    std::vector<const Node *> seen{relations->self()};
    for (const auto &r : related) seen.push_back(r.body);
    std::sort(seen.begin(), seen.end());
    const auto first_other = [&](const std::vector<RelationSource::Judged> &judged) {
      for (const auto &j : judged)
        if (!j.body || !std::binary_search(seen.begin(), seen.end(), j.body)) return &j;
      return static_cast<const RelationSource::Judged *>(nullptr);
    };
    if (blocked_by.empty()) {
      if (const auto *j = first_other(open->undecided))
        blocked_by = !j->body ? "an unknown reference through " + p.related_via
                              : "whether " + j->address + "." + p.related_via + " refers to this resource";
    }
    if (blocked_by.empty() && first_failure.empty()) {
      if (const auto *j = first_other(open->failing)) first_failure = failure_text(j->address, j->outcome);
    }
  }
  if (!blocked_by.empty()) {
    out.truth = Truth::Unknown;
    out.blocked_by = blocked_by;
    return out;
  }
  out.truth = Truth::False;
  out.actual_text =
      first_failure.empty() ? "no " + p.related_type + " linked through " + p.related_via : first_failure;
  return out;
}

// What an element must hold for `check` to fail on it, in words, for a
// collection none of whose elements does: `not: {all: [{Key == a}, {Value
// == b}]}` under `not: {each: ...}` reads "a = b" (a key/value pair), other
// attribute tests "Name = x and Port = 80". "" when it cannot be said.
std::string describe_wanted_element(const Predicate &check) {
  if (check.kind != Predicate::Kind::Not || check.children.empty()) return "";
  const Predicate &want = check.children.front();
  std::vector<const Predicate *> tests;
  if (want.kind == Predicate::Kind::Attribute) tests.push_back(&want);
  if (want.kind == Predicate::Kind::All)
    for (const Predicate &c : want.children) tests.push_back(&c);
  auto expected = [](const Predicate &t) {
    if (t.op == PredOp::In && t.value.is_list()) {
      std::string out;
      for (size_t i = 0; i < t.value.items.size(); ++i)
        out += (i ? (i + 1 == t.value.items.size() ? " or " : ", ") : "") + render(t.value.items[i]);
      return out;
    }
    return render(t.value);
  };
  for (const Predicate *t : tests)
    if (t->kind != Predicate::Kind::Attribute || (t->op != PredOp::Eq && t->op != PredOp::In)) return "";
  if (tests.empty()) return "";
  static const std::set<std::string, std::less<>> kKeyNames = {"Key", "key", "Name", "name"};
  if (tests.size() == 2 && tests[0]->op == PredOp::Eq && kKeyNames.count(tests[0]->path_text))
    return expected(*tests[0]) + " = " + expected(*tests[1]);
  std::string out;
  for (const Predicate *t : tests) out += (out.empty() ? "" : " and ") + t->path_text + " = " + expected(*t);
  return out;
}

Outcome evaluate_each(const Predicate &p, const Node &body) {
  std::vector<PathHit> hits;
  attribute_hits(body, p.path, kEachElement, hits);
  std::vector<const Node *> elements;
  bool unknown_collection = false;
  const PathHit *unknown_hit = nullptr;
  for (const auto &h : hits) {
    if (h.through_unknown) {
      if (!unknown_hit) unknown_hit = &h;
      unknown_collection = true;
      continue;
    }
    if (h.node->kind == NodeKind::List) {
      for (const auto &item : h.node->items) elements.push_back(&item);
    } else if (h.node->kind != NodeKind::Null) {
      elements.push_back(h.node);
    }
  }
  Outcome unknown;
  bool saw_unknown = false;
  for (const Node *el : elements) {
    Outcome o;
    if (el->kind == NodeKind::Expression) {
      o.truth = Truth::Unknown;
      o.actual = el;
      o.path_text = p.path_text;
      o.blocked_by = el->text;
    } else {
      o = evaluate(p.children.front(), *el);
    }
    // An element that lacks the attribute is reported at the element.
    if (!o.actual && el->span.valid()) o.actual = el;
    if (o.truth == Truth::False) return o;
    if (o.truth == Truth::Unknown && !saw_unknown) {
      saw_unknown = true;
      unknown = o;
    }
  }
  if (saw_unknown) return unknown;
  // Elements that only exist at plan time (a dynamic block, an unknown
  // list) may break the rule: undecided.
  if (unknown_collection) {
    Outcome o;
    o.truth = Truth::Unknown;
    o.actual = unknown_hit->node;
    o.path_text = p.path_text;
    o.blocked_by = unknown_hit->node->is_expression() ? unknown_hit->node->text
                                                      : "dynamic \"" + unknown_hit->node->text + "\"";
    return o;
  }
  Outcome ok;
  ok.truth = Truth::True;
  ok.path_text = p.path_text;
  // Under `not:` ("some element must"), a written collection none of whose
  // elements qualifies is the offending value: say so at its line, not
  // that it is missing.
  if (!elements.empty()) {
    const PathHit &written = hits.front();
    ok.actual = written.node;
    ok.entry = written.entry;
    // An element that has what is wanted's first part (its key) but not the
    // rest (its value) is where to point instead.
    const Predicate &check = p.children.front();
    const Predicate *want =
        check.kind == Predicate::Kind::Not && !check.children.empty() ? &check.children.front() : nullptr;
    if (want && want->kind == Predicate::Kind::All && want->children.size() >= 2)
      for (const Node *el : elements) {
        if (el->kind == NodeKind::Expression || evaluate(want->children.front(), *el).truth != Truth::True)
          continue;
        Outcome near = evaluate(*want, *el);
        if (near.truth != Truth::False || !near.actual) continue;
        ok.actual = near.actual;
        ok.entry = near.entry;
        break;
      }
    const std::string wanted = describe_wanted_element(p.children.front());
    ok.actual_text = wanted.empty() ? "set, but no entry qualifies" : "set, but has no " + wanted;
  }
  return ok;
}

}  // namespace

Outcome evaluate(const Predicate &p, const Node &body, const RelationSource *relations) {
  switch (p.kind) {
    case Predicate::Kind::Attribute: return evaluate_attribute(p, body);
    case Predicate::Kind::Related: return evaluate_related(p, relations);
    case Predicate::Kind::Each: return evaluate_each(p, body);
    case Predicate::Kind::Certain: {
      Outcome o = evaluate(p.children.front(), body, relations);
      if (o.truth == Truth::Unknown) {
        o.truth = Truth::False;
        o.blocked_by.clear();
      }
      return o;
    }
    case Predicate::Kind::Not: {
      Outcome o = evaluate(p.children.front(), body, relations);
      if (o.truth == Truth::True) {
        o.truth = Truth::False;
      } else if (o.truth == Truth::False) {
        o.truth = Truth::True;
      }
      return o;
    }
    case Predicate::Kind::All: {
      Outcome unknown;
      bool saw_unknown = false;
      Outcome last;
      last.truth = Truth::True;
      for (const auto &c : p.children) {
        Outcome o = evaluate(c, body, relations);
        if (o.truth == Truth::False) return o;
        if (o.truth == Truth::Unknown && !saw_unknown) {
          saw_unknown = true;
          unknown = o;
        }
        if (o.truth == Truth::True) last = o;
      }
      return saw_unknown ? unknown : last;
    }
    case Predicate::Kind::Any: {
      Outcome first_false;
      bool have_false = false;
      Outcome unknown;
      bool saw_unknown = false;
      for (const auto &c : p.children) {
        Outcome o = evaluate(c, body, relations);
        if (o.truth == Truth::True) return o;
        if (o.truth == Truth::Unknown && !saw_unknown) {
          saw_unknown = true;
          unknown = o;
        }
        // Prefer a written offending value over an absent one for the location.
        if (o.truth == Truth::False && (!have_false || (!first_false.actual && o.actual))) {
          have_false = true;
          first_false = o;
        }
      }
      if (saw_unknown) return unknown;
      first_false.truth = Truth::False;
      return first_false;
    }
  }
  return Outcome{};
}

}  // namespace clause
