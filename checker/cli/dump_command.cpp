// `clause dump FILE`: the model a file parses into (kind, diagnostics,
// blocks, documents, resources) as JSON with spans. For debugging parsers and
// writing rules; not a stable format.
#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "checker/cli/commands.h"
#include "checker/discovery/discover.h"
#include "checker/project/loader.h"

namespace clause::cli {
namespace {

using Json = nlohmann::ordered_json;

Json span_json(const Span &s) { return Json::array({s.start_line, s.start_col, s.end_line, s.end_col}); }

Json node_json(const Node &n) {
  Json j;
  j["kind"] = node_kind_name(n.kind);
  j["span"] = span_json(n.span);
  switch (n.kind) {
    case NodeKind::List: {
      Json items = Json::array();
      for (const auto &i : n.items) items.push_back(node_json(i));
      j["items"] = items;
      break;
    }
    case NodeKind::Map: {
      Json entries = Json::array();
      for (const auto &e : n.entries)
        entries.push_back(
            Json{{"key", e.key}, {"key_span", span_json(e.key_span)}, {"value", node_json(e.value)}});
      j["entries"] = entries;
      if (!n.text.empty()) j["label"] = n.text;
      break;
    }
    case NodeKind::Null: break;
    default: j["value"] = n.scalar_text();
  }
  return j;
}

}  // namespace

Command add_dump_command(CLI::App &app) {
  auto path = std::make_shared<std::string>();
  CLI::App *cmd = app.add_subcommand("dump", "Print the model a file parses into, as JSON (for debugging)");
  cmd->add_option("file", *path, "File to parse")->required();
  return Command{cmd, [path] {
                   Discovery d;
                   try {
                     d = discover(*path, DiscoveryOptions{});
                   } catch (const std::runtime_error &e) {
                     // A file that is not there is the user's mistake, not clause's.
                     std::cerr << "clause: error: " << e.what() << "\n";
                     return static_cast<int>(kUsage);
                   }
                   LoadOptions lo;
                   lo.parse.keep_unknown_diagnostics = true;
                   Project p = load_project(d, lo);
                   Json out;
                   Json diags = Json::array();
                   for (const auto &fd : p.diagnostics)
                     diags.push_back(Json{{"path", fd.path},
                                          {"code", fd.diagnostic.code},
                                          {"message", fd.diagnostic.message},
                                          {"span", span_json(fd.diagnostic.span)}});
                   out["diagnostics"] = diags;
                   out["files"] = p.files_by_kind;
                   Json docs = Json::array();
                   for (const auto &doc : p.documents) {
                     Json jd;
                     jd["path"] = doc->path;
                     jd["kind"] = doc_kind_name(doc->kind);
                     Json blocks = Json::array();
                     for (const auto &b : doc->blocks)
                       blocks.push_back(Json{{"type", b.type},
                                             {"labels", b.labels},
                                             {"header", span_json(b.header)},
                                             {"body", node_json(b.body)}});
                     if (!blocks.empty()) jd["blocks"] = blocks;
                     Json roots = Json::array();
                     for (const auto &r : doc->roots) roots.push_back(node_json(r));
                     if (!roots.empty()) jd["roots"] = roots;
                     docs.push_back(jd);
                   }
                   out["documents"] = docs;
                   Json resources = Json::array();
                   for (const auto &r : p.resources)
                     resources.push_back(Json{{"address", r.address},
                                              {"type", r.type},
                                              {"provider", provider_family_name(r.provider)},
                                              {"span", span_json(r.span)}});
                   out["resources"] = resources;
                   std::cout << out.dump(2) << "\n";
                   return static_cast<int>(kOk);
                 }};
}

}  // namespace clause::cli
