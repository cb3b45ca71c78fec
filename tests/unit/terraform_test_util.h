#pragma once
// Test helper: Terraform documents parsed from strings, evaluated as one
// scan root.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "checker/terraform/module_eval.h"
#include "checker/terraform/values.h"
#include "parsers/hcl/hcl_parser.h"

namespace clause::testing_support {

// A value as compact text: strings quoted, `?` for unknown, `!` for an
// error, lists [a, b], maps {k = v} (keys in order).
inline std::string render_value(const Node &n) {
  switch (n.kind) {
    case NodeKind::Null: return "null";
    case NodeKind::Bool: return n.boolean ? "true" : "false";
    case NodeKind::Number: return n.scalar_text();
    case NodeKind::String: return "\"" + n.text + "\"";
    case NodeKind::Expression: return tf::is_error(n) ? "!" : "?";
    case NodeKind::List: {
      std::string out = "[";
      for (size_t i = 0; i < n.items.size(); ++i) out += (i ? ", " : "") + render_value(n.items[i]);
      return out + "]";
    }
    case NodeKind::Map: {
      std::string out = "{";
      for (size_t i = 0; i < n.entries.size(); ++i)
        out += (i ? ", " : "") + n.entries[i].key + " = " + render_value(n.entries[i].value);
      return out + "}";
    }
  }
  return "";
}

// `src` parsed as main.tf with the default options.
inline Document parsed_main_tf(const std::string &src) {
  Document d;
  d.kind = DocKind::Terraform;
  d.path = "main.tf";
  d.source = src;
  parse_hcl(d, ParseOptions{});
  return d;
}

class TerraformFiles {
 public:
  // Adds a file; `.tfvars` files are variable files, others configuration.
  TerraformFiles &add(const std::string &path, std::string source) {
    auto doc = std::make_unique<Document>();
    bool vars = path.size() > 7 && path.compare(path.size() - 7, 7, ".tfvars") == 0;
    doc->kind = vars ? DocKind::TerraformVars : DocKind::Terraform;
    doc->path = path;
    doc->source = std::move(source);
    parse_hcl(*doc, ParseOptions{});
    EXPECT_TRUE(doc->diagnostics.empty()) << path << " does not parse";
    docs.push_back(std::move(doc));
    return *this;
  }

  const tf::TerraformEvaluation &evaluate(const std::vector<const Document *> &var_files = {}) {
    result = tf::evaluate_terraform(docs, var_files);
    return result;
  }

  const Resource *find(const std::string &address) const {
    for (const auto &r : result.resources)
      if (r.address == address) return &r;
    return nullptr;
  }

  std::vector<std::string> addresses() const {
    std::vector<std::string> out;
    for (const auto &r : result.resources) out.push_back(r.address);
    return out;
  }

  // The evaluated attribute `key` of the resource at `address`.
  const Node &attr(const std::string &address, const std::string &key) const {
    const Resource *r = find(address);
    static const Node missing = Node::make_expression("(missing)");
    if (!r || !r->body) {
      ADD_FAILURE() << "no resource " << address;
      return missing;
    }
    const Node *v = r->body->get(key);
    if (!v) {
      ADD_FAILURE() << address << " has no attribute " << key;
      return missing;
    }
    return *v;
  }

  std::vector<DocumentPtr> docs;
  tf::TerraformEvaluation result;
};

}  // namespace clause::testing_support
