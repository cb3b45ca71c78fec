#include "checker/agreement/agreement_schema.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>

#include <nlohmann/json.hpp>

#include "checker/engine/embedded_files.h"

namespace clause::agreement {
namespace {

using json = nlohmann::json;

constexpr std::string_view kSchemaPath = "docs/schema/cloud-service-agreement.schema.json";

const json &schema() {
  static const json s = [] {
    for (const auto &f : embedded_doc_files())
      if (f.path == kSchemaPath) return json::parse(f.content);
    return json::object();  // not embedded: nothing is known, nothing is reported
  }();
  return s;
}

// Follows a local `$ref` (#/$defs/name); `def` receives the name.
const json &resolve(const json &node, std::string *def = nullptr) {
  auto it = node.find("$ref");
  if (it == node.end() || !it->is_string()) return node;
  const std::string ref = *it;
  const std::string prefix = "#/$defs/";
  if (ref.rfind(prefix, 0) != 0) return node;
  const std::string name = ref.substr(prefix.size());
  const json &defs = schema()["$defs"];
  if (!defs.contains(name)) return node;
  if (def) *def = name;
  return defs[name];
}

bool is_extension(std::string_view key) { return key.rfind("x-", 0) == 0; }

// The JSON types a schema node accepts ("object", "string", ...); nullopt
// when any type goes. A node's own `type` and its anyOf branches must both
// accept a value, so the result is their intersection.
std::optional<std::set<std::string>> accepted_types(const json &raw) {
  const json &node = resolve(raw);
  std::optional<std::set<std::string>> own;
  if (auto t = node.find("type"); t != node.end()) {
    own.emplace();
    if (t->is_string()) own->insert(t->get<std::string>());
    if (t->is_array())
      for (const auto &x : *t) own->insert(x.get<std::string>());
  }
  auto any = node.find("anyOf");
  if (any == node.end()) return own;
  std::optional<std::set<std::string>> branches = std::set<std::string>();
  for (const auto &branch : *any) {
    auto b = accepted_types(branch);
    if (!b) {
      branches.reset();  // an unrestricted branch accepts every type
      break;
    }
    branches->insert(b->begin(), b->end());
  }
  if (!own) return branches;
  if (!branches) return own;
  std::set<std::string> both;
  for (const auto &t : *own)
    if (branches->count(t)) both.insert(t);
  return both;
}

const char *json_type_of(const Node &n) {
  switch (n.kind) {
    case NodeKind::Map: return "object";
    case NodeKind::List: return "array";
    case NodeKind::String: return "string";
    case NodeKind::Number: return "number";
    case NodeKind::Bool: return "boolean";
    default: return "";
  }
}

bool type_matches(const std::optional<std::set<std::string>> &types, const Node &n) {
  // Null is an empty section (a rule reports it); an expression is not
  // judged. Neither is a type error.
  if (!types || n.kind == NodeKind::Null || n.kind == NodeKind::Expression) return true;
  std::string t = json_type_of(n);
  if (types->count(t)) return true;
  return t == "number" && types->count("integer") && n.number == std::trunc(n.number);
}

std::string describe_types(const std::set<std::string> &types) {
  static const std::map<std::string, std::string> kWords = {
      {"object", "a mapping"}, {"array", "a list"},           {"string", "a string"},
      {"number", "a number"},  {"integer", "a whole number"}, {"boolean", "true or false"}};
  std::string out;
  size_t i = 0;
  for (const auto &t : types) {
    if (i) out += (i + 1 == types.size()) ? " or " : ", ";
    auto w = kWords.find(t);
    out += w != kWords.end() ? w->second : t;
    ++i;
  }
  return out;
}

std::string describe_node(const Node &n) {
  switch (n.kind) {
    case NodeKind::Map: return "a mapping";
    case NodeKind::List: return "a list";
    case NodeKind::String: return "the string '" + n.text + "'";
    case NodeKind::Number: return "the number " + n.scalar_text();
    case NodeKind::Bool: return std::string(n.boolean ? "true" : "false");
    default: return "empty";
  }
}

Span entry_or_node_span(const Node &value, const MapEntry *entry) {
  if (!entry || !entry->key_span.valid()) return value.span;
  Span s = value.span.valid() ? value.span : entry->key_span;
  s.start_line = entry->key_span.start_line;
  s.start_col = entry->key_span.start_col;
  s.start_offset = entry->key_span.start_offset;
  return s;
}

// Where each property name is defined in the schema ("termination",
// "dataManagement.deletion"), to tell a user where a misplaced key belongs.
const std::map<std::string, std::vector<std::string>> &property_index() {
  static const auto index = [] {
    std::map<std::string, std::vector<std::string>> out;
    std::function<void(const json &, const std::string &, int)> walk = [&](const json &raw,
                                                                           const std::string &at, int depth) {
      if (depth > 16) return;
      const json &node = resolve(raw);
      if (auto props = node.find("properties"); props != node.end()) {
        for (const auto &[key, sub] : props->items()) {
          out[key].push_back(at.empty() ? "the top level" : at);
          walk(sub, at.empty() ? key : at + "." + key, depth + 1);
        }
      }
      if (auto items = node.find("items"); items != node.end()) walk(*items, at + "[]", depth + 1);
    };
    walk(schema(), "", 0);
    return out;
  }();
  return index;
}

size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      bool same = std::tolower(static_cast<unsigned char>(a[i - 1])) ==
                  std::tolower(static_cast<unsigned char>(b[j - 1]));
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (same ? 0 : 1)});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::string unknown_key_message(const std::string &key, const std::string &where, const json &props) {
  std::string msg = "unknown field '" + key + "' " + where;
  std::string best;
  size_t best_distance = 3;  // at most two edits away
  for (const auto &[candidate, _] : props.items()) {
    size_t d = edit_distance(key, candidate);
    if (d < best_distance) {
      best_distance = d;
      best = candidate;
    }
  }
  if (!best.empty()) return msg + "; did you mean '" + best + "'?";
  auto it = property_index().find(key);
  if (it != property_index().end()) {
    msg += "; '" + key + "' belongs under ";
    for (size_t i = 0; i < it->second.size() && i < 3; ++i) {
      if (i) msg += ", ";
      msg += it->second[i] == "the top level" ? it->second[i] : "'" + it->second[i] + "'";
    }
  }
  return msg;
}

