#include "checker/workflow/cfn_parameters.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "checker/workflow/config.h"
#include "parsers/json/json_parser.h"

namespace clause {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void fail(const std::string &origin, const Span &at, const std::string &message) {
  std::string where = origin;
  if (at.valid()) where += ":" + std::to_string(at.start_line) + ":" + std::to_string(at.start_col);
  throw ConfigError(where + ": " + message);
}

// A parameter value: text, or a list of them joined with commas (as the
// CLI accepts for List parameters).
std::string value_text(const std::string &origin, const Node &v, const std::string &name) {
  if (v.is_scalar()) return v.is_string() ? v.text : v.scalar_text();
  if (v.is_list()) {
    std::string out;
    for (size_t i = 0; i < v.items.size(); ++i) {
      if (!v.items[i].is_scalar()) break;
      out += (i ? "," : "") + (v.items[i].is_string() ? v.items[i].text : v.items[i].scalar_text());
      if (i + 1 == v.items.size()) return out;
    }
  }
  fail(origin, v.span, "the value of parameter " + name + " must be a string");
}

}  // namespace

std::map<std::string, std::string> parse_cfn_parameters(const std::string &text, const std::string &origin) {
  Document doc;
  doc.path = origin;
  doc.source = text;
  parse_json(doc, ParseOptions{});
  for (const Diagnostic &d : doc.diagnostics)
    if (d.level == DiagLevel::Error) fail(origin, d.span, d.message);
  if (doc.roots.empty()) fail(origin, {}, "empty parameters file");
  const Node &root = doc.roots.front();
  std::map<std::string, std::string> out;
  if (root.is_list()) {
    for (const Node &item : root.items) {
      const Node *key = item.is_map() ? item.get("ParameterKey") : nullptr;
      if (!key || !key->is_string())
        fail(origin, item.span, "each entry of a parameters file needs a \"ParameterKey\" string");
      if (const Node *previous = item.get("UsePreviousValue");
          previous && previous->kind == NodeKind::Bool && previous->boolean)
        continue;  // the value of the running stack: not known here
      const Node *value = item.get("ParameterValue");
      if (!value) fail(origin, item.span, "parameter " + key->text + " has no \"ParameterValue\"");
      out[key->text] = value_text(origin, *value, key->text);
    }
    return out;
  }
  const Node *params = root.is_map() ? root.get("Parameters") : nullptr;
  if (!params || !params->is_map())
    fail(
        origin, root.span,
        "expected a CloudFormation parameters file ([{\"ParameterKey\": ..., \"ParameterValue\": ...}]) or a "
        "template configuration ({\"Parameters\": {...}})");
  for (const MapEntry &e : params->entries) out[e.key] = value_text(origin, e.value, e.key);
  return out;
}

std::map<std::string, std::string> read_cfn_parameters(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ConfigError(path + ": cannot read the parameters file");
  std::stringstream ss;
  ss << in.rdbuf();
  return parse_cfn_parameters(ss.str(), path);
}

std::function<CfnInputs(const std::string &)> cfn_inputs_for(std::shared_ptr<const Config> config,
                                                             const std::vector<std::string> &specs) {
  using Table = std::map<std::string, std::map<std::string, std::string>>;
  auto given = std::make_shared<Table>();
  for (const std::string &spec : specs) {
    const size_t eq = spec.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == spec.size())
      throw ConfigError("--cfn-parameters '" + spec + "': expected TEMPLATE=FILE");
    const std::string tmpl = fs::absolute(spec.substr(0, eq)).lexically_normal().string();
    (*given)[tmpl] = read_cfn_parameters(spec.substr(eq + 1));
  }
  auto files = std::make_shared<Table>();
  for (const auto &entry : config->cfn_parameter_files)
    (*files)[entry.second] = read_cfn_parameters(entry.second);
  return [config, given, files](const std::string &abs) {
    CfnInputs inputs;
    inputs.region = config->region_for(DocKind::CloudFormation, abs);
    inputs.account_id = config->locations.cloudformation_account;
    if (auto it = given->empty() ? given->end() : given->find(fs::absolute(abs).lexically_normal().string());
        it != given->end()) {
      inputs.parameters = it->second;
    } else if (std::string file = config->cfn_parameters_for(abs); !file.empty()) {
      inputs.parameters = files->at(file);
    }
    return inputs;
  };
}

}  // namespace clause
