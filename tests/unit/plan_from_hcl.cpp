#include "tests/unit/plan_from_hcl.h"

#include <cstdio>
#include <set>

#include "checker/terraform/values.h"
#include "parsers/terraform/plan_resources.h"

namespace clause::testing {
namespace {

// Meta-arguments: not attributes of the planned object.
const std::set<std::string, std::less<>> kMeta = {"count",     "for_each",    "provider",  "depends_on",
                                                  "lifecycle", "provisioner", "connection"};

std::string quoted(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

std::string scalar(const Node &n) {
  switch (n.kind) {
    case NodeKind::Bool: return n.boolean ? "true" : "false";
    case NodeKind::Number: {
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.17g", n.number);
      return buf;
    }
    case NodeKind::String: return quoted(n.text);
    default: return "null";
  }
}

// The module part of a configuration address ("module.a.module.b."), and
// the rest ("aws_s3_bucket.x").
std::pair<std::string, std::string> split_module(const std::string &config_address) {
  const size_t name_dot = config_address.rfind('.');
  const size_t type_dot = name_dot == std::string::npos || name_dot == 0
                              ? std::string::npos
                              : config_address.rfind('.', name_dot - 1);
  if (type_dot == std::string::npos) return {"", config_address};
  return {config_address.substr(0, type_dot + 1), config_address.substr(type_dot + 1)};
}

class Writer {
 public:
  std::string out;
  uint32_t line = 1;
  std::map<uint32_t, std::pair<std::string, uint32_t>> source_line;

  void put(std::string_view s) {
    for (char c : s)
      if (c == '\n') ++line;
    out += s;
  }
  void map_here(const std::string &path, uint32_t source) {
    if (!path.empty() && source) source_line.emplace(line, std::make_pair(path, source));
  }

  // A planned value: known parts as JSON, unknown ones as null; each line
  // that starts a value is mapped to the value's .tf line (`fallback` when
  // evaluation made the value).
  void value(const Node &n, const std::string &path, uint32_t fallback, const std::string &pad) {
    const uint32_t here = n.span.valid() ? n.span.start_line : fallback;
    map_here(path, here);
    if (n.is_map()) {
      if (n.entries.empty()) return put("{}");
      put("{");
      bool first = true;
      for (const MapEntry &e : n.entries) {
        put(first ? "\n" : ",\n");
        first = false;
        put(pad + "  " + quoted(e.key) + ": ");
        value(e.value, path, here, pad + "  ");
      }
      put("\n" + pad + "}");
    } else if (n.is_list()) {
      if (n.items.empty()) return put("[]");
      put("[");
      bool first = true;
      for (const Node &item : n.items) {
        put(first ? "\n" + pad + "  " : ",\n" + pad + "  ");
        first = false;
        value(item, path, here, pad + "  ");
      }
      put("\n" + pad + "]");
    } else {
      put(scalar(n));
    }
  }
};

// after_unknown of a value: true where it is unknown.
std::string after_unknown(const Node &n) {
  if (n.is_expression()) return "true";
  if (n.is_map()) {
    std::string out = "{";
    for (const MapEntry &e : n.entries) {
      if (tf::is_known(e.value)) continue;
      out += (out.size() > 1 ? ", " : "") + quoted(e.key) + ": " + after_unknown(e.value);
    }
    return out + "}";
  }
  if (n.is_list()) {
    std::string out = "[";
    for (size_t i = 0; i < n.items.size(); ++i) out += (i ? ", " : "") + after_unknown(n.items[i]);
    return out + "]";
  }
  return "false";
}

std::string known_json(const Node &n) {
  Writer w;
  w.value(n, "", 0, "");
  return w.out;
}

// A configuration expression of `n` for a resource of module `module`.
std::string expression(const Node &n, const std::string &module) {
  if (n.is_list() && n.from_block) {
    std::string out = "[";
    for (size_t i = 0; i < n.items.size(); ++i) {
      std::string block = "{";
      for (const MapEntry &e : n.items[i].entries)
        block += (block.size() > 1 ? ", " : "") + quoted(e.key) + ": " + expression(e.value, module);
      out += (i ? ", " : "") + block + "}";
    }
    return out + "]";
  }
  if (tf::is_known(n)) return "{\"constant_value\": " + known_json(n) + "}";
  std::vector<std::string> refs;
  tf::collect_references(n, refs);
  std::set<std::string> written;
  for (const std::string &ref : refs) {
    std::string base = configuration_address(ref);
    if (base.rfind(module, 0) == 0) written.insert(base.substr(module.size()));
  }
  if (tf::has_plain_unknown(n) || written.empty()) written.insert("var.unknown");
  std::string out = "{\"references\": [";
  bool first = true;
  for (const std::string &r : written) {
    out += (first ? "" : ", ") + quoted(r);
    first = false;
  }
  return out + "]}";
}

struct ModuleConfig {
  std::vector<std::string> resources;  // JSON objects
  std::map<std::string, ModuleConfig> calls;
  std::set<std::string> seen;
};

std::string module_json(const ModuleConfig &m) {
  std::string out = "{\"resources\": [";
  for (size_t i = 0; i < m.resources.size(); ++i) out += (i ? ",\n" : "\n") + m.resources[i];
  out += "], \"module_calls\": {";
  bool first = true;
  for (const auto &[name, child] : m.calls) {
    out += (first ? "" : ", ") + quoted(name) + ": {\"module\": " + module_json(child) + "}";
    first = false;
  }
  return out + "}}";
}

}  // namespace

PlanFromHcl plan_from_hcl(const std::vector<Resource> &resources) {
  Writer w;
  ModuleConfig root;
  std::string changes;
  w.put("{\n  \"format_version\": \"1.2\",\n  \"planned_values\": {\"root_module\": {\"resources\": [");
  bool first = true;
  for (const Resource &r : resources) {
    if (r.format != DocKind::Terraform || !r.body || !r.document) continue;
    const std::string &path = r.document->path;
    w.put(first ? "\n" : ",\n");
    first = false;
    w.put("    {\"mode\": \"managed\", \"type\": " + quoted(r.type) + ", \"name\": " + quoted(r.name) +
          ",\n");
    w.map_here(path, r.span.start_line);
    w.put("     \"address\": " + quoted(r.address) + ",\n     \"values\": {");
    std::string unknown = "{";
    bool first_value = true;
    std::string expressions = "{";
    const std::string config_address = configuration_address(r.address);
    const auto [module, local_address] = split_module(config_address);
    for (const MapEntry &e : r.body->entries) {
      if (kMeta.count(e.key)) continue;
      w.put(first_value ? "\n" : ",\n");
      first_value = false;
      w.put("       " + quoted(e.key) + ": ");
      w.value(e.value, path, r.span.start_line, "       ");
      if (!tf::is_known(e.value))
        unknown += (unknown.size() > 1 ? ", " : "") + quoted(e.key) + ": " + after_unknown(e.value);
      if (e.key != "tags_all")
        expressions +=
            (expressions.size() > 1 ? ", " : "") + quoted(e.key) + ": " + expression(e.value, module);
    }
    w.put("}}");
    changes += std::string(changes.empty() ? "\n" : ",\n") + "    {\"address\": " + quoted(r.address) +
               ", \"mode\": \"managed\", \"type\": " + quoted(r.type) + ", \"name\": " + quoted(r.name) +
               ", \"change\": {\"actions\": [\"create\"], \"after_unknown\": " + unknown + "}}}";
    // The configuration: one entry per resource block, in its module.
    ModuleConfig *m = &root;
    std::string rest = module;
    while (rest.rfind("module.", 0) == 0) {
      const size_t dot = rest.find('.', 7);
      m = &m->calls[rest.substr(7, dot - 7)];
      rest = rest.substr(dot + 1);
    }
    if (!m->seen.insert(local_address).second) continue;
    m->resources.push_back("{\"address\": " + quoted(local_address) +
                           ", \"mode\": \"managed\", \"type\": " + quoted(r.type) +
                           ", \"name\": " + quoted(r.name) + ", \"expressions\": " + expressions + "}}");
  }
  w.put("\n  ]}},\n  \"resource_changes\": [" + changes +
        "\n  ],\n  \"configuration\": {\"root_module\": " + module_json(root) + "}\n}\n");
  return PlanFromHcl{std::move(w.out), std::move(w.source_line)};
}

}  // namespace clause::testing