std::string join_path(const std::string &parent, const std::string &key) {
  return parent.empty() ? key : parent + "." + key;
}

struct Walker {
  const std::function<void(const SchemaField &)> *visit = nullptr;
  std::vector<ShapeProblem> *problems = nullptr;

  void walk(const Node &value, const MapEntry *entry, const json &raw, const std::string &path, int depth) {
    if (depth > 32) return;
    std::string def;
    const json &node = resolve(raw, &def);
    if (problems) {
      auto types = accepted_types(raw);
      if (!type_matches(types, value)) {
        problems->push_back(ShapeProblem{
            entry_or_node_span(value, entry),
            "'" + (path.empty() ? std::string("the agreement") : path) + "' must be " +
                (def == "duration" ? std::string("a duration such as P30D or 30d") : describe_types(*types)) +
                ", not " + describe_node(value)});
        return;  // what is inside a value of the wrong type is not judged
      }
    }
    if (visit) {
      SchemaField f{value, entry, path, def, {}};
      if (auto e = node.find("enum"); e != node.end())
        for (const auto &v : *e)
          if (v.is_string()) f.enum_values.push_back(v.get<std::string>());
      (*visit)(f);
    }
    if (value.kind == NodeKind::Map) {
      auto props = node.find("properties");
      auto additional = node.find("additionalProperties");
      const json empty = json::object();
      const json &known = props != node.end() ? *props : empty;
      for (const auto &e : value.entries) {
        if (is_extension(e.key)) continue;
        const std::string child = join_path(path, e.key);
        if (known.contains(e.key)) {
          walk(e.value, &e, known[e.key], child, depth + 1);
        } else if (additional != node.end() && additional->is_object()) {
          walk(e.value, &e, *additional, child, depth + 1);
        } else if (problems && additional != node.end() && additional->is_boolean() &&
                   !additional->get<bool>()) {
          problems->push_back(ShapeProblem{
              e.key_span,
              unknown_key_message(e.key, path.empty() ? "at the top level" : "in '" + path + "'", known)});
        }
      }
    } else if (value.kind == NodeKind::List) {
      auto items = node.find("items");
      if (items == node.end()) return;
      for (size_t i = 0; i < value.items.size(); ++i)
        walk(value.items[i], nullptr, *items, path + "[" + std::to_string(i) + "]", depth + 1);
    }
  }
};

}  // namespace

void for_each_schema_field(const Node &root, const std::function<void(const SchemaField &)> &fn) {
  Walker w;
  w.visit = &fn;
  w.walk(root, nullptr, schema(), "", 0);
}

std::vector<ShapeProblem> check_agreement_shape(const Node &root) {
  std::vector<ShapeProblem> problems;
  if (root.kind != NodeKind::Map) {
    problems.push_back(ShapeProblem{root.span, "an agreement must be a mapping of blocks"});
    return problems;
  }
  const MapEntry *api = root.entry("apiVersion");
  if (!api) {
    const MapEntry *kind = root.entry("kind");
    problems.push_back(ShapeProblem{
        kind ? kind->key_span : root.span,
        "the agreement has no apiVersion; write 'apiVersion: " + std::string(kAgreementApiVersion) + "'"});
  } else if (api->value.kind != NodeKind::String || api->value.text != kAgreementApiVersion) {
    problems.push_back(ShapeProblem{entry_or_node_span(api->value, api),
                                    "unsupported apiVersion '" + api->value.scalar_text() +
                                        "'; this version of clause reads " +
                                        std::string(kAgreementApiVersion)});
  }
  Walker w;
  w.problems = &problems;
  w.walk(root, nullptr, schema(), "", 0);
  return problems;
}

}  // namespace clause::agreement
